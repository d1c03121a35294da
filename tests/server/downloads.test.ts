import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDownloads } from '../../main/api/downloads.ts';
import { buildClaimReviews } from '../../main/exchange/claimReview.ts';
import { exportCsv } from '../../main/exchange/csvExport.ts';
import { jsonForScript } from '../../main/exchange/jsonLdScript.ts';
import { ExchangeDocument, exportWebAnnotations } from '../../main/exchange/webAnnotation.ts';
import { buildExchangeCorpus } from '../exchange/exchangeCorpus.ts';
import { tempCorpus, tempDir } from '../helpers/tempCorpus.ts';
import { csvDownloadHref } from '../../renderer/export/csvDownload.ts';

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let all = '';
  for await (const chunk of chunks) all += chunk;
  return all;
}

function download(downloads: ReturnType<typeof createDownloads>, href: string) {
  const url = new URL(href, 'http://app.invalid');
  return downloads(url.pathname, url.searchParams);
}

describe('CSV downloads', () => {
  it('streams each table exactly as the export command writes it, filters included', async () => {
    const { db } = tempCorpus();
    buildExchangeCorpus(db);
    const downloads = createDownloads(db);
    const filters = { tags: ['claim', 'attribution'] as const, outlets: ['Anadolu Agency'], statuses: ['confirmed'] as const, bom: true };
    const out = tempDir();
    await exportCsv(db, out, { tags: [...filters.tags], outlets: filters.outlets, linkStatuses: [...filters.statuses], bom: true });
    for (const table of ['annotations', 'links'] as const) {
      const answer = download(downloads, csvDownloadHref(table, filters));
      if (!answer.ok) throw new Error(answer.error.message);
      expect(answer.value).toMatchObject({ fileName: `${table}.csv`, contentType: 'text/csv; charset=utf-8' });
      expect(await text(answer.value.chunks)).toBe(readFileSync(join(out, `${table}.csv`), 'utf8'));
    }
  });

  it('with no filter, downloads every annotation, and a CSV parser reads it back', async () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    const answer = download(createDownloads(db), csvDownloadHref('annotations', { tags: [], outlets: [], statuses: [], bom: false }));
    if (!answer.ok) throw new Error(answer.error.message);
    const rows = parse(await text(answer.value.chunks), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => Number(r.annotation_id))).toEqual([c.claim.id, c.denial.id, c.drift.id, c.formula.id]);
  });

  it.each([
    ['/export/annotations.csv?tag=opinion', /tag\.0/],
    ['/export/annotations.csv?status=maybe', /status\.0/],
    ['/export/annotations.csv?bom=yes', /bom/],
    ['/export/annotations.csv?bom=1&bom=0', /bom/],
    ['/export/annotations.csv?format=xlsx', /format|unrecognized/i],
    [`/export/annotations.csv?outlet=${'x'.repeat(301)}`, /outlet/],
  ])('refuses %s with a clear error', (href, message) => {
    const { db } = tempCorpus();
    const answer = download(createDownloads(db), href);
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.error.code).toBe('invalid_input');
      expect(answer.error.message).toMatch(message);
    }
  });

  it('knows no other file', () => {
    const { db } = tempCorpus();
    for (const href of ['/export/corpus.sqlite', '/export/../annotations.csv', '/export/annotations.json']) {
      const answer = download(createDownloads(db), href);
      expect(answer.ok ? 'found' : answer.error.code).toBe('not_found');
    }
  });

  it("downloads a claim group's ClaimReview, with the analyst's rating, and refuses a group that has none", async () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    const answer = download(createDownloads(db), `/export/claimreview.json?group=${c.claim.id}`);
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value).toMatchObject({ fileName: `claimreview-${c.claim.id}.json`, contentType: 'application/ld+json; charset=utf-8' });
    const review = JSON.parse(await text(answer.value.chunks));
    expect(review).toMatchObject({ '@type': 'ClaimReview', claimReviewed: c.claim.quote, reviewRating: { ratingValue: 2, alternateName: 'Misleading' } });
    expect(review.itemReviewed.appearance).toHaveLength(2);
    const unreviewed = download(createDownloads(db), `/export/claimreview.json?group=${c.denial.id}`);
    expect(unreviewed.ok ? 'found' : unreviewed.error.code).toBe('not_found');
    for (const href of [
      '/export/claimreview.json',
      '/export/claimreview.json?group=abc',
      '/export/claimreview.json?group=1&group=2',
      '/export/claimreview.json?group=0',
    ]) {
      const refused = download(createDownloads(db), href);
      expect(refused.ok ? 'found' : refused.error.code, href).toBe('invalid_input');
    }
  });
});

describe('Web Annotation and ClaimReview downloads', () => {
  /** The collection with its time of making blanked: two exports a moment apart differ only there. */
  const undated = (json: string) => json.replace(/"generated":"[^"]+"/, '"generated":""');

  it('streams the whole corpus as the Web Annotation collection the export command writes', async () => {
    const { db } = tempCorpus();
    buildExchangeCorpus(db);
    const file = join(tempDir(), 'corpus.jsonld');
    await exportWebAnnotations(db, file);
    const answer = download(createDownloads(db), '/export/annotations.jsonld');
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value).toMatchObject({ fileName: 'annotations.jsonld', contentType: 'application/ld+json; charset=utf-8' });
    const downloaded = await text(answer.value.chunks);
    expect(undated(downloaded)).toBe(undated(readFileSync(file, 'utf8')));
    expect(ExchangeDocument.safeParse(JSON.parse(downloaded)).success).toBe(true);
  });

  it('downloads the ClaimReview of every reviewed claim group, as the export command writes them without --group', async () => {
    const { db } = tempCorpus();
    buildExchangeCorpus(db);
    const answer = download(createDownloads(db), '/export/claimreviews.json');
    if (!answer.ok) throw new Error(answer.error.message);
    const reviews = JSON.parse(await text(answer.value.chunks));
    expect(reviews).toEqual(JSON.parse(jsonForScript(buildClaimReviews(db), 2)));
    expect(reviews.length).toBeGreaterThan(0);
    expect(reviews.every((r: { '@type': string }) => r['@type'] === 'ClaimReview')).toBe(true);
  });

  it('downloads an empty list of ClaimReviews from a corpus with no reviewed claim', async () => {
    const { db } = tempCorpus();
    const answer = download(createDownloads(db), '/export/claimreviews.json');
    if (!answer.ok) throw new Error(answer.error.message);
    expect(JSON.parse(await text(answer.value.chunks))).toEqual([]);
  });

  it.each(['/export/annotations.jsonld?tag=claim', '/export/claimreviews.json?group=1'])('refuses an option %s does not take', (href) => {
    const { db } = tempCorpus();
    const answer = download(createDownloads(db), href);
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('invalid_input');
  });
});
