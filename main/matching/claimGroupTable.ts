import type { Annotation, ClaimGroup, ClaimGroupRow, ClaimMatrix, Link, MeaningFlag } from '../api/contract.ts';
import { ratingOf } from '../corpus/claimRatings.ts';
import { listAnnotations } from '../corpus/annotations.ts';
import { claimGroupIds } from '../corpus/claimGroups.ts';
import type { Db } from '../corpus/database.ts';
import { listLinks } from '../corpus/links.ts';
import { speakerOf } from '../corpus/speakers.ts';
import { classifyDrift } from './driftClassifier.ts';

interface Source {
  id: number;
  title: string | null;
  outlet: string | null;
  published: string | null;
  fileName: string | null;
}

function sources(db: Db): Map<number, Source> {
  const rows = db.prepare('SELECT id, title, outlet, published, file_name AS fileName FROM articles').all() as Source[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Earliest first: by publication date (undated last), then by article and position. */
const chronological = (articles: Map<number, Source>) => (a: Annotation, b: Annotation) => {
  const da = articles.get(a.articleId)?.published ?? '\uffff';
  const db = articles.get(b.articleId)?.published ?? '\uffff';
  return da < db ? -1 : da > db ? 1 : a.articleId - b.articleId || a.start - b.start;
};

function groupMembers(db: Db): Map<number, Annotation[]> {
  const groupOf = claimGroupIds(db);
  const members = new Map<number, Annotation[]>();
  for (const annotation of listAnnotations(db)) {
    const group = groupOf.get(annotation.id);
    if (group === undefined) continue;
    members.set(group, [...(members.get(group) ?? []), annotation]);
  }
  return members;
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
 */
export function claimGroupTables(db: Db): ClaimGroup[] {
  const articles = sources(db);
  const links = listLinks(db);
  const said = attributedSpeakers(links, new Map(listAnnotations(db).map((a) => [a.id, a])));
  const speakerName = (a: Annotation) => a.speaker ?? said.get(a.id) ?? null;
  const groups: ClaimGroup[] = [];
  for (const [id, annotations] of groupMembers(db)) {
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
    const verdict = rating && { ratingValue: rating.ratingValue, alternateName: rating.alternateName, reviewer: rating.reviewer, reviewedAt: rating.reviewedAt };
    groups.push({ id, rows, links: groupLinks, flagged: rows.some((r) => r.flags.length > 0), verdict });
  }
  return groups.sort((a, b) => a.id - b.id);
}

/** What a source says about a group: a member tagged denial, or a span linked to a member as a denial or contradiction, is a denial. */
export function claimMatrix(db: Db): ClaimMatrix {
  const articles = sources(db);
  const members = groupMembers(db);
  const annotations = new Map(listAnnotations(db).map((a) => [a.id, a]));
  const disputing = listLinks(db).filter((l) => l.status !== 'rejected' && (l.type === 'denies' || l.type === 'contradicts'));
  const label = (s: Source) => s.outlet ?? s.title ?? s.fileName ?? `article ${s.id}`;
  const ordered = [...articles.values()].sort((a, b) => (a.published ?? '\uffff').localeCompare(b.published ?? '\uffff') || a.id - b.id);
  const groups = [...members].sort((a, b) => a[0] - b[0]);
  const cells: ClaimMatrix['cells'] = [];
  for (const [groupId, list] of groups) {
    const ids = new Set(list.map((a) => a.id));
    for (const source of ordered) {
      const here = list.filter((a) => a.articleId === source.id);
      const denials = [
        ...here.filter((a) => a.tag === 'denial'),
        ...disputing
          .filter((l) => ids.has(l.toId) && annotations.get(l.fromId)?.articleId === source.id)
          .map((l) => annotations.get(l.fromId)!),
      ];
      const state = denials.length > 0 ? 'denied' : here.length > 0 ? 'reported' : 'absent';
      const annotationIds = [...new Set((state === 'denied' ? denials : here).map((a) => a.id))];
      cells.push({ groupId, articleId: source.id, state, annotationIds });
    }
  }
  return {
    groups: groups.map(([id, list]) => ({ id, label: shorten([...list].sort(chronological(articles))[0]!.quote) })),
    sources: ordered.map((s) => ({ articleId: s.id, label: label(s), published: s.published })),
    cells,
  };
}

const shorten = (quote: string) => (quote.length > 60 ? `${quote.slice(0, 59).trimEnd()}…` : quote);
