import type { ClaimTimeline } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import { visibleAnnotationsFilter } from '../corpus/blindAnnotation.ts';
import { claimGroupWith } from '../corpus/claimGroups.ts';
import type { Db } from '../corpus/database.ts';
import { cachedStatement } from '../corpus/statements.ts';
import { byPublication, describeOrigins, groupOrigins, type OriginEdge, type OriginReport } from './origins.ts';
import { reuseAmong } from './storedReuse.ts';

interface MemberRow {
  annotationId: number;
  articleId: number;
  quote: string;
  tag: 'claim' | 'denial' | 'attribution';
}

const EVERYONE = { sql: '1', params: [] as string[] };

interface ArticleRow extends OriginReport {
  title: string | null;
  url: string | null;
  sha256: string;
}

/**
 * The timeline and spread of the claim group an annotation belongs to: every
 * appearance in publication order, the reuse between the reporting articles
 * (copied passages, cites links, attributions naming another report's
 * outlet), and the independent origins those edges leave.
 *
 * `visibleTo`: the timeline as that analyst may see it under blind
 * annotation: spans they may not see are neither appearances nor evidence of
 * reuse (their cites links and attributions), and asking for one is asked
 * for an annotation that is not there.
 */
export function claimTimeline(db: Db, annotationId: number, visibleTo?: string): ClaimTimeline {
  const visible = (alias: string) => (visibleTo === undefined ? EVERYONE : visibleAnnotationsFilter(db, visibleTo, alias));
  const shown = visible('a');
  // Statements are prepared once per connection: the matrix asks for a timeline for each of the 25 groups of its page.
  const member = cachedStatement(
    db,
    `SELECT a.id AS annotationId, a.article_id AS articleId, a.quote, a.tag FROM annotations a WHERE a.id = ? AND ${shown.sql}`,
  );
  if (!member.get(annotationId, ...shown.params)) throw new CrosscheckError('not_found', `There is no annotation ${annotationId}.`);
  const { groupId, members: allMemberIds } = claimGroupWith(db, annotationId);
  const members = allMemberIds.flatMap((id) => (member.get(id, ...shown.params) as MemberRow | undefined) ?? []);
  const memberIds = members.map((m) => m.annotationId);
  const articleIds = [...new Set(members.map((m) => m.articleId))];
  const articles = new Map(
    articleIds.map((id) => [
      id,
      cachedStatement(db, 'SELECT id AS articleId, outlet, title, url, published, sha256 FROM articles WHERE id = ?').get(id) as ArticleRow,
    ]),
  );
  const reports = [...articles.values()].sort(byPublication);
  const order = new Map(reports.map((r, i) => [r.articleId, i]));
  const earlierFirst = (x: number, y: number): [number, number] => (order.get(x)! <= order.get(y)! ? [x, y] : [y, x]);
  const dated = (x: number, y: number) => {
    const [px, py] = [articles.get(x)!.published, articles.get(y)!.published];
    return px !== null && py !== null && px !== py;
  };

  const edges: ClaimTimeline['edges'] = [];
  // Text reuse from the store (migration 024), by the texts' sha256: the texts are read only for pairs not stored yet.
  const textOf = (id: number) => cachedStatement(db, 'SELECT text FROM articles WHERE id = ?').pluck().get(id) as string;
  for (const reuse of reuseAmong(db, reports, textOf)) {
    const [from, to] = earlierFirst(reuse.a, reuse.b);
    const flip = from !== reuse.a;
    edges.push({
      fromArticleId: from,
      toArticleId: to,
      kind: 'copy',
      directed: dated(from, to),
      sharedWords: reuse.sharedWords,
      passages: reuse.passages.map((p) =>
        flip
          ? { fromStart: p.bStart, fromEnd: p.bEnd, toStart: p.aStart, toEnd: p.aEnd, words: p.words }
          : { fromStart: p.aStart, fromEnd: p.aEnd, toStart: p.bStart, toEnd: p.bEnd, words: p.words },
      ),
    });
  }
  const inGroup = articleIds.map(() => '?').join(', ');
  // A cites link goes from the citing span to the cited one: the cited article is the source.
  const [citing, cited] = [visible('f'), visible('t')];
  const cites = cachedStatement(
    db,
    `SELECT DISTINCT f.article_id AS citing, t.article_id AS cited FROM links l JOIN annotations f ON f.id = l.from_id JOIN annotations t ON t.id = l.to_id
       WHERE l.type = 'cites' AND l.status <> 'rejected' AND f.article_id IN (${inGroup}) AND t.article_id IN (${inGroup}) AND f.article_id <> t.article_id
         AND ${citing.sql} AND ${cited.sql}`,
  ).all(...articleIds, ...articleIds, ...citing.params, ...cited.params) as Array<{ citing: number; cited: number }>;
  for (const { citing, cited } of cites) edges.push({ fromArticleId: cited, toArticleId: citing, kind: 'cites', directed: true, sharedWords: 0, passages: [] });
  // "…, reports BBC": an attribution span in one report naming the outlet of another.
  const saying = visible('a');
  const attributions = cachedStatement(
    db,
    `SELECT a.article_id AS articleId, a.quote FROM annotations a WHERE a.tag = 'attribution' AND a.article_id IN (${inGroup}) AND ${saying.sql}`,
  ).all(...articleIds, ...saying.params) as Array<{ articleId: number; quote: string }>;
  // One pattern per outlet, not per attribution and report: the matrix asks this for 25 groups whose articles carry many attributions.
  const outletPatterns = new Map(reports.flatMap((r) => (r.outlet ? [[r.outlet, outletPattern(r.outlet)] as const] : [])));
  for (const { articleId, quote } of attributions) {
    for (const source of reports) {
      if (source.articleId === articleId || !source.outlet || !outletPatterns.get(source.outlet)?.test(quote)) continue;
      if (edges.some((e) => e.kind === 'attributed' && e.fromArticleId === source.articleId && e.toArticleId === articleId)) continue;
      edges.push({ fromArticleId: source.articleId, toArticleId: articleId, kind: 'attributed', directed: true, sharedWords: 0, passages: [] });
    }
  }

  const originEdges: OriginEdge[] = edges.map((e) => ({ a: e.fromArticleId, b: e.toArticleId, kind: e.kind }));
  const origins = groupOrigins(reports, originEdges);
  const originOf = new Map(origins.flatMap((o) => o.articleIds.map((id) => [id, o.index] as const)));
  const appearances = members
    .map((m) => {
      const article = articles.get(m.articleId)!;
      return { ...m, outlet: article.outlet, title: article.title, url: article.url, published: article.published, origin: originOf.get(m.articleId)! };
    })
    .sort((x, y) => order.get(x.articleId)! - order.get(y.articleId)! || x.annotationId - y.annotationId);
  const first = appearances.find((a) => a.tag === 'claim') ?? appearances[0] ?? null;
  return {
    groupId,
    people: whoSaidReportedDenied(db, memberIds, appearances, visible('a')),
    claim: first?.quote ?? '',
    reports: reports.length,
    firstAppearance: appearances[0] ?? null,
    appearances,
    edges,
    origins,
    summary: describeOrigins(reports.length, origins),
  };
}

/**
 * What a span naming an outlet looks like: the outlet as a whole word sequence ("reports BBC", not
 * "BBCode"), ignoring case; null for an outlet too short to be named that way.
 */
function outletPattern(outlet: string): RegExp | null {
  const escaped = outlet.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (escaped.length < 2) return null;
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'iu');
}

/**
 * "Who said, who reported, who denied": the speakers the group's spans name
 * (through their aliases, by display name), the outlets whose articles carry
 * it, and the speakers (else outlets) of denials linked to it.
 */
function whoSaidReportedDenied(
  db: Db,
  memberIds: number[],
  appearances: ReadonlyArray<{ outlet: string | null }>,
  deniers: { sql: string; params: string[] } = EVERYONE,
) {
  const ids = memberIds.map(() => '?').join(', ');
  const speakerName = `coalesce((SELECT s.name FROM speaker_aliases al JOIN speakers s ON s.id = al.speaker_id WHERE al.key = lower(trim(a.speaker))), trim(a.speaker))`;
  const said = cachedStatement(
    db,
    `SELECT DISTINCT ${speakerName} AS name FROM annotations a WHERE a.id IN (${ids}) AND a.tag <> 'denial' AND a.speaker IS NOT NULL ORDER BY a.id`,
  )
    .pluck()
    .all(...memberIds) as string[];
  const denied = cachedStatement(
    db,
    `SELECT DISTINCT coalesce(${speakerName}, ar.outlet, ar.title, 'article ' || ar.id) AS name FROM links l JOIN annotations a ON a.id = l.from_id
       JOIN articles ar ON ar.id = a.article_id
       WHERE l.type IN ('denies', 'contradicts') AND l.status <> 'rejected' AND l.to_id IN (${ids}) AND ${deniers.sql} ORDER BY a.id`,
  )
    .pluck()
    .all(...memberIds, ...deniers.params) as string[];
  const reported = [...new Set(appearances.flatMap((a) => (a.outlet ? [a.outlet] : [])))];
  return { said: [...new Set(said)], reported, denied: [...new Set(denied)] };
}
