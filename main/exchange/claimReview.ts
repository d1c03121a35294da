import { claimGroupIds } from '../corpus/claimGroups.ts';
import { groupMembers, ratingOf } from '../corpus/claimRatings.ts';
import type { Db } from '../corpus/database.ts';

interface Member {
  id: number;
  tag: string;
  quote: string;
  speaker: string | null;
  author: string;
  articleId: number;
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  byline: string | null;
}

const MEMBER_SQL = `SELECT an.id, an.tag, an.quote, an.speaker, an.author, an.article_id AS articleId,
  ar.title, ar.outlet, ar.url, ar.published, b.byline
  FROM annotations an JOIN articles ar ON ar.id = an.article_id LEFT JOIN article_bylines b ON b.article_id = ar.id WHERE an.id = ?`;

/**
 * schema.org ClaimReview JSON-LD, one per reviewed claim group: a group joined
 * by confirmed links, or a single annotation the analyst rated. The claim is
 * worded as it first appeared; every article it appeared in is listed.
 * reviewRating appears only where the analyst set a rating.
 */
export function buildClaimReviews(db: Db, onlyGroupOf?: number): object[] {
  const groups = claimGroupIds(db);
  const roots = new Set<number>(groups.values());
  const rated = db.prepare('SELECT annotation_id FROM claim_reviews').pluck().all() as number[];
  for (const id of rated) roots.add(groups.get(id) ?? id);
  const wanted = onlyGroupOf === undefined ? [...roots] : [groupMembers(groups, onlyGroupOf).groupId].filter((id) => roots.has(id));
  return wanted.sort((a, b) => a - b).map((groupId) => claimReview(db, groupMembers(groups, groupId).members));
}

function claimReview(db: Db, memberIds: number[]): object {
  const members = memberIds
    .map((id) => db.prepare(MEMBER_SQL).get(id) as Member)
    .sort((a, b) => (a.published ?? '9999').localeCompare(b.published ?? '9999') || a.id - b.id);
  const first = members.find((m) => m.tag === 'claim') ?? members[0]!;
  const rating = ratingOf(db, memberIds, { verifiedOnly: true });
  const lastLinkReview = db
    .prepare(
      `SELECT reviewer, reviewed_at AS reviewedAt FROM links WHERE status = 'confirmed' AND reviewed_at IS NOT NULL
       AND from_id IN (${memberIds.map(() => '?').join(', ')}) ORDER BY reviewed_at DESC LIMIT 1`,
    )
    .get(...memberIds) as { reviewer: string; reviewedAt: string } | undefined;
  const reviewer = rating?.reviewer ?? lastLinkReview?.reviewer ?? first.author;
  const reviewedAt = rating?.reviewedAt ?? lastLinkReview?.reviewedAt ?? null;
  const seen = new Set<number>();
  const appearances = members.filter((m) => !seen.has(m.articleId) && seen.add(m.articleId)).map(appearance);
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    claimReviewed: first.quote,
    itemReviewed: {
      '@type': 'Claim',
      ...(first.speaker ? { author: { '@type': 'Person', name: first.speaker } } : {}),
      firstAppearance: appearances[0],
      appearance: appearances,
    },
    author: { '@type': 'Person', name: reviewer },
    ...(reviewedAt ? { datePublished: reviewedAt.slice(0, 10) } : {}),
    ...(rating
      ? {
          reviewRating: {
            '@type': 'Rating',
            ...(rating.ratingValue === null ? {} : { ratingValue: rating.ratingValue, bestRating: 5, worstRating: 1 }),
            alternateName: rating.alternateName,
          },
        }
      : {}),
  };
}

function appearance(m: Member): object {
  return {
    '@type': 'CreativeWork',
    ...(m.url ? { url: m.url } : {}),
    ...(m.title ? { headline: m.title } : {}),
    ...(m.published ? { datePublished: m.published } : {}),
    ...(m.byline ? { author: { '@type': 'Person', name: m.byline } } : {}),
    ...(m.outlet ? { publisher: { '@type': 'Organization', name: m.outlet } } : {}),
  };
}
