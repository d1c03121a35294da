import { describe, expect, it } from 'vitest';
import { createAnnotation, getAnnotation, listAnnotations } from '../../main/corpus/annotations.ts';
import { getArticle, listArticles } from '../../main/corpus/articles.ts';
import { listVersions, supersededBy } from '../../main/corpus/articleVersions.ts';
import { listEvents } from '../../main/corpus/events.ts';
import { createLink, listLinks } from '../../main/corpus/links.ts';
import { dropOrphan, listOrphans, placeOrphan } from '../../main/corpus/reanchoring.ts';
import { importContent } from '../../main/ingest/importFiles.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const page = (paragraphs: string[], url = 'https://news.example.test/story-1') =>
  new TextEncoder().encode(
    `<html><head><meta property="og:site_name" content="Example News"><meta property="og:title" content="Russia offers Iran support">` +
      `<link rel="canonical" href="${url}"></head><body><article>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
  );

const FIRST = [
  'The White House said on Friday that Russia was offering Iran an unprecedented level of military and technical support.',
  'Iran denied sending drones to Russia for use in Ukraine, its foreign ministry said in a statement on Saturday.',
  'Kirby said the partnership posed a threat to Iran’s neighbours and to Ukraine, and the United States would respond.',
];
const UPDATED = [
  'UPDATE: adds Kremlin comment.',
  FIRST[0]!,
  'Iran denies sending drones to Russia for use in Ukraine, its foreign ministry said in a statement on Saturday.',
  'Kirby said the partnership posed a threat to Iran’s neighbours and to Ukraine, and the United States would respond.',
  'The Kremlin declined to comment.',
];

function annotated() {
  const { db } = tempCorpus();
  const { articleId } = importContent(db, 'story.html', page(FIRST), 'ana');
  const text = getArticle(db, articleId!).text;
  const at = (quote: string, tag: 'claim' | 'denial') =>
    createAnnotation(db, { articleId: articleId!, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, tag }, 'ana');
  const support = at('military and technical support', 'claim');
  const denial = at('Iran denied sending drones to Russia', 'denial');
  const threat = at('posed a threat', 'claim');
  const link = createLink(db, { fromId: support.id, toId: threat.id, type: 'same-claim' }, 'ana');
  return { db, oldId: articleId!, support, denial, threat, link };
}

describe('re-importing a changed version of an article', () => {
  it('stores it as a new article and keeps the old one, unchanged, marked as superseded', () => {
    const { db, oldId } = annotated();
    const oldText = getArticle(db, oldId).text;
    const result = importContent(db, 'story-v2.html', page(UPDATED), 'ana');
    expect(result).toMatchObject({ status: 'imported', supersedes: oldId, moved: 2, orphaned: 1 });
    expect(getArticle(db, oldId).text).toBe(oldText);
    expect(supersededBy(db, oldId)).toBe(result.articleId);
    expect(listVersions(db)).toEqual([{ oldId, newId: result.articleId, supersededAt: expect.any(String) }]);
    expect(listArticles(db)).toHaveLength(2);
  });

  it('moves the confident annotations, with their links, and re-takes their quote and context from the new text', () => {
    const { db, support, threat, link } = annotated();
    const { articleId } = importContent(db, 'story-v2.html', page(UPDATED), 'ana');
    const text = getArticle(db, articleId!).text;
    const moved = getAnnotation(db, support.id);
    expect(moved).toMatchObject({ articleId, start: text.indexOf('military and technical support'), quote: 'military and technical support' });
    expect(moved.prefix).toBe(text.slice(moved.start - 32, moved.start));
    expect(getAnnotation(db, threat.id).articleId).toBe(articleId);
    expect(listLinks(db)).toEqual([link]);
    expect(listEvents(db, 'annotation', support.id).at(-1)).toMatchObject({ action: 'annotation.reanchor' });
  });

  it('puts an annotation whose words changed in the orphans queue, on the old version, with a suggestion', () => {
    const { db, oldId, denial } = annotated();
    const { articleId } = importContent(db, 'story-v2.html', page(UPDATED), 'ana');
    expect(getAnnotation(db, denial.id).articleId).toBe(oldId);
    const [orphan] = listOrphans(db);
    expect(orphan).toMatchObject({
      annotationId: denial.id,
      newArticleId: articleId,
      annotation: { quote: 'Iran denied sending drones to Russia' },
      suggestion: { quote: 'Iran denies sending drones to Russia' },
      reason: expect.stringMatching(/words changed/),
    });
  });

  it('lets the analyst place an orphan on the new version, or drop it and leave it on the old one', () => {
    const { db, oldId, denial } = annotated();
    const { articleId } = importContent(db, 'story-v2.html', page(UPDATED), 'ana');
    const [orphan] = listOrphans(db);
    const placed = placeOrphan(db, { annotationId: denial.id, start: orphan!.suggestion!.start, end: orphan!.suggestion!.end }, 'ana');
    expect(placed).toMatchObject({ articleId, quote: 'Iran denies sending drones to Russia' });
    expect(listOrphans(db)).toEqual([]);
    expect(() => dropOrphan(db, denial.id, 'ana')).toThrow(/not waiting in the orphans queue/);

    const again = annotated();
    importContent(again.db, 'story-v2.html', page(UPDATED), 'ana');
    dropOrphan(again.db, again.denial.id, 'ana');
    expect(listOrphans(again.db)).toEqual([]);
    expect(getAnnotation(again.db, again.denial.id).articleId).toBe(again.oldId);
    expect(oldId).toBeGreaterThan(0);
  });

  it('carries the orphans queue on to a third version: found there, they move; still lost, they wait for the newest', () => {
    const { db, denial } = annotated();
    importContent(db, 'story-v2.html', page(UPDATED), 'ana');
    const v3 = importContent(db, 'story-v3.html', page([...FIRST, 'Correction: an earlier version misquoted the ministry.']), 'ana');
    expect(v3).toMatchObject({ moved: 3, orphaned: 0 });
    expect(getAnnotation(db, denial.id)).toMatchObject({ articleId: v3.articleId, quote: 'Iran denied sending drones to Russia' });
    expect(listOrphans(db)).toEqual([]);

    const other = annotated();
    importContent(other.db, 'story-v2.html', page(UPDATED), 'ana');
    const v3b = importContent(other.db, 'story-v3.html', page([...UPDATED, 'More to follow.']), 'ana');
    expect(listOrphans(other.db)).toMatchObject([{ annotationId: other.denial.id, newArticleId: v3b.articleId }]);
  });

  it('recognises a new version by outlet and title when the page gives no URL', () => {
    const { db } = tempCorpus();
    const first = importContent(db, 'a.html', page(FIRST, ''), 'ana');
    const second = importContent(db, 'b.html', page(UPDATED, ''), 'ana');
    expect(second.supersedes).toBe(first.articleId);
  });

  it('treats the same text again as a duplicate, not a new version', () => {
    const { db, oldId } = annotated();
    expect(importContent(db, 'again.html', page(FIRST), 'ana')).toMatchObject({ status: 'duplicate', articleId: oldId });
    expect(listVersions(db)).toEqual([]);
  });

  it('imports nothing, moves nothing and queues nothing when storing the new version fails', () => {
    const { db, oldId } = annotated();
    db.exec(`CREATE TEMP TRIGGER refuse_orphans BEFORE INSERT ON orphans BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    expect(() => importContent(db, 'story-v2.html', page(UPDATED), 'ana')).toThrow(/disk trouble/);
    expect(listArticles(db)).toHaveLength(1);
    expect(listAnnotations(db).every((a) => a.articleId === oldId)).toBe(true);
    expect(listVersions(db)).toEqual([]);
  });

  it('never lets a page of another outlet that copies the canonical address supersede the article or take its annotations', () => {
    const { db, oldId, support } = annotated();
    const copied = new TextEncoder().encode(
      `<html><head><meta property="og:site_name" content="Copycat Daily"><meta property="og:title" content="Russia offers Iran support">` +
        `<link rel="canonical" href="https://news.example.test/story-1"></head><body><article>${UPDATED.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
    );
    const result = importContent(db, 'copy.html', copied, 'ana');
    expect(result).toMatchObject({ status: 'imported' });
    expect(result.supersedes).toBeUndefined();
    expect(supersededBy(db, oldId)).toBeNull();
    expect(getAnnotation(db, support.id).articleId).toBe(oldId);
  });
});
