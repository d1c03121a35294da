import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnnotation, listAnnotations } from '../../main/corpus/annotations.ts';
import { insertArticle, listArticles } from '../../main/corpus/articles.ts';
import { createLink, listLinks } from '../../main/corpus/links.ts';
import { exportWebAnnotations, importWebAnnotations } from '../../main/exchange/webAnnotation.ts';
import { tempCorpus, tempDir } from '../helpers/tempCorpus.ts';
import { buildExchangeCorpus, KIRBY_TEXT } from './exchangeCorpus.ts';

async function exported(db: ReturnType<typeof tempCorpus>['db']) {
  const file = join(tempDir(), 'work.json');
  await exportWebAnnotations(db, file);
  return { file, json: readFileSync(file, 'utf8') };
}
const withoutGenerated = (json: string) => ({ ...JSON.parse(json), generated: undefined });
const rowCounts = (db: ReturnType<typeof tempCorpus>['db']) =>
  db
    .prepare('SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM annotations) AS annotations, (SELECT count(*) FROM links) AS links')
    .get();

describe('Web Annotation export', () => {
  it('writes an AnnotationCollection: quote and position selectors, and links as annotations with motivation linking', async () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    const doc = JSON.parse((await exported(db)).json);
    expect(doc['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    const items = doc.first.items as Array<Record<string, any>>;
    const claim = items.find((i) => i.motivation === 'classifying' && i.target.selector[1].start === c.claim.start)!;
    expect(claim.target.selector).toEqual([
      { type: 'TextQuoteSelector', exact: c.claim.quote, prefix: c.claim.prefix, suffix: c.claim.suffix },
      { type: 'TextPositionSelector', start: c.claim.start, end: c.claim.end },
    ]);
    expect(claim.body).toContainEqual({ type: 'TextualBody', purpose: 'tagging', value: 'claim' });
    const links = items.filter((i) => i.motivation === 'linking');
    expect(links).toHaveLength(2);
    expect(links[0]).toMatchObject({ target: claim.id, 'crosscheck:linkType': 'same-claim', 'crosscheck:status': 'confirmed' });
  });

  it("carries the page's byline and the claim group's rating, so an exchange loses neither", async () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    const doc = JSON.parse((await exported(db)).json);
    expect(doc['crosscheck:articles'][0]['crosscheck:byline']).toBe('Jane Reporter');
    const drift = doc.first.items.find((i: Record<string, any>) => i.target?.selector?.[1].start === c.drift.start);
    expect(drift['crosscheck:rating']).toMatchObject({ ratingValue: 2, alternateName: 'Misleading', reviewer: 'ana' });
    const other = tempCorpus().db;
    importWebAnnotations(other, JSON.stringify(doc), 'bo');
    expect(other.prepare('SELECT byline FROM article_bylines').pluck().all()).toEqual(['Jane Reporter']);
    expect(other.prepare('SELECT alternate_name FROM claim_reviews').pluck().all()).toEqual(['Misleading']);
  });
});

describe('Web Annotation import', () => {
  it('reproduces articles, annotations and links exactly in an empty corpus', async () => {
    const a = tempCorpus().db;
    buildExchangeCorpus(a);
    const first = await exported(a);
    const b = tempCorpus().db;
    const result = importWebAnnotations(b, first.json, 'bo');
    expect(result).toEqual({
      articles: { added: 2, alreadyPresent: 0, updated: 0, conflicts: 0 },
      annotations: { added: 4, alreadyPresent: 0, updated: 0, conflicts: 0 },
      links: { added: 2, alreadyPresent: 0, updated: 0, conflicts: 0 },
    });
    expect(withoutGenerated((await exported(b)).json)).toEqual(withoutGenerated(first.json));
    const strip = ({ id: _id, ...rest }: { id: number }) => rest;
    expect(listArticles(b).map(strip)).toEqual(listArticles(a).map(strip));
    expect(listAnnotations(b)).toEqual(listAnnotations(a));
    // A file names no link's creator: a link enters this corpus drawn by whoever imported it.
    const withoutCreator = ({ createdBy: _by, ...rest }: { createdBy: string }) => rest;
    expect(listLinks(b).map(withoutCreator)).toEqual(listLinks(a).map(withoutCreator));
    expect(new Set(listLinks(b).map((l) => l.createdBy))).toEqual(new Set(['bo']));
  });

  it('merges by id: importing the same work twice adds nothing', async () => {
    const a = tempCorpus().db;
    buildExchangeCorpus(a);
    const { json } = await exported(a);
    const b = tempCorpus().db;
    importWebAnnotations(b, json, 'bo');
    const again = importWebAnnotations(b, json, 'bo');
    expect(again).toEqual({
      articles: { added: 0, alreadyPresent: 2, updated: 0, conflicts: 0 },
      annotations: { added: 0, alreadyPresent: 4, updated: 0, conflicts: 0 },
      links: { added: 0, alreadyPresent: 2, updated: 0, conflicts: 0 },
    });
    expect(rowCounts(b)).toEqual({ articles: 2, annotations: 4, links: 2 });
  });

  it("lets two analysts exchange work: each one's new annotations and links join the other's, shared ones once", async () => {
    const ana = tempCorpus().db;
    const c = buildExchangeCorpus(ana);
    const bo = tempCorpus().db;
    importWebAnnotations(bo, (await exported(ana)).json, 'bo');
    // Each analyst works on alone.
    const anaNew = createAnnotation(ana, { articleId: c.kirby, start: 0, end: 10, tag: 'attribution' }, 'ana');
    const boClaim = listAnnotations(bo).find((x) => x.quote === c.claim.quote)!;
    const boNew = createAnnotation(bo, { articleId: boClaim.articleId, start: 11, end: 20, tag: 'claim' }, 'bo');
    createLink(bo, { fromId: boNew.id, toId: boClaim.id, type: 'paraphrase' }, 'bo');
    importWebAnnotations(ana, (await exported(bo)).json, 'ana');
    importWebAnnotations(bo, (await exported(ana)).json, 'bo');
    expect(rowCounts(ana)).toEqual({ articles: 2, annotations: 6, links: 3 });
    expect(rowCounts(bo)).toEqual({ articles: 2, annotations: 6, links: 3 });
    expect(listAnnotations(ana).some((x) => x.author === 'bo' && x.quote === boNew.quote)).toBe(true);
    expect(listAnnotations(bo).some((x) => x.quote === anaNew.quote)).toBe(true);
  });

  it('keeps an article already in the corpus under its own id and adds the annotations to it', async () => {
    const a = tempCorpus().db;
    buildExchangeCorpus(a);
    const { json } = await exported(a);
    const b = tempCorpus().db;
    insertArticle(b, { text: 'Something else entirely.', title: null, outlet: null, url: null, published: null, fileName: null }, 'bo');
    const { articleId } = insertArticle(b, { text: KIRBY_TEXT, title: 'local title', outlet: null, url: null, published: null, fileName: null }, 'bo');
    importWebAnnotations(b, json, 'bo');
    expect(listAnnotations(b, articleId)).toHaveLength(2);
    expect(listArticles(b).find((x) => x.id === articleId)!.title).toBe('local title');
  });

  it('refuses a file that is not JSON, or not a collection, and changes nothing', () => {
    const { db } = tempCorpus();
    expect(() => importWebAnnotations(db, '{"type": "Annot', 'bo')).toThrow(/not a JSON file/);
    expect(() => importWebAnnotations(db, '{"type": "Annotation"}', 'bo')).toThrow(/not a Crosscheck Web Annotation collection/);
    expect(rowCounts(db)).toEqual({ articles: 0, annotations: 0, links: 0 });
  });

  it('refuses the whole file, naming the item, when a text does not match its hash or a selector its text', async () => {
    const a = tempCorpus().db;
    buildExchangeCorpus(a);
    const doc = JSON.parse((await exported(a)).json);
    const b = tempCorpus().db;
    const tampered = structuredClone(doc);
    tampered['crosscheck:articles'][1].value += ' (edited)';
    expect(() => importWebAnnotations(b, JSON.stringify(tampered), 'bo')).toThrow(/does not match its sha256/);
    const moved = structuredClone(doc);
    moved.first.items[3].target.selector[1].start += 1;
    expect(() => importWebAnnotations(b, JSON.stringify(moved), 'bo')).toThrow(
      new RegExp(`annotation ${moved.first.items[3].id}: its TextQuoteSelector does not match`),
    );
    expect(rowCounts(b)).toEqual({ articles: 0, annotations: 0, links: 0 });
  });

  it('refuses a link to an annotation that is nowhere to be found', async () => {
    const a = tempCorpus().db;
    buildExchangeCorpus(a);
    const doc = JSON.parse((await exported(a)).json);
    doc.first.items.at(-1).body = 'urn:uuid:00000000-0000-4000-8000-000000000000';
    const b = tempCorpus().db;
    expect(() => importWebAnnotations(b, JSON.stringify(doc), 'bo')).toThrow(/neither in the file nor in the corpus/);
    expect(rowCounts(b)).toEqual({ articles: 0, annotations: 0, links: 0 });
  });
});
