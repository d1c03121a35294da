/**
 * The verbs the shells (CLI, browser-mode server, Electron) run on files and folders beside the
 * requests of the contract: import and export files, back up and restore, check the corpus file,
 * schedule the background backups and checks. The shells reach the domain rooms only through this
 * table and the handlers, so the rooms below never learn of a shell (.dependency-cruiser.cjs,
 * rule shells-talk-to-the-wiring).
 *
 * Each entry loads its room on first call and answers a promise, so a shell starts without
 * loading rooms the verb it runs does not need (the CLI's start time, bench:cli-start).
 */
import type * as Backups from '../corpus/backups.ts';
import type * as BackupSchedules from '../corpus/backupSchedule.ts';
import type * as DatabaseHealth from '../corpus/databaseHealth.ts';
import type * as FullCheckSchedules from '../corpus/fullCheckSchedule.ts';
import type * as ClaimReviews from '../exchange/claimReview.ts';
import type * as CsvExports from '../exchange/csvExport.ts';
import type * as FileOutput from '../exchange/fileOutput.ts';
import type * as JsonLdScripts from '../exchange/jsonLdScript.ts';
import type * as WebAnnotations from '../exchange/webAnnotation.ts';
import type * as FileImports from '../ingest/importFiles.ts';
import type * as UrlImports from '../ingest/urlImport.ts';

export { DEFAULT_BACKUPS_KEPT, type Backup, type Restored } from '../corpus/backups.ts';
export type { BackupSchedule } from '../corpus/backupSchedule.ts';

/** A module's function, called once the module is loaded: the same arguments, its result as a promise. */
type Lazy<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;

function lazily<M, K extends keyof M>(load: () => Promise<M>, name: K): Lazy<M[K]> {
  const call = async (...args: unknown[]) => ((await load())[name] as (...a: unknown[]) => unknown)(...args);
  return call as Lazy<M[K]>;
}

const backups = (): Promise<typeof Backups> => import('../corpus/backups.ts');
const databaseHealth = (): Promise<typeof DatabaseHealth> => import('../corpus/databaseHealth.ts');
const webAnnotations = (): Promise<typeof WebAnnotations> => import('../exchange/webAnnotation.ts');

export const FILE_OPERATIONS = {
  /** Files and folders of articles, each file its own outcome. */
  importPaths: lazily((): Promise<typeof FileImports> => import('../ingest/importFiles.ts'), 'importPaths'),
  /** A page fetched within a size and time limit, then imported like a file. */
  importFromUrl: lazily((): Promise<typeof UrlImports> => import('../ingest/urlImport.ts'), 'importFromUrl'),
  /** A Web Annotation collection merged into the corpus. */
  importWebAnnotations: lazily(webAnnotations, 'importWebAnnotations'),
  exportCsv: lazily((): Promise<typeof CsvExports> => import('../exchange/csvExport.ts'), 'exportCsv'),
  exportWebAnnotations: lazily(webAnnotations, 'exportWebAnnotations'),
  buildClaimReviews: lazily((): Promise<typeof ClaimReviews> => import('../exchange/claimReview.ts'), 'buildClaimReviews'),
  /** JSON that stays JSON inside an HTML script element (ClaimReview markup). */
  jsonForScript: lazily((): Promise<typeof JsonLdScripts> => import('../exchange/jsonLdScript.ts'), 'jsonForScript'),
  /** Writes a file under a temporary name and renames it when complete. */
  writeChunks: lazily((): Promise<typeof FileOutput> => import('../exchange/fileOutput.ts'), 'writeChunks'),
  backupCorpus: lazily(backups, 'backupCorpus'),
  listBackups: lazily(backups, 'listBackups'),
  /** Never opens the corpus: it may be the damaged file a restore exists to replace. */
  restoreBackup: lazily(backups, 'restoreBackup'),
  fullCheck: lazily(databaseHealth, 'fullCheck'),
  lastFullCheck: lazily(databaseHealth, 'lastFullCheck'),
  scheduleBackups: lazily((): Promise<typeof BackupSchedules> => import('../corpus/backupSchedule.ts'), 'scheduleBackups'),
  scheduleFullChecks: lazily((): Promise<typeof FullCheckSchedules> => import('../corpus/fullCheckSchedule.ts'), 'scheduleFullChecks'),
};

export type FileOperations = typeof FILE_OPERATIONS;
