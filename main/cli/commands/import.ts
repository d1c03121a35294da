import { CrosscheckError } from '../../api/errors.ts';
import type { ImportResult } from '../../api/contract.ts';
import { importPaths } from '../../ingest/importFiles.ts';
import { parse, type Command } from '../args.ts';
import { printJson } from '../output.ts';

export const importCommand: Command = {
  usage: 'import PATH...',
  summary: 'import .txt/.md files or folders of them',
  options: {},
  run({ args, session, json, io }) {
    const { positionals } = parse(args, {});
    if (positionals.length === 0) throw new CrosscheckError('invalid_input', 'name at least one file or folder to import');
    const results = importPaths(session().db, positionals, session().actor);
    if (json) io.out(printJson(results));
    else {
      for (const r of results) io.out(`${r.status.padEnd(9)} ${r.file}${r.articleId ? ` (article ${r.articleId})` : ''}${r.reason ? `: ${r.reason}` : ''}`);
      const count = (status: ImportResult['status']) => results.filter((r) => r.status === status).length;
      io.out(`${count('imported')} imported, ${count('duplicate')} duplicate, ${count('failed')} failed`);
    }
    return results.some((r) => r.status === 'failed') ? 1 : 0;
  },
};
