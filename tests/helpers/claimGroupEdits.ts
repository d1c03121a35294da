import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import type { Db } from '../../main/corpus/database.ts';

/** Claim groups under edit: one article of numbered words, spans on it, and random edits through the contract's handlers. */
export const TEXT = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
const TAGS = ['claim', 'denial', 'attribution'] as const;
const TYPES = ['same-claim', 'paraphrase', 'contradicts'] as const;

/** The benchmarks' seeded generator (mulberry32), so a failing seed can be replayed. */
export { seededRandom as random } from '../bench/random.ts';

export function article(db: Db, title = 'One') {
  return insertArticle(db, { text: TEXT, title, outlet: null, url: null, published: null, fileName: null }, 'ana').articleId;
}

export function spans(db: Db, articleId: number, count: number): number[] {
  const api = createHandlers({ db, actor: 'ana' });
  return Array.from({ length: count }, (_, i) => api['annotations.create']({ articleId, start: i * 7, end: i * 7 + 5, tag: 'claim' }).id);
}

/** One random edit through the contract's handlers; refusals (a link that exists already, an undo with nothing to undo) are part of the game. */
export function randomEdit(db: Db, analyst: string, next: () => number): void {
  const api = createHandlers({ db, actor: analyst });
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const annotations = api['annotations.list']({});
  const links = api['links.list']({});
  const roll = next();
  try {
    if (roll < 0.2 || annotations.length < 2) {
      const start = Math.floor(next() * 70) * 6;
      api['annotations.create']({ articleId: 1, start, end: start + 5, tag: pick(TAGS)! });
    } else if (roll < 0.3) api['annotations.delete']({ id: pick(annotations)!.id });
    else if (roll < 0.65) {
      const [a, b] = [pick(annotations)!, pick(annotations)!];
      if (a.id !== b.id) api['links.create']({ fromId: a.id, toId: b.id, type: pick(TYPES)!, status: next() < 0.8 ? 'confirmed' : 'suggested' });
    } else if (roll < 0.8 && links.length) api['links.review']({ id: pick(links)!.id, status: next() < 0.5 ? 'confirmed' : 'rejected' });
    else if (roll < 0.9) api['history.undo']({});
    else api['history.redo']({});
  } catch (error) {
    if (!['conflict', 'not_found', 'invalid_input'].includes((error as { code?: string }).code ?? '')) throw error;
  }
}
