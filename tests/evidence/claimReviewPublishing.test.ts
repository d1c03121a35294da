import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../main/api/dispatch.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { createDownloads } from '../../main/api/downloads.ts';
import { setClaimRating } from '../../main/corpus/claimRatings.ts';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { setPublisherSettings } from '../../main/corpus/publisherSettings.ts';
import { sha256OfBytes } from '../../main/corpus/capturedSources.ts';
import { buildClaimReviews } from '../../main/exchange/claimReview.ts';
import { jsonForScript } from '../../main/exchange/jsonLdScript.ts';
import { importContent } from '../../main/ingest/importFiles.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';
import { buildExchangeCorpus } from '../exchange/exchangeCorpus.ts';

interface TypeSpec {
  parent: string | null;
  properties: string[];
}
const SCHEMA = JSON.parse(readFileSync(new URL('../fixtures/schema-org-claimreview.json', import.meta.url), 'utf8')) as {
  types: Record<string, TypeSpec>;
  expects: Record<string, string[]>;
  googleClaimReview: { required: string[]; reviewRatingRequired: string[] };
};

/** Where `property` is defined for `type`, walking up the type's parents; null when nowhere. */
function definingType(type: string, property: string): string | null {
  for (let t: string | null = type; t; t = SCHEMA.types[t]?.parent ?? null) if (SCHEMA.types[t]?.properties.includes(property)) return t;
  return null;
}

/** Every problem of a JSON-LD node and the nodes inside it against the schema.org fixture. */
function schemaProblems(node: unknown, path = '$'): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => schemaProblems(item, `${path}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const type = record['@type'];
  if (typeof type !== 'string' || !SCHEMA.types[type]) return [`${path}: unknown @type ${String(type)}`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (key === '@type' || key === '@context') continue;
    const owner = definingType(type, key);
    if (!owner) {
      problems.push(`${path}.${key}: not a property of ${type}`);
      continue;
    }
    const expected = SCHEMA.expects[`${owner}.${key}`] ?? SCHEMA.expects[`${type}.${key}`];
    for (const item of Array.isArray(value) ? value : [value]) {
      const itemType = (item as Record<string, unknown> | null)?.['@type'];
      if (expected && typeof itemType === 'string' && !expected.includes(itemType))
        problems.push(`${path}.${key}: a ${itemType}, expected ${expected.join(' or ')}`);
    }
    problems.push(...schemaProblems(value, `${path}.${key}`));
  }
  return problems;
}

function publishedCorpus() {
  const { db } = tempCorpus();
  const c = buildExchangeCorpus(db);
  setPublisherSettings(db, { organisation: 'Example Fact Check', url: 'https://factcheck.example.org/' }, 'ana');
  setClaimRating(
    db,
    {
      annotationId: c.claim.id,
      ratingValue: 2,
      alternateName: 'Misleading',
      claimReviewed: 'Russia is giving Iran unprecedented military support',
      reviewUrl: 'https://factcheck.example.org/reviews/russia-iran',
    },
    'rita',
  );
  return { db, c };
}

describe('ClaimReview a publisher can use', () => {
  it("names the review's address, the publishing organisation, the claim in the analyst's words, the claimant and the claim's date", () => {
    const { db, c } = publishedCorpus();
    const [review] = buildClaimReviews(db, c.claim.id) as Array<Record<string, any>>;
    expect(review).toMatchObject({
      '@type': 'ClaimReview',
      url: 'https://factcheck.example.org/reviews/russia-iran',
      claimReviewed: 'Russia is giving Iran unprecedented military support',
      author: { '@type': 'Organization', name: 'Example Fact Check', url: 'https://factcheck.example.org/' },
      itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'John Kirby' }, datePublished: '2022-12-09' },
      reviewRating: { '@type': 'Rating', ratingValue: 2, alternateName: 'Misleading' },
    });
    expect(review!.itemReviewed.appearance.map((a: Record<string, string>) => [a.headline, a.url])).toEqual([
      ['Russia offers Iran support', 'https://example.org/kirby'],
      ['Russia, Iran deepen ties', 'https://example.net/aa'],
    ]);
  });

  it("uses only properties schema.org defines for each node's type, and has every property a search engine requires", () => {
    const { db, c } = publishedCorpus();
    const [review] = buildClaimReviews(db, c.claim.id) as Array<Record<string, any>>;
    expect(schemaProblems(review)).toEqual([]);
    for (const property of SCHEMA.googleClaimReview.required) expect(review).toHaveProperty(property);
    for (const property of SCHEMA.googleClaimReview.reviewRatingRequired) expect(review!.reviewRating).toHaveProperty(property);
  });

  it('is caught by the schema check when a property schema.org does not define slips in', () => {
    const { db, c } = publishedCorpus();
    const [review] = buildClaimReviews(db, c.claim.id) as Array<Record<string, any>>;
    expect(schemaProblems({ ...review, claimDate: '2022-12-09' })).toEqual(['$.claimDate: not a property of ClaimReview']);
    expect(schemaProblems({ ...review, itemReviewed: { ...review!.itemReviewed, author: { '@type': 'Rating' } } })).toContain(
      '$.itemReviewed.author: a Rating, expected Organization or Person',
    );
  });

  it("names the claimant by the speaker's display name, whatever alias the annotation typed", () => {
    const { db, c } = publishedCorpus();
    db.prepare("UPDATE speakers SET name = 'John F. Kirby' WHERE id = (SELECT speaker_id FROM speaker_aliases WHERE key = 'john kirby')").run();
    const [review] = buildClaimReviews(db, c.claim.id) as Array<Record<string, any>>;
    expect(review!.itemReviewed.author).toEqual({ '@type': 'Person', name: 'John F. Kirby' });
  });

  it('names the hash of the captured source of each appearance imported from a file', () => {
    const { db } = tempCorpus();
    const bytes = new TextEncoder().encode('Port officials said the harbour would reopen on Monday after the storm.\n');
    const { articleId } = importContent(db, 'port.txt', bytes, 'ana');
    const claim = createAnnotation(db, { articleId: articleId!, start: 0, end: 14, tag: 'claim' }, 'ana');
    setClaimRating(db, { annotationId: claim.id, alternateName: 'True', ratingValue: 5 }, 'ana');
    const [review] = buildClaimReviews(db, claim.id) as Array<Record<string, any>>;
    expect(review!.itemReviewed.appearance[0].identifier).toEqual({ '@type': 'PropertyValue', propertyID: 'sha256', value: sha256OfBytes(bytes) });
    expect(schemaProblems(review)).toEqual([]);
  });

  it('keeps the wording and address through a new verdict on the group, and clears them when told to', () => {
    const { db, c } = publishedCorpus();
    setClaimRating(db, { annotationId: c.drift.id, ratingValue: 1, alternateName: 'False' }, 'rita');
    let [review] = buildClaimReviews(db, c.claim.id) as Array<Record<string, any>>;
    expect(review).toMatchObject({
      claimReviewed: 'Russia is giving Iran unprecedented military support',
      url: 'https://factcheck.example.org/reviews/russia-iran',
    });
    setClaimRating(db, { annotationId: c.drift.id, alternateName: 'False', claimReviewed: null, reviewUrl: null }, 'rita');
    [review] = buildClaimReviews(db, c.claim.id) as Array<Record<string, any>>;
    expect(review!.claimReviewed).toBe(c.claim.quote);
    expect(review).not.toHaveProperty('url');
  });

  it('keeps the reviewer as author until the corpus names its publishing organisation', () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    const [review] = buildClaimReviews(db, c.claim.id) as Array<Record<string, any>>;
    expect(review!.author).toEqual({ '@type': 'Person', name: 'ana' });
  });
});

describe('ClaimReview pasted into a page', () => {
  const HOSTILE = 'False</script><script>document.title="pwned"</script> & <b>more</b>';

  function pageWith(json: string) {
    return parseHTML(`<!doctype html><html><head><script type="application/ld+json">${json}</script></head><body><p>Review</p></body></html>`).document;
  }

  it('escapes <, > and & so a verdict holding </script><script> stays inside the JSON-LD and reads back unchanged', () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    setClaimRating(db, { annotationId: c.claim.id, alternateName: HOSTILE, claimReviewed: 'Tom & Jerry <said> it\u2028twice' }, 'rita');
    const [review] = buildClaimReviews(db, c.claim.id);
    const json = jsonForScript(review, 2);
    expect(json).not.toMatch(/[<>&\u2028]/);
    const scripts = pageWith(json).querySelectorAll('script');
    expect(scripts).toHaveLength(1);
    expect(JSON.parse(scripts[0]!.textContent!)).toEqual(review);
  });

  it('would break out of the script element without the escaping (the check above can fail)', () => {
    const scripts = pageWith(JSON.stringify({ alternateName: HOSTILE })).querySelectorAll('script');
    expect(scripts.length).toBeGreaterThan(1);
  });

  it('is served escaped by the download address and the settings are set and read through the contract', async () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    const dispatch = createDispatch(createHandlers({ db, actor: 'rita' }), () => {});
    expect(dispatch('settings.set', { organisation: 'Example Fact Check', url: 'https://factcheck.example.org/' })).toEqual({
      ok: true,
      value: { organisation: 'Example Fact Check', url: 'https://factcheck.example.org/' },
    });
    expect(dispatch('settings.set', { url: 'javascript:alert(1)' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(dispatch('settings.get', {})).toEqual({ ok: true, value: { organisation: 'Example Fact Check', url: 'https://factcheck.example.org/' } });
    expect(dispatch('claimRatings.set', { annotationId: c.claim.id, alternateName: HOSTILE, reviewUrl: 'ftp://x.example/' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(dispatch('claimRatings.set', { annotationId: c.claim.id, alternateName: HOSTILE })).toMatchObject({ ok: true });
    const download = createDownloads(db)('/export/claimreview.json', new URLSearchParams({ group: String(c.claim.id) }));
    if (!download.ok) throw new Error(download.error.message);
    let text = '';
    for await (const chunk of download.value.chunks) text += chunk;
    expect(text).not.toContain('</script>');
    expect(JSON.parse(text).reviewRating.alternateName).toBe(HOSTILE);
  });

  it('records a settings change in the event log', () => {
    const { db } = tempCorpus();
    setPublisherSettings(db, { organisation: 'Example Fact Check' }, 'ana');
    const event = db.prepare("SELECT actor, data FROM events WHERE action = 'settings.publisher'").get() as { actor: string; data: string };
    expect(event.actor).toBe('ana');
    expect(JSON.parse(event.data)).toEqual({ before: { organisation: null, url: null }, after: { organisation: 'Example Fact Check', url: null } });
  });
});
