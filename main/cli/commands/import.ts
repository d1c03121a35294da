import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { CrosscheckError } from '../../contract/errors.ts';
import type { ImportResult } from '../../contract/contract.ts';
import { FILE_OPERATIONS } from '../../api/fileOperations.ts';
import { parse, type Command, type Options } from '../args.ts';
import { printJson } from '../output.ts';

const isCollection = (path: string) => extname(path).toLowerCase() === '.json';

const IMPORT_OPTIONS = { url: { type: 'string', multiple: true } } as const satisfies Options;

export const importCommand: Command = {
  usage: 'import PATH... [--url URL]...',
  summary:
    'import .txt/.md/.html/.pdf files or folders of them, or pages fetched from the web with --url; a .json file is a Web Annotation collection to merge',
  options: IMPORT_OPTIONS,
  async run({ args, session, json, io }) {
    const { positionals, values } = parse(args, IMPORT_OPTIONS);
    const urls = values.url ?? [];
    if (positionals.length === 0 && urls.length === 0)
      throw new CrosscheckError('invalid_input', 'name at least one file or folder to import, or --url ADDRESS');
    const results: ImportResult[] = [];
    for (const url of urls) results.push(await FILE_OPERATIONS.importFromUrl(session().db, url, session().actor));
    for (const file of positionals.filter(isCollection)) {
      try {
        const merged = await FILE_OPERATIONS.importWebAnnotations(session().db, readFileSync(file, 'utf8'), session().actor, basename(file));
        const line = (Object.keys(merged) as Array<keyof typeof merged>).map(
          (k) =>
            `${merged[k].added} ${k} added, ${merged[k].alreadyPresent} already present` +
            (merged[k].updated ? `, ${merged[k].updated} updated` : '') +
            (merged[k].conflicts ? `, ${merged[k].conflicts} in conflict (see crosscheck conflicts)` : ''),
        );
        results.push({ file, status: 'imported', reason: line.join('; ') });
      } catch (error) {
        if (!(error instanceof CrosscheckError) && (error as NodeJS.ErrnoException).code === undefined) throw error;
        results.push({ file, status: 'failed', reason: (error as Error).message });
      }
    }
    results.push(
      ...(await FILE_OPERATIONS.importPaths(
        session().db,
        positionals.filter((p) => !isCollection(p)),
        session().actor,
      )),
    );
    if (json) io.out(printJson(results));
    else {
      for (const r of results) {
        io.out(`${r.status.padEnd(9)} ${r.file}${r.articleId ? ` (article ${r.articleId})` : ''}${describe(r)}`);
        for (const warning of r.warnings ?? []) io.out(`  warning: ${warning}`);
      }
      const count = (status: ImportResult['status']) => results.filter((r) => r.status === status).length;
      io.out(
        `${count('imported')} imported, ${count('duplicate')} duplicate, ${count('failed')} failed${count('skipped') ? `, ${count('skipped')} skipped` : ''}`,
      );
    }
    return results.some((r) => r.status === 'failed') ? 1 : 0;
  },
};

function describe(r: ImportResult): string {
  if (r.supersedes) return ` — new version of article ${r.supersedes}: ${r.moved} annotations moved, ${r.orphaned} to place in the orphans queue`;
  return r.reason ? `: ${r.reason}` : '';
}
