import { DEFAULT_BACKUPS_KEPT, FILE_OPERATIONS } from '../../api/fileOperations.ts';
import { CrosscheckError } from '../../contract/errors.ts';
import { formatTable } from '../format.ts';
import { noPositionals, onePositional, parse, wholeNumber, type Command, type Options } from '../args.ts';
import { printJson } from '../output.ts';

const BACKUP_OPTIONS = { keep: { type: 'string' }, list: { type: 'boolean', default: false } } as const satisfies Options;

export const backupCommand: Command = {
  usage: 'backup [--keep N] [--list]',
  summary: `copy the corpus into backups/ beside it, keeping the newest N (default ${DEFAULT_BACKUPS_KEPT}); --list shows them`,
  options: BACKUP_OPTIONS,
  async run({ args, dbPath, session, json, io }) {
    const { values, positionals } = parse(args, BACKUP_OPTIONS);
    noPositionals(positionals, 'backup');
    if (values.list) {
      const backups = await FILE_OPERATIONS.listBackups(dbPath);
      io.out(
        json
          ? printJson(backups)
          : formatTable(
              ['taken at', 'reason', 'file'],
              backups.map((b) => [b.takenAt, b.reason, b.path]),
            ),
      );
      return 0;
    }
    const keep = values.keep === undefined ? DEFAULT_BACKUPS_KEPT : wholeNumber(values.keep, '--keep');
    if (keep < 1) throw new CrosscheckError('invalid_input', '--keep must be at least 1');
    const backup = await FILE_OPERATIONS.backupCorpus(session().db, dbPath, 'manual', { keep });
    io.out(json ? printJson(backup) : `backed up to ${backup.path}`);
    return 0;
  },
};

export const restoreCommand: Command = {
  usage: 'restore [BACKUP]',
  summary: 'replace the corpus with a backup (default: the latest good one); the replaced file is moved aside, not deleted',
  options: {},
  async run({ args, dbPath, json, io }) {
    const { positionals } = parse(args, {});
    // Never opens the corpus: it may be the damaged file this command exists to replace.
    const restored = await FILE_OPERATIONS.restoreBackup(dbPath, onePositional(positionals, 'backup file', false) ?? null);
    if (json) io.out(printJson(restored));
    else {
      io.out(`restored ${restored.backup}`);
      if (restored.setAside) io.out(`the replaced corpus was kept as ${restored.setAside}`);
    }
    return 0;
  },
};
