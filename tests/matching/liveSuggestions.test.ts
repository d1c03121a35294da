import { describe, expect, it } from 'vitest';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { markSuperseded } from '../../main/corpus/articleVersions.ts';
import type { Db } from '../../main/corpus/database.ts';
import { createLink } from '../../main/corpus/links.ts';
import { rejectSuggestion } from '../../main/matching/suggestionDecisions.ts';
import { suggestFor } from '../../main/matching/suggestions.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

/** Invented reports of one event; the matcher has never seen these names. */
const REPORTS = [
  'Port director Alina Reyes said the eastern terminal would stay closed for at least three weeks after the leak.',
  'The eastern terminal will stay closed for at least three weeks after the leak, Alina Reyes said on Monday.',
  'Officials said the eastern terminal would stay closed for at least three weeks after the leak.',
  'Union leader Tomas Berg said the eastern terminal would stay closed for at least three weeks after the leak.',
];
const CLAIM = 'the eastern terminal would stay closed for at least three weeks after the leak';

function corpus(texts: string[]): { db: Db; ids: number[] } {
  const { db } = tempCorpus();
  const ids = texts.map(
    (text, i) =>
      insertArticle(db, { text, title: `Report ${i + 1}`, outlet: `Outlet ${i + 1}`, url: null, published: null, fileName: `${i}.txt` }, 'ana').articleId,
  );
  return { db, ids };
}

function annotate(db: Db, articleId: number, quote: string, speaker?: string) {
  const text = db.prepare('SELECT text FROM articles WHERE id = ?').pluck().get(articleId) as string;
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`not in article ${articleId}: ${quote}`);
  return createAnnotation(db, { articleId, start, end: start + quote.length, tag: 'claim', speaker }, 'ana');
}

describe('suggestions come from live text, with their speaker', () => {
  it('never suggests a span from a superseded version of an article', () => {
    const { db, ids } = corpus(REPORTS.slice(0, 3));
    const source = annotate(db, ids[0]!, CLAIM);
    expect(suggestFor(db, source.id).map((s) => s.articleId)).toContain(ids[2]);
    const newer = insertArticle(
      db,
      { text: 'Officials said the terminal reopened on Friday.', title: 'Report 3', outlet: 'Outlet 3', url: null, published: null, fileName: '2b.txt' },
      'ana',
    ).articleId;
    markSuperseded(db, ids[2]!, newer, new Date().toISOString(), 'ana');
    expect(suggestFor(db, source.id).map((s) => s.articleId)).not.toContain(ids[2]);
  });

  it('holds a rejection for the whole claim group: a span rejected for one member is not suggested for another', () => {
    const { db, ids } = corpus(REPORTS.slice(0, 3));
    const source = annotate(db, ids[0]!, CLAIM);
    const member = annotate(db, ids[1]!, 'The eastern terminal will stay closed for at least three weeks after the leak');
    createLink(db, { fromId: member.id, toId: source.id, type: 'same-claim', status: 'confirmed' }, 'ana');
    const officials = suggestFor(db, member.id).find((s) => s.articleId === ids[2])!;
    rejectSuggestion(db, { annotationId: member.id, articleId: officials.articleId, start: officials.start, end: officials.end }, 'ana');
    expect(suggestFor(db, source.id).map((s) => s.articleId)).not.toContain(ids[2]);
  });

  it('marks a span said by someone else, names both speakers, and lists it after the others', () => {
    const { db, ids } = corpus(REPORTS);
    const source = annotate(db, ids[0]!, CLAIM, 'Alina Reyes');
    const suggestions = suggestFor(db, source.id);
    expect(suggestions.map((s) => s.articleId).sort()).toEqual([ids[1], ids[2], ids[3]]);
    expect(suggestions.at(-1)!.articleId).toBe(ids[3]);
    const [same, unnamed, other] = [ids[1], ids[2], ids[3]].map((id) => suggestions.find((s) => s.articleId === id));
    expect(same!.explanation.checks?.sameSpeaker).toBe(true);
    expect(unnamed!.explanation.checks?.sameSpeaker).toBeNull(); // "officials" may or may not be Alina Reyes
    expect(other!.explanation).toMatchObject({ speaker: 'Union leader Tomas Berg', checks: { sameSpeaker: false } });
    expect(other!.explanation.summary).toContain('said by Union leader Tomas Berg, not Alina Reyes');
  });

  it('explains with the meaning score and the structure checks as well as the shared words', () => {
    const { db, ids } = corpus(REPORTS.slice(0, 2));
    const source = annotate(db, ids[0]!, CLAIM);
    const [suggestion] = suggestFor(db, source.id);
    expect(suggestion!.explanation).toMatchObject({ method: 'alignment', checks: { sameNumber: true, sameNegation: true } });
    expect(suggestion!.explanation.meaning).toBeGreaterThan(0.8);
    expect(suggestion!.explanation.sharedWords).toContain('terminal');
    expect(suggestion!.explanation.summary).toMatch(/meaning \d+%.*same number/);
  });
});
