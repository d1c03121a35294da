import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { claimGroupIdPage, claimGroupMembersOf } from '../../main/corpus/claimGroups.ts';
import type { Db } from '../../main/corpus/database.ts';
import { supersedeArticle } from '../../main/ingest/newVersion.ts';
import { claimTimeline } from '../../main/provenance/claimTimeline.ts';
import { storePendingOrigins } from '../../main/provenance/storedReuse.ts';
import type { ClaimTimeline } from '../../main/contract/contract.ts';
import { reportProse } from '../provenance/reportText.ts';

/**
 * Claim groups whose reports copy one another, under random edits: five
 * articles of made-up prose (a wire story, two reprints of it, an independent
 * report, and one that copies half of it and names its outlet), and random
 * edits through the contract's handlers that change what the groups' origins
 * are made of: spans, grouping and cites links, reviews, dates, new versions
 * of a text, undo and redo, and the background pass that stores text reuse.
 */
const DATES = ['2024-05-01', '2024-05-02', '2024-05-03', null] as const;

export function reuseArticles(db: Db): number[] {
  const wire = reportProse(100, 14);
  const independent = reportProse(400, 12);
  const texts: Array<[string, string]> = [
    ['Outlet A', wire],
    ['Outlet B', `Headline of the day\n\n${wire}`],
    ['Outlet C', `${wire}\n\n${reportProse(300, 3)}`],
    ['Outlet D', independent],
    [
      'Outlet E',
      `${reportProse(600, 4)}\n\n${independent.slice(0, Math.floor(independent.length / 2))}\n\nThe account was first published, reports Outlet D, late on Tuesday.`,
    ],
  ];
  return texts.map(
    ([outlet, text], i) =>
      insertArticle(db, { text, title: `${outlet} report`, outlet, url: null, published: DATES[i % DATES.length]!, fileName: null }, 'ana').articleId,
  );
}

/** The live articles (superseded ones keep their rows but take no new spans here). */
function articleIds(db: Db): number[] {
  return db.prepare('SELECT id FROM articles WHERE id NOT IN (SELECT old_id FROM article_supersessions) ORDER BY id').pluck().all() as number[];
}

/** One random edit; refusals (a link that exists already, nothing to undo) are part of the game. */
export function randomReuseEdit(db: Db, analyst: string, next: () => number, options: { newVersions?: boolean } = {}): void {
  const api = createHandlers({ db, actor: analyst });
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const annotations = api['annotations.list']({});
  const links = api['links.list']({});
  const roll = next();
  try {
    if (roll < 0.2 || annotations.length < 2) {
      const articleId = pick(articleIds(db));
      const text = api['articles.get']({ id: articleId }).text;
      const runs = [...text.matchAll(/\S+(?: \S+){3}/g)];
      const run = pick(runs);
      api['annotations.create']({
        articleId,
        start: run.index,
        end: run.index + run[0].length,
        tag: pick(['claim', 'claim', 'denial', 'attribution'] as const),
      });
    } else if (roll < 0.27) api['annotations.delete']({ id: pick(annotations).id });
    else if (roll < 0.6) {
      const [a, b] = [pick(annotations), pick(annotations)];
      if (a.id !== b.id)
        api['links.create']({
          fromId: a.id,
          toId: b.id,
          type: pick(['same-claim', 'paraphrase', 'cites', 'contradicts'] as const),
          status: next() < 0.8 ? 'confirmed' : 'suggested',
        });
    } else if (roll < 0.7 && links.length) api['links.review']({ id: pick(links).id, status: next() < 0.5 ? 'confirmed' : 'rejected' });
    else if (roll < 0.76) api['articles.updateMetadata']({ id: pick(articleIds(db)), published: pick(DATES) });
    else if (roll < 0.8 && options.newVersions) newVersion(db, pick(articleIds(db)), analyst, next);
    else if (roll < 0.88) api['history.undo']({});
    else if (roll < 0.94) api['history.redo']({});
    // The background pass, sometimes cut short by its budget.
    else storePendingOrigins(db, { budgetMs: next() < 0.5 ? 0 : Number.POSITIVE_INFINITY });
  } catch (error) {
    if (!['conflict', 'not_found', 'invalid_input', 'forbidden'].includes((error as { code?: string }).code ?? '')) throw error;
  }
}

/** A new version of an article's text (a sentence added at its start): its spans move to it, as a re-import does. */
function newVersion(db: Db, oldId: number, analyst: string, next: () => number): void {
  const old = db.prepare('SELECT text, title, outlet, published FROM articles WHERE id = ?').get(oldId) as {
    text: string;
    title: string;
    outlet: string | null;
    published: string | null;
  };
  db.transaction(() => {
    const text = `${reportProse(Math.floor(next() * 1000), 1)}\n\n${old.text}`;
    const { articleId } = insertArticle(db, { text, title: old.title, outlet: old.outlet, url: null, published: old.published, fileName: null }, analyst);
    supersedeArticle(db, oldId, articleId, analyst);
  })();
}

/** One member of each claim group. */
export function groupMembers(db: Db): number[] {
  const ids = claimGroupIdPage(db, 0, -1);
  return [...claimGroupMembersOf(db, ids).values()].map((members) => members[0]!);
}

const ROLLBACK = new Error('rolled back on purpose');

/** The timeline worked out from the texts alone: the stored text reuse set aside (in a transaction rolled back). */
export function liveTimeline(db: Db, annotationId: number, visibleTo?: string): ClaimTimeline {
  let live: ClaimTimeline | undefined;
  try {
    db.transaction(() => {
      db.prepare('DELETE FROM text_reuse_pairs').run();
      live = claimTimeline(db, annotationId, visibleTo);
      throw ROLLBACK;
    })();
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  }
  return live!;
}
