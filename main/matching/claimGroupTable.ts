import type { Annotation, ClaimGroup, ClaimGroupPage, ClaimGroupRow, ClaimMatrix, Link, MeaningFlag, Suggestion } from '../contract/contract.ts';
import { ratingOf } from '../corpus/claimRatings.ts';
import { annotationsByIds, linksAmong, linksInto, memberQuotes } from '../corpus/claimGroupRows.ts';
import { visibleTo as visibleAnnotations } from '../corpus/blindAnnotation.ts';
import { claimGroupCount, claimGroupIdPage, claimGroupMembersOf } from '../corpus/claimGroups.ts';
import { shownSuggestionsIn } from '../corpus/suggestionStore.ts';
import { claimTimeline } from '../provenance/claimTimeline.ts';
import type { Db } from '../corpus/database.ts';
import { speakerOf } from '../corpus/speakers.ts';
import { classifyDrift } from './driftClassifier.ts';
import { matcherFingerprint } from './matcherFingerprint.ts';

interface Source {
  id: number;
  title: string | null;
  outlet: string | null;
  published: string | null;
  fileName: string | null;
}

/** The given articles only: reading every article row would read the corpus's text with it. */
function sourcesOf(db: Db, ids: readonly number[]): Map<number, Source> {
  const rows = db
    .prepare('SELECT id, title, outlet, published, file_name AS fileName FROM articles WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify([...new Set(ids)])) as Source[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Earliest first: by publication date (undated last), then by article and position. */
const chronological = (articles: Map<number, Source>) => (a: Annotation, b: Annotation) => {
  const da = articles.get(a.articleId)?.published ?? '\uffff';
  const db = articles.get(b.articleId)?.published ?? '\uffff';
  return da < db ? -1 : da > db ? 1 : a.articleId - b.articleId || a.start - b.start;
};

/** Only the spans `visibleTo` may see under blind annotation; all of them without an analyst. */
const shownTo = <T extends { articleId: number; author: string }>(db: Db, list: readonly T[], visibleTo: string | undefined): T[] =>
  visibleTo === undefined ? [...list] : visibleAnnotations(db, visibleTo, list);

/**
 * The given groups' members (stored groups, migration 019), each list in id
 * order; with `visibleTo`, only the members that analyst may see under blind
 * annotation.
 */
function groupMembers(db: Db, groupIds: readonly number[], visibleTo?: string): Map<number, Annotation[]> {
  const ids = claimGroupMembersOf(db, groupIds);
  const byId = new Map(shownTo(db, annotationsByIds(db, [...ids.values()].flat()), visibleTo).map((a) => [a.id, a]));
  return new Map([...ids].map(([group, members]) => [group, members.flatMap((id) => byId.get(id) ?? [])]));
}

/** Group ids from `offset`, `limit` of them (all the rest when left out), in id order; with `visibleTo`, groups with a member they may see. */
function groupIdsFrom(db: Db, offset: number, limit: number | undefined, visibleTo?: string): number[] {
  return claimGroupIdPage(db, offset, limit ?? -1, visibleTo);
}

/**
 * Who a claim is put in the mouth of: the speaker given on it, else the
 * speaker of an attribution linked to it as attributed-to (attribution →
 * claim, not rejected), which is how an analyst records "…, X said".
 */
function attributedSpeakers(links: readonly Link[], annotations: ReadonlyMap<number, Annotation>): Map<number, string> {
  const said = new Map<number, string>();
  for (const link of links) {
    if (link.type !== 'attributed-to' || link.status === 'rejected') continue;
    const attribution = annotations.get(link.fromId);
    if (attribution?.tag === 'attribution' && attribution.speaker && !said.has(link.toId)) said.set(link.toId, attribution.speaker);
  }
  return said;
}

/**
 * The review desk: each claim group as a table of its variants, earliest
 * first, each diffed against the earliest and classed by drift. Drift that
 * changes meaning is flagged, and so is the same wording put in another
 * speaker's mouth.
 *
 * `visibleTo`: the groups as that analyst may see them under blind
 * annotation: hidden members are left out of the rows, the links, the
 * verdict's lookup and the speakers attributions give, and the earliest member
 * they see is the one the others are diffed against.
 */
export function claimGroupTables(db: Db, page: { offset?: number; limit?: number } = {}, visibleTo?: string): ClaimGroup[] {
  // Only the page's groups are read, laid out and diffed.
  const members = [...groupMembers(db, groupIdsFrom(db, page.offset ?? 0, page.limit, visibleTo), visibleTo)];
  const memberIds = members.flatMap(([, list]) => list.map((a) => a.id));
  const links = linksAmong(db, memberIds);
  const attributions = linksInto(db, memberIds, ['attributed-to']);
  const said = attributedSpeakers(
    attributions,
    new Map(
      shownTo(
        db,
        annotationsByIds(
          db,
          attributions.map((l) => l.fromId),
        ),
        visibleTo,
      ).map((a) => [a.id, a]),
    ),
  );
  const speakerName = (a: Annotation) => a.speaker ?? said.get(a.id) ?? null;
  const articles = sourcesOf(
    db,
    members.flatMap(([, list]) => list.map((a) => a.articleId)),
  );
  const groups: ClaimGroup[] = [];
  for (const [id, annotations] of members) {
    annotations.sort(chronological(articles));
    const base = annotations[0]!;
    const baseSpeaker = speakerOf(db, speakerName(base));
    const rows = annotations.map((annotation): ClaimGroupRow => {
      const drift = classifyDrift(base.quote, annotation.quote);
      const speaker = speakerOf(db, speakerName(annotation));
      const flags: MeaningFlag[] = [...drift.flags];
      if (baseSpeaker && speaker && baseSpeaker.id !== speaker.id) flags.push({ kind: 'speaker', detail: `said by ${speaker.name}, not ${baseSpeaker.name}` });
      const article = articles.get(annotation.articleId);
      return {
        annotation,
        outlet: article?.outlet ?? null,
        title: article?.title ?? article?.fileName ?? null,
        published: article?.published ?? null,
        speakerId: speaker?.id ?? null,
        speakerName: speaker?.name ?? null,
        diff: drift.diff,
        drift: drift.classes,
        primaryDrift: drift.primary,
        flags,
      };
    });
    const memberIds = new Set(annotations.map((a) => a.id));
    const groupLinks = links.filter((l: Link) => memberIds.has(l.fromId) && memberIds.has(l.toId));
    const rating = ratingOf(db, [...memberIds]);
    const verdict = rating && {
      ratingValue: rating.ratingValue,
      alternateName: rating.alternateName,
      reviewer: rating.reviewer,
      reviewedAt: rating.reviewedAt,
    };
    groups.push({ id, rows, links: groupLinks, flagged: rows.some((r) => r.flags.length > 0), verdict });
  }
  return groups.sort((a, b) => a.id - b.id);
}

/** The sources of a matrix: an article's outlet, or the article itself when it names none. */
const sourceKey = (s: Source) => (s.outlet !== null ? `outlet:${s.outlet}` : `article:${s.id}`);

export interface MatrixOptions {
  /** Only groups whose label (earliest variant) contains these words, case-insensitively. */
  query?: string;
  offset?: number;
  /** Groups per page; every group when left out. */
  limit?: number;
  /** Only what that analyst may see under blind annotation: their hidden members and disputing spans are left out, and a group with no member left. */
  visibleTo?: string;
}

/**
 * Claims × sources, for the claim groups of one page: a source is an outlet
 * (or an article without one) that reports or disputes one of the groups
 * shown, so the matrix grows with the claims, never with the corpus. What a
 * source says about a group: a member tagged denial, or a span linked to a
 * member as a denial or contradiction, is a denial; a member is a report;
 * nothing is absent. Each source carries every article of it the page cites,
 * the earliest as its `articleId`.
 */
export function claimMatrix(db: Db, options: MatrixOptions = {}): ClaimMatrix {
  const { visibleTo } = options;
  const offset = options.offset ?? 0;
  const words = (options.query ?? '').toLocaleLowerCase().split(/\s+/).filter(Boolean);
  let pageIds: number[];
  let totalGroups: number;
  if (words.length) {
    // Every word in some variant of the group: a pass over the members' quotes, not over the corpus.
    const found = new Map<number, Set<string>>();
    for (const { groupId, quote } of memberQuotes(db, visibleTo)) {
      const lower = quote.toLocaleLowerCase();
      for (const w of words) if (lower.includes(w)) (found.get(groupId) ?? found.set(groupId, new Set()).get(groupId)!).add(w);
    }
    const matching = [...found].filter(([, hit]) => hit.size === words.length).map(([id]) => id);
    totalGroups = matching.length;
    pageIds = matching.slice(offset, options.limit === undefined ? undefined : offset + options.limit);
  } else {
    totalGroups = claimGroupCount(db, visibleTo);
    pageIds = groupIdsFrom(db, offset, options.limit, visibleTo);
  }
  const members = groupMembers(db, pageIds, visibleTo);
  const annotations = new Map([...members.values()].flat().map((a) => [a.id, a]));
  const disputingLinks = linksInto(db, [...annotations.keys()], ['denies', 'contradicts']);
  const disputers = new Map(
    shownTo(
      db,
      annotationsByIds(
        db,
        disputingLinks.map((l) => l.fromId),
      ),
      visibleTo,
    ).map((a) => [a.id, a]),
  );
  const disputing = disputingLinks.filter((l) => disputers.has(l.fromId));
  const articles = sourcesOf(db, [...[...annotations.values()].map((a) => a.articleId), ...[...disputers.values()].map((a) => a.articleId)]);
  const page = [...members].map(([id, list]) => ({ id, list, label: shorten([...list].sort(chronological(articles))[0]!.quote) }));

  interface SourceColumn {
    key: string;
    label: string;
    first: Source;
    articleIds: Set<number>;
  }
  const columns = new Map<string, SourceColumn>();
  const column = (article: Source) => {
    const key = sourceKey(article);
    let c = columns.get(key);
    if (!c)
      columns.set(
        key,
        (c = { key, label: article.outlet ?? article.title ?? article.fileName ?? `article ${article.id}`, first: article, articleIds: new Set() }),
      );
    if ((article.published ?? '\uffff') < (c.first.published ?? '\uffff')) c.first = article;
    c.articleIds.add(article.id);
    return c;
  };
  const cellsByGroup = new Map<number, Map<string, { reported: Set<number>; denied: Set<number> }>>();
  for (const { id, list } of page) {
    const ids = new Set(list.map((a) => a.id));
    const bySource = new Map<string, { reported: Set<number>; denied: Set<number> }>();
    const at = (article: Source) => {
      const key = column(article).key;
      let entry = bySource.get(key);
      if (!entry) bySource.set(key, (entry = { reported: new Set(), denied: new Set() }));
      return entry;
    };
    for (const a of list) {
      const article = articles.get(a.articleId);
      if (article) (a.tag === 'denial' ? at(article).denied : at(article).reported).add(a.id);
    }
    for (const link of disputing) {
      if (!ids.has(link.toId)) continue;
      const from = disputers.get(link.fromId);
      const article = from && articles.get(from.articleId);
      if (from && article) at(article).denied.add(from.id);
    }
    cellsByGroup.set(id, bySource);
  }
  const ordered = [...columns.values()].sort(
    (a, b) => (a.first.published ?? '\uffff').localeCompare(b.first.published ?? '\uffff') || a.label.localeCompare(b.label),
  );
  // The same origins as the group's timeline: reports copying one another count once.
  const timelines = new Map(page.map(({ id, list }) => [id, claimTimeline(db, list[0]!.id, visibleTo)]));
  const cells: ClaimMatrix['cells'] = [];
  for (const { id } of page) {
    const bySource = cellsByGroup.get(id)!;
    const originOf = new Map(timelines.get(id)!.appearances.map((a) => [a.annotationId, a.origin]));
    for (const c of ordered) {
      const entry = bySource.get(c.key);
      const state = entry && entry.denied.size > 0 ? 'denied' : entry && entry.reported.size > 0 ? 'reported' : 'absent';
      const annotationIds = entry ? [...(state === 'denied' ? entry.denied : entry.reported)] : [];
      const origin = state === 'reported' ? annotationIds.map((a) => originOf.get(a)).find((o) => o !== undefined) : undefined;
      cells.push({ groupId: id, articleId: c.first.id, state, annotationIds, ...(origin === undefined ? {} : { origin }) });
    }
  }
  return {
    groups: page.map(({ id, label }) => ({ id, label, origins: timelines.get(id)!.origins.length, originSummary: timelines.get(id)!.summary })),
    sources: ordered.map((c) => ({ articleId: c.first.id, label: c.label, published: c.first.published, articleIds: [...c.articleIds].sort((a, b) => a - b) })),
    cells,
    totalGroups,
    suggestions: pendingInSources(db, page, ordered),
  };
}

/**
 * The stored suggestions the page's cells may show, the best one of each
 * group in each source: a read of the store (never the matcher), so the
 * matrix never waits for suggestions to be computed.
 */
function pendingInSources(
  db: Db,
  page: ReadonlyArray<{ id: number; list: readonly Annotation[] }>,
  columns: ReadonlyArray<{ key: string; articleIds: ReadonlySet<number> }>,
): Suggestion[] {
  const groupOf = new Map(page.flatMap(({ id, list }) => list.map((a) => [a.id, id] as const)));
  const columnOf = new Map(columns.flatMap((c) => [...c.articleIds].map((articleId) => [articleId, c.key] as const)));
  const best = new Map<string, Suggestion>();
  for (const s of shownSuggestionsIn(db, matcherFingerprint(), [...groupOf.keys()], [...columnOf.keys()])) {
    const key = `${groupOf.get(s.sourceId)}:${columnOf.get(s.articleId)}`;
    if (!best.has(key)) best.set(key, s);
  }
  return [...best.values()];
}

/** One page of the claim groups, by id, with how many there are (with `visibleTo`, how many that analyst may see). */
export function claimGroupPage(db: Db, page: { offset: number; limit: number }, visibleTo?: string): ClaimGroupPage {
  return { total: claimGroupCount(db, visibleTo), offset: page.offset, groups: claimGroupTables(db, page, visibleTo) };
}

const shorten = (quote: string) => (quote.length > 60 ? `${quote.slice(0, 59).trimEnd()}…` : quote);
