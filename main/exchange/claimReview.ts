import { visibleTo as visibleAnnotations } from '../corpus/blindAnnotation.ts';
import { claimGroupIds } from '../corpus/claimGroups.ts';
import { ratingOf } from '../corpus/claimRatings.ts';
import type { Db } from '../corpus/database.ts';
import { publisherSettings } from '../corpus/publisherSettings.ts';
import { claimTimeline } from '../provenance/claimTimeline.ts';

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
  /** The speaker the typed name resolves to, by its display name, with who they are as the analyst recorded it. */
  speakerName: string | null;
  speakerRole: string | null;
  speakerAffiliation: string | null;
  speakerWikidata: string | null;
  capturedSha256: string | null;
}

const MEMBER_SQL = `SELECT an.id, an.tag, an.quote, an.speaker, an.author, an.article_id AS articleId,
  ar.title, ar.outlet, ar.url, ar.published, b.byline, sp.name AS speakerName, sp.role AS speakerRole, sp.affiliation AS speakerAffiliation,
  sp.wikidata AS speakerWikidata, src.sha256 AS capturedSha256
  FROM annotations an JOIN articles ar ON ar.id = an.article_id LEFT JOIN article_bylines b ON b.article_id = ar.id
    LEFT JOIN speaker_aliases al ON al.key = lower(trim(an.speaker)) LEFT JOIN speakers sp ON sp.id = al.speaker_id
    LEFT JOIN article_sources src ON src.article_id = ar.id
  WHERE an.id = ?`;

/**
 * schema.org ClaimReview JSON-LD, one per reviewed claim group: a group joined
 * by confirmed links, or a single annotation the analyst rated. The claim is
 * worded as the analyst chose, else as it first appeared; its claimant is the
 * first speaker named, its date that of its first appearance (schema.org has
 * no claimDate: the Claim's own datePublished says when it was made); every
 * article it appeared in is listed with headline, address and the hash of the
 * bytes captured on import, and a report that copies, cites or names another
 * as its source (the timeline's origins) names its origin's first report as
 * isBasedOn. The author is the publishing organisation set in
 * the corpus's settings, else the reviewer. url and reviewRating appear only
 * where the analyst set them. Serialise with jsonForScript to paste into a page.
 *
 * `visibleTo`: the reviews as that analyst may see them under blind annotation
 * (the app's download): only the members they may see appear, and a group
 * with none is left out.
 */
export function buildClaimReviews(db: Db, onlyGroupOf?: number, visibleTo?: string): object[] {
  const groups = claimGroupIds(db);
  const roots = new Set<number>(groups.values());
  const rated = db.prepare('SELECT annotation_id FROM claim_reviews').pluck().all() as number[];
  for (const id of rated) roots.add(groups.get(id) ?? id);
  const wanted = onlyGroupOf === undefined ? [...roots] : [groups.get(onlyGroupOf) ?? onlyGroupOf].filter((id) => roots.has(id));
  const members = new Map<number, number[]>();
  for (const [id, group] of groups) {
    const list = members.get(group);
    if (list) list.push(id);
    else members.set(group, [id]);
  }
  const ownerOf = db.prepare('SELECT id, article_id AS articleId, author FROM annotations WHERE id = ?');
  const shown = (ids: number[]) =>
    visibleTo === undefined
      ? ids
      : visibleAnnotations(
          db,
          visibleTo,
          ids.map((id) => ownerOf.get(id) as { id: number; articleId: number; author: string }),
        ).map((a) => a.id);
  // Asking by a span they may not see finds nothing, as if it were not there.
  if (onlyGroupOf !== undefined && visibleTo !== undefined && ownerOf.get(onlyGroupOf) && shown([onlyGroupOf]).length === 0) return [];
  return wanted
    .sort((a, b) => a - b)
    .map((groupId) => shown(members.get(groupId) ?? [groupId]))
    .filter((ids) => ids.length > 0)
    .map((ids) => claimReview(db, ids, visibleTo));
}

function claimReview(db: Db, memberIds: number[], visibleTo?: string): object {
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
  const reports = members.filter((m) => !seen.has(m.articleId) && seen.add(m.articleId));
  // The timeline's origins: a report copying, citing or naming another is based on its origin's first report.
  const origins = claimTimeline(db, memberIds[0]!, visibleTo).origins;
  const basedOn = new Map(origins.flatMap((o) => o.articleIds.filter((id) => id !== o.firstArticleId).map((id) => [id, o.firstArticleId] as const)));
  const byArticle = new Map(reports.map((m) => [m.articleId, m]));
  const appearances = reports.map((m) => {
    const source = byArticle.get(basedOn.get(m.articleId) ?? -1);
    return { ...appearance(m), ...(source ? { isBasedOn: reference(source) } : {}) };
  });
  const claimant = [first, ...members].find((m) => m.speaker !== null);
  const claimDate = members.find((m) => m.published !== null)?.published ?? null;
  const publisher = publisherSettings(db);
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    ...(rating?.reviewUrl ? { url: rating.reviewUrl } : {}),
    claimReviewed: rating?.claimReviewed ?? first.quote,
    itemReviewed: {
      '@type': 'Claim',
      ...(claimant ? { author: claimantOf(claimant) } : {}),
      ...(claimDate ? { datePublished: claimDate } : {}),
      firstAppearance: appearances[0],
      appearance: appearances,
    },
    author: publisher.organisation
      ? { '@type': 'Organization', name: publisher.organisation, ...(publisher.url ? { url: publisher.url } : {}) }
      : { '@type': 'Person', name: reviewer },
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
    ...(m.capturedSha256 ? { identifier: { '@type': 'PropertyValue', propertyID: 'sha256', value: m.capturedSha256 } } : {}),
  };
}

/** The claimant as schema.org's Person: its role as jobTitle, its organisation as affiliation, its Wikidata item as sameAs. */
function claimantOf(m: Member): object {
  return {
    '@type': 'Person',
    name: m.speakerName ?? m.speaker!.trim(),
    ...(m.speakerRole ? { jobTitle: m.speakerRole } : {}),
    ...(m.speakerAffiliation ? { affiliation: { '@type': 'Organization', name: m.speakerAffiliation } } : {}),
    ...(m.speakerWikidata ? { sameAs: `https://www.wikidata.org/wiki/${m.speakerWikidata}` } : {}),
  };
}

/** Another appearance named from this one (schema.org's isBasedOn): by its address, headline and publisher. */
function reference(m: Member): object {
  return {
    '@type': 'CreativeWork',
    ...(m.url ? { url: m.url } : {}),
    ...(m.title ? { headline: m.title } : {}),
    ...(m.outlet ? { publisher: { '@type': 'Organization', name: m.outlet } } : {}),
  };
}
