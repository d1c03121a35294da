import { existsSync, statSync } from 'node:fs';
import { CrosscheckError } from '../../contract/errors.ts';
import { LinkStatus, Tag } from '../../contract/contract.ts';
import { FILE_OPERATIONS } from '../../api/fileOperations.ts';
import { noPositionals, parse, wholeNumber, type Command, type Options } from '../args.ts';
import { printJson } from '../output.ts';

const EXPORT_OPTIONS = {
  format: { type: 'string' },
  out: { type: 'string' },
  tag: { type: 'string', multiple: true },
  outlet: { type: 'string', multiple: true },
  status: { type: 'string', multiple: true },
  bom: { type: 'boolean', default: false },
  group: { type: 'string' },
} as const satisfies Options;

const FORMATS = ['csv', 'json', 'claimreview'] as const;

function checkEach<T>(
  values: string[] | undefined,
  schema: { safeParse(v: unknown): { success: boolean }; options: readonly T[] },
  name: string,
): T[] | undefined {
  for (const value of values ?? []) {
    if (!schema.safeParse(value).success) throw new CrosscheckError('invalid_input', `${name} must be one of ${schema.options.join(', ')}, got ${value}`);
  }
  return values as T[] | undefined;
}

export const exportCommand: Command = {
  usage: 'export --format csv|json|claimreview --out PATH [--tag T]... [--outlet O]... [--status S]... [--bom] [--group ANNOTATION]',
  summary: 'csv: annotations.csv and links.csv in folder PATH; json: a Web Annotation collection; claimreview: schema.org JSON-LD',
  options: EXPORT_OPTIONS,
  async run({ args, session, json, io }) {
    const { values, positionals } = parse(args, EXPORT_OPTIONS);
    noPositionals(positionals, 'export');
    const format = values.format as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new CrosscheckError('invalid_input', `--format must be one of ${FORMATS.join(', ')}`);
    if (!values.out) throw new CrosscheckError('invalid_input', '--out is required: a folder for csv, a file for json and claimreview');
    const csvOnly = values.tag || values.outlet || values.status || values.bom;
    if (format !== 'csv' && csvOnly) throw new CrosscheckError('invalid_input', '--tag, --outlet, --status and --bom apply to --format csv only');
    if (format !== 'claimreview' && values.group) throw new CrosscheckError('invalid_input', '--group applies to --format claimreview only');
    const { db } = session();
    let summary: object;
    if (format === 'csv') {
      if (existsSync(values.out) && !statSync(values.out).isDirectory()) {
        throw new CrosscheckError(
          'invalid_input',
          `--out must name a folder for csv (annotations.csv and links.csv go side by side in it); ${values.out} is a file`,
        );
      }
      summary = await FILE_OPERATIONS.exportCsv(db, values.out, {
        bom: values.bom,
        tags: checkEach(values.tag, Tag, '--tag'),
        outlets: values.outlet,
        linkStatuses: checkEach(values.status, LinkStatus, '--status'),
      });
    } else if (format === 'json') {
      summary = { file: values.out, ...(await FILE_OPERATIONS.exportWebAnnotations(db, values.out)) };
    } else {
      const reviews = await FILE_OPERATIONS.buildClaimReviews(db, values.group === undefined ? undefined : wholeNumber(values.group, '--group'));
      if (values.group !== undefined && reviews.length === 0)
        throw new CrosscheckError('not_found', `annotation ${values.group} is in no reviewed claim group`);
      await FILE_OPERATIONS.writeChunks(values.out, [(await FILE_OPERATIONS.jsonForScript(values.group === undefined ? reviews : reviews[0], 2)) + '\n']);
      summary = { file: values.out, claimReviews: reviews.length };
    }
    io.out(
      json
        ? printJson(summary)
        : Object.entries(summary)
            .map(([k, v]) => `${k}: ${v}`)
            .join('\n'),
    );
    return 0;
  },
};
