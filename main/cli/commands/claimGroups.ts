import { callContract } from '../callContract.ts';
import { formatTable } from '../format.ts';
import { noPositionals, parse, wholeNumber, type Command, type Options } from '../args.ts';
import { annotationJson, printJson } from '../output.ts';
import type { ClaimGroup } from '../../contract/contract.ts';

const GROUP_PAGE = 200;

/** Every claim group, read a page at a time as the review desk reads them. */
function allGroups(session: Parameters<Command['run']>[0]['session']): ClaimGroup[] {
  const groups: ClaimGroup[] = [];
  for (let offset = 0; ; offset += GROUP_PAGE) {
    const page = callContract(session(), 'review.groupsPage', { offset, limit: GROUP_PAGE });
    groups.push(...page.groups);
    if (groups.length >= page.total || page.groups.length === 0) return groups;
  }
}

const groupJson = (group: ClaimGroup) => ({
  id: group.id,
  flagged: group.flagged,
  verdict: group.verdict,
  rows: group.rows.map((row) => ({
    annotation: annotationJson(row.annotation),
    outlet: row.outlet,
    title: row.title,
    published: row.published,
    speakerId: row.speakerId,
    speaker: row.speakerName,
    primaryDrift: row.primaryDrift,
    drift: row.drift,
    flags: row.flags,
  })),
  links: group.links.map(({ id, fromId, toId, type, status }) => ({ id, fromId, toId, type, status })),
});

export const groupsCommand: Command = {
  usage: 'groups',
  summary: 'every claim group: its reports in time order with outlet, date, speaker and drift class, its verdict and the links that join it',
  options: {},
  run({ args, session, json, io }) {
    noPositionals(parse(args, {}).positionals, 'groups');
    const groups = allGroups(session);
    if (json) io.out(printJson(groups.map(groupJson)));
    else
      io.out(
        formatTable(
          ['group', 'reports', 'flagged', 'verdict', 'first report'],
          groups.map((g) => [g.id, g.rows.length, g.flagged ? 'yes' : '', g.verdict?.alternateName, g.rows[0]?.annotation.quote]),
        ),
      );
    return 0;
  },
};

export const driftCommand: Command = {
  usage: 'drift',
  summary: "how each report's wording drifted from its group's earliest: drift classes, meaning flags and the word diff",
  options: {},
  run({ args, session, json, io }) {
    noPositionals(parse(args, {}).positionals, 'drift');
    const rows = allGroups(session).flatMap((group) =>
      group.rows.slice(1).map((row) => ({
        groupId: group.id,
        baseAnnotationId: group.rows[0]!.annotation.id,
        annotationId: row.annotation.id,
        articleId: row.annotation.articleId,
        outlet: row.outlet,
        published: row.published,
        primaryDrift: row.primaryDrift,
        drift: row.drift,
        flags: row.flags,
        diff: row.diff,
      })),
    );
    if (json) io.out(printJson(rows));
    else
      io.out(
        formatTable(
          ['group', 'annotation', 'outlet', 'drift', 'meaning changed'],
          rows.map((r) => [r.groupId, r.annotationId, r.outlet, r.drift.join(', '), r.flags.map((f) => `${f.kind}: ${f.detail}`).join('; ')]),
        ),
      );
    return 0;
  },
};

const MATRIX_OPTIONS = { query: { type: 'string' }, offset: { type: 'string' }, limit: { type: 'string' } } as const satisfies Options;

export const matrixCommand: Command = {
  usage: 'matrix [--query WORDS] [--offset N] [--limit N]',
  summary: 'claims × sources: for each claim group and outlet, reported, denied or absent (a page of groups: --offset, --limit up to 500)',
  options: MATRIX_OPTIONS,
  run({ args, session, json, io }) {
    const { values, positionals } = parse(args, MATRIX_OPTIONS);
    noPositionals(positionals, 'matrix');
    const matrix = callContract(session(), 'review.matrix', {
      query: values.query,
      offset: values.offset === undefined ? undefined : wholeNumber(values.offset, '--offset'),
      limit: values.limit === undefined ? undefined : wholeNumber(values.limit, '--limit'),
    });
    if (json) {
      io.out(printJson(matrix));
      return 0;
    }
    const state = new Map(matrix.cells.map((c) => [`${c.groupId}:${c.articleId}`, c.state]));
    const mark = { reported: 'R', denied: 'D', absent: '·' } as const;
    io.out(
      formatTable(
        ['claim', 'origins', ...matrix.sources.map((s) => s.label)],
        matrix.groups.map((g) => [g.label, g.origins, ...matrix.sources.map((s) => mark[state.get(`${g.id}:${s.articleId}`) ?? 'absent'])]),
      ),
    );
    io.out('R reported, D denied, · absent');
    return 0;
  },
};
