import { backupCorpus, DEFAULT_BACKUPS_KEPT, type Backup, type BackupReason } from './backups.ts';
import type { Db } from './database.ts';

/** Ten minutes of work is the most a lost or damaged corpus can cost; more often would copy the whole file for little gain. */
export const DEFAULT_BACKUP_INTERVAL_MS = 10 * 60 * 1000;

export interface BackupScheduleOptions {
  everyMs?: number;
  keep?: number;
  /** A failed backup is reported, never thrown into the app: the corpus itself is unaffected. */
  onError?: (error: unknown) => void;
}

export interface BackupSchedule {
  /** Resolves once the backup in progress, if any, has finished. */
  whenIdle(): Promise<void>;
  /** Stops the timer and takes a last backup if anything changed since the previous one. */
  stop(): Promise<Backup | null>;
}

/**
 * Backs the open corpus up every `everyMs` while the app runs, and once on
 * quit. Every change appends to the event log, so an unchanged high-water mark
 * of the log means there is nothing new to keep and no backup is taken.
 */
export function scheduleBackups(db: Db, corpusPath: string, options: BackupScheduleOptions = {}): BackupSchedule {
  const keep = options.keep ?? DEFAULT_BACKUPS_KEPT;
  const onError = options.onError ?? ((error) => console.error('crosscheck: backup failed', error));
  let backedUpTo: number | null = null;
  let running: Promise<Backup | null> = Promise.resolve(null);

  const lastEventId = () => db.prepare('SELECT coalesce(max(id), 0) FROM events').pluck().get() as number;

  const backUpIfChanged = async (reason: BackupReason): Promise<Backup | null> => {
    const mark = lastEventId();
    if (mark === backedUpTo) return null;
    const backup = await backupCorpus(db, corpusPath, reason, { keep });
    backedUpTo = mark;
    return backup;
  };

  // Chained, so a slow backup is never overlapped by the next one.
  const enqueue = (reason: BackupReason) =>
    (running = running
      .then(() => backUpIfChanged(reason))
      .catch((error: unknown) => {
        onError(error);
        return null;
      }));

  const timer = setInterval(() => void enqueue('scheduled'), options.everyMs ?? DEFAULT_BACKUP_INTERVAL_MS);
  timer.unref?.();

  return {
    whenIdle: () => running.then(() => undefined),
    stop() {
      clearInterval(timer);
      return enqueue('quit');
    },
  };
}
