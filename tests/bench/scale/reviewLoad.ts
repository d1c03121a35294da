/**
 * The review desk's load in the scale benchmark, beyond the 300 claim groups:
 * clusters of five annotations on word runs of random articles (never the
 * bench article), spoken by a pool of 1,000 speakers, tied by links that do
 * not join claim groups (suggested same-claim and paraphrase, confirmed
 * cites), and a stored suggestion row from each annotation to each other
 * member of its cluster. Article texts are not changed, so the figures of
 * opening and tagging an article stay comparable with earlier runs.
 *
 * The suggestion rows are planted through the store's own write path
 * (`storeRefreshResults`, for this matcher's fingerprint), not computed by
 * the matcher: running it for 20,000 annotations at 100,000 articles would
 * take most of an hour, and what the desk is timed on is reading a page of a
 * store of this size. bench:suggest and bench:queue time the matcher.
 */
import type { Suggestion } from '../../../main/contract/contract.ts';
import type { Handlers } from '../../../main/api/handlers.ts';
import type { Db } from '../../../main/corpus/database.ts';
import { annotationHorizon, currentEpoch, settleGroupChanges, storeRefreshResults, type RefreshResult } from '../../../main/corpus/suggestionStore.ts';
import { matcherFingerprint } from '../../../main/matching/matcherFingerprint.ts';
import { seededRandom } from '../random.ts';

/** The issue's review load: 20,000 annotations with suggestions, 50,000 links, 1,000 speakers (with the 300 groups' 1,540). */
export const EXTRA_CLUSTERS = 3_700;
const CLUSTER_SIZE = 5;
export const SPEAKER_POOL = 1_000;
const RUN_WORDS = 6;
const TAGS = ['claim', 'attribution', 'denial'] as const;

export interface ReviewLoadCounts {
  annotations: number;
  links: number;
}

/** Adds the load to an open corpus (inside the caller's transaction), articles `articleIds[1..]` taking the annotations. */
export function addReviewLoad(handlers: Handlers, articleIds: readonly number[], texts: readonly string[]): ReviewLoadCounts {
  const random = seededRandom(19);
  const clusters: number[][] = [];
  let links = 0;
  for (let c = 0; c < EXTRA_CLUSTERS; c++) {
    const members: number[] = [];
    for (let m = 0; m < CLUSTER_SIZE; m++) {
      const index = 1 + Math.floor(random() * (articleIds.length - 1));
      const text = texts[index]!;
      const runs = [...text.matchAll(new RegExp(`\\S+(?: \\S+){${RUN_WORDS - 1}}`, 'g'))];
      const run = runs[Math.floor(random() * runs.length)]!;
      const annotation = handlers['annotations.create']({
        articleId: articleIds[index]!,
        start: run.index,
        end: run.index + run[0].length,
        tag: TAGS[(c + m) % TAGS.length]!,
        speaker: `Speaker ${1 + ((c * CLUSTER_SIZE + m) % SPEAKER_POOL)}`,
      });
      members.push(annotation.id);
    }
    const [first, ...rest] = members;
    for (const [i, member] of rest.entries()) {
      handlers['links.create']({ fromId: first!, toId: member, type: 'same-claim', status: 'suggested' });
      handlers['links.create']({ fromId: member, toId: first!, type: 'cites', status: 'confirmed' });
      for (const other of rest.slice(i + 1)) handlers['links.create']({ fromId: member, toId: other, type: 'paraphrase', status: 'suggested' });
      links += 2 + rest.length - i - 1;
    }
    clusters.push(members);
  }
  return { annotations: clusters.length * CLUSTER_SIZE, links };
}

/**
 * Stores a suggestion row from each annotation of a cluster to each other
 * member (a cluster: an annotation and the targets of its suggested
 * same-claim links), for the clusters whose rows are not stored yet. Run on
 * every copy of a cached corpus, so a corpus cached before this step gets it.
 */
export function plantStoredSuggestions(db: Db): number {
  const matcher = matcherFingerprint();
  // The links' group changes bump generations when settled: settle first, then read them.
  settleGroupChanges(db);
  const pairs = db
    .prepare(
      `SELECT l.from_id AS first, l.to_id AS member FROM links l JOIN suggestion_sources s ON s.annotation_id = l.from_id
       WHERE l.type = 'same-claim' AND l.status = 'suggested' AND (s.stale = 1 OR s.matcher IS NOT ?) ORDER BY l.from_id, l.to_id`,
    )
    .all(matcher) as Array<{ first: number; member: number }>;
  const clusters = new Map<number, number[]>();
  for (const { first, member } of pairs) (clusters.get(first) ?? clusters.set(first, [first]).get(first)!).push(member);
  const annotation = db.prepare('SELECT id, article_id AS articleId, start, "end", quote FROM annotations WHERE id = ?');
  const generation = db.prepare('SELECT generation FROM suggestion_sources WHERE annotation_id = ?').pluck();
  const epoch = currentEpoch(db);
  const horizon = annotationHorizon(db);
  const random = seededRandom(23);
  const results: RefreshResult[] = [];
  for (const ids of clusters.values()) {
    const members = ids.map((id) => annotation.get(id) as { id: number; articleId: number; start: number; end: number; quote: string });
    for (const source of members) {
      results.push({
        annotationId: source.id,
        generation: generation.get(source.id) as number,
        epoch,
        annotationHorizon: horizon,
        suggestions: members
          .filter((m) => m !== source)
          .map((m): Suggestion => ({
            sourceId: source.id,
            articleId: m.articleId,
            start: m.start,
            end: m.end,
            quote: m.quote,
            score: Math.round((0.3 + random() * 0.65) * 1000) / 1000,
            existingAnnotationId: m.id,
            explanation: { sharedWords: [], operations: [], coverage: 0, precision: 0, summary: 'planted by the scale benchmark' },
          }))
          .sort((a, b) => b.score - a.score),
      });
    }
  }
  return storeRefreshResults(db, matcher, results).length;
}
