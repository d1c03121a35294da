import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAnnotations, updateAnnotation } from '../../main/corpus/annotations.ts';
import { listConflicts } from '../../main/corpus/conflicts.ts';
import type { Db } from '../../main/corpus/database.ts';
import { importedClaim } from '../../main/corpus/importedClaims.ts';
import { listLinks, reviewLink } from '../../main/corpus/links.ts';
import { buildClaimReviews } from '../../main/exchange/claimReview.ts';
import { exportWebAnnotations, importWebAnnotations } from '../../main/exchange/webAnnotation.ts';
import { tempCorpus, tempDir } from '../helpers/tempCorpus.ts';
import { buildExchangeCorpus } from './exchangeCorpus.ts';

async function exported(db: Db): Promise<string> {
  const file = join(tempDir(), 'work.json');
  await exportWebAnnotations(db, file);
  return readFileSync(file, 'utf8');
}
const counts = (db: Db) => db.prepare('SELECT (SELECT count(*) FROM annotations) AS annotations, (SELECT count(*) FROM links) AS links').get();
const uuidOf = (db: Db, id: number) => db.prepare('SELECT uuid FROM annotations WHERE id = ?').pluck().get(id) as string;

/** Two analysts who have exchanged their work once, so each holds the other's annotations under the same UUIDs. */
async function exchanged() {
  const ana = tempCorpus().db;
  const c = buildExchangeCorpus(ana);
  const bo = tempCorpus().db;
  importWebAnnotations(bo, await exported(ana), 'bo', 'ana.json');
  const onBo = (id: number) => listAnnotations(bo).find((a) => a.quote === listAnnotations(ana).find((x) => x.id === id)!.quote)!;
  return { ana, bo, c, onBo };
}

describe('Web Annotation import of a colleague’s changes', () => {
  it('applies a review a colleague set to rejected instead of reporting the link as already present', async () => {
    const { ana, bo, c, onBo } = await exchanged();
    const boLink = listLinks(bo).find((l) => l.fromId === onBo(c.claim.id).id && l.toId === onBo(c.drift.id).id)!;
    reviewLink(bo, boLink.id, 'rejected', 'bo');
    const result = importWebAnnotations(ana, await exported(bo), 'ana', 'bo.json');
    expect(result.links).toMatchObject({ updated: 1 });
    expect(listLinks(ana).find((l) => l.id === c.same.id)).toMatchObject({ status: 'rejected', reviewer: 'bo' });
    // ana's own review is kept beside bo's.
    expect(ana.prepare('SELECT reviewer, status FROM link_reviews WHERE link_id = ? ORDER BY reviewer').all(c.same.id)).toEqual([
      { reviewer: 'ana', status: 'confirmed' },
      { reviewer: 'bo', status: 'rejected' },
    ]);
  });

  it('applies a colleague’s later retag, and keeps both values as a conflict when ours is the later edit', async () => {
    const { ana, bo, c, onBo } = await exchanged();
    updateAnnotation(bo, { id: onBo(c.denial.id).id, tag: 'claim' }, 'bo');
    expect(importWebAnnotations(ana, await exported(bo), 'ana', 'bo.json').annotations).toMatchObject({ updated: 1, conflicts: 0 });
    expect(listAnnotations(ana).find((a) => a.id === c.denial.id)!.tag).toBe('claim');

    updateAnnotation(bo, { id: onBo(c.claim.id).id, tag: 'attribution' }, 'bo');
    const boFile = await exported(bo);
    updateAnnotation(ana, { id: c.claim.id, note: 'ana checked this later' }, 'ana');
    expect(importWebAnnotations(ana, boFile, 'ana', 'bo.json').annotations).toMatchObject({ updated: 0, conflicts: 1 });
    expect(listAnnotations(ana).find((a) => a.id === c.claim.id)).toMatchObject({ tag: 'claim', note: 'ana checked this later' });
    const [conflict] = listConflicts(ana);
    expect(conflict!.sides.map((s) => (s.value as { tag: string }).tag).sort()).toEqual(['attribution', 'claim']);
    expect(conflict!.sides[1]!.device).toMatch(/bo\.json \(imported by ana, unverified\)/);
  });
});

describe('Web Annotation import does not trust the file', () => {
  it('keeps a forged author and verdict reviewer but marks them unverified, and keeps the verdict out of ClaimReview', async () => {
    const ana = tempCorpus().db;
    const c = buildExchangeCorpus(ana);
    const doc = JSON.parse(await exported(ana));
    const claim = doc.first.items.find((i: Record<string, any>) => i.target?.selector?.[1].start === c.claim.start);
    claim.creator.name = 'Editor-in-chief';
    claim['crosscheck:rating'] = { ratingValue: 5, alternateName: 'True', reviewer: 'Editor-in-chief', reviewed: '2030-01-01T00:00:00.000Z' };
    const bo = tempCorpus().db;
    importWebAnnotations(bo, JSON.stringify(doc), 'bo', 'forged.json');
    const forged = listAnnotations(bo).find((a) => a.quote === c.claim.quote)!;
    expect(forged.author).toBe('Editor-in-chief');
    expect(importedClaim(bo, uuidOf(bo, forged.id))).toMatchObject({ claimedBy: 'Editor-in-chief', importedBy: 'bo', source: 'forged.json' });
    const review = (buildClaimReviews(bo, forged.id) as Array<Record<string, any>>)[0]!;
    expect(review.reviewRating?.alternateName).not.toBe('True');
    expect(bo.prepare("SELECT count(*) FROM claim_reviews WHERE alternate_name = 'True'").pluck().get()).toBe(1);
  });

  it('refuses a javascript: URL, changing nothing', async () => {
    const ana = tempCorpus().db;
    buildExchangeCorpus(ana);
    const doc = JSON.parse(await exported(ana));
    doc['crosscheck:articles'][0]['crosscheck:url'] = 'javascript:alert(document.cookie)';
    const bo = tempCorpus().db;
    expect(() => importWebAnnotations(bo, JSON.stringify(doc), 'bo', 'bad.json')).toThrow(/URL is not an http or https address/);
    expect(counts(bo)).toEqual({ annotations: 0, links: 0 });
    expect(bo.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(0);
  });

  it('never duplicates an annotation or a link whose UUID is written in upper case', async () => {
    const ana = tempCorpus().db;
    buildExchangeCorpus(ana);
    const before = counts(ana);
    const upper = (await exported(ana)).replace(/urn:uuid:[0-9a-f-]{36}/g, (iri) => `urn:uuid:${iri.slice(9).toUpperCase()}`);
    const result = importWebAnnotations(ana, upper, 'ana', 'upper.json');
    expect(result.annotations).toMatchObject({ added: 0, alreadyPresent: 4 });
    expect(result.links).toMatchObject({ added: 0 });
    expect(counts(ana)).toEqual(before);
  });
});
