import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { createDispatch } from '../../main/api/dispatch.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { buildClaimReviews } from '../../main/exchange/claimReview.ts';
import { syncDevice, OrderingHub } from '../helpers/syncHarness.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const TEXT = 'Kirby said Russia was offering Iran military and technical support. Tehran denied it.';
const at = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });

function corpus() {
  const { db } = tempCorpus();
  const api = createHandlers({ db, actor: 'ana' });
  const { articleId } = insertArticle(db, { text: TEXT, title: 'Support', outlet: 'Wire', url: null, published: '2024-01-02', fileName: null }, 'ana');
  const claim = api['annotations.create']({ articleId, ...at('Russia was offering Iran military and technical support'), tag: 'claim', speaker: 'Kirby' });
  const speaker = api['speakers.list']({})[0]!;
  return { db, api, dispatch: createDispatch(api), speaker, claim };
}

describe('speakers as entities: role, affiliation and a Wikidata id', () => {
  it('keeps the role, affiliation and Wikidata id the analyst types, and lists them with the speaker', () => {
    const { api, speaker } = corpus();
    expect(speaker).toMatchObject({ name: 'Kirby', role: null, affiliation: null, wikidata: null });
    const updated = api['speakers.update']({ id: speaker.id, role: 'spokesman', affiliation: 'National Security Council', wikidata: 'Q6253130' });
    expect(updated).toMatchObject({ id: speaker.id, name: 'Kirby', role: 'spokesman', affiliation: 'National Security Council', wikidata: 'Q6253130' });
    expect(api['speakers.list']({})[0]).toEqual(updated);
    // A field left out stays; null clears it.
    expect(api['speakers.update']({ id: speaker.id, role: null })).toMatchObject({
      role: null,
      affiliation: 'National Security Council',
      wikidata: 'Q6253130',
    });
  });

  it('refuses a Wikidata id that is not Q and a number, an unknown speaker and an empty role, changing nothing', () => {
    const { api, dispatch, speaker } = corpus();
    for (const wikidata of ['42', 'Q', 'Q0', 'Q012', 'q42', 'Q42x', 'https://www.wikidata.org/wiki/Q42', 'P31']) {
      const answer = dispatch('speakers.update', { id: speaker.id, wikidata });
      expect(answer.ok, wikidata).toBe(false);
      if (!answer.ok) expect(answer.error.message).toMatch(/expected a Wikidata item id: Q followed by its number/);
    }
    expect(dispatch('speakers.update', { id: speaker.id, role: '   ' }).ok).toBe(false);
    const missing = dispatch('speakers.update', { id: 999, role: 'minister' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(api['speakers.list']({})[0]).toEqual(speaker);
  });

  it('refuses a malformed Wikidata id in the database itself, even when code is bypassed', () => {
    const { db, speaker } = corpus();
    expect(() => db.prepare('UPDATE speakers SET wikidata = ? WHERE id = ?').run('Q12a', speaker.id)).toThrow(/CHECK constraint/);
    expect(() => db.prepare('UPDATE speakers SET wikidata = ? WHERE id = ?').run('Q012', speaker.id)).toThrow(/CHECK constraint/);
    db.prepare('UPDATE speakers SET wikidata = ? WHERE id = ?').run('Q42', speaker.id);
  });

  it('makes the change one undoable step: undo restores the speaker as it was, redo sets it again', () => {
    const { api, speaker } = corpus();
    api['speakers.update']({ id: speaker.id, role: 'spokesman', wikidata: 'Q6253130' });
    expect(api['history.state']({}).undo).toMatchObject({ action: 'metadata', quote: 'Kirby' });
    api['history.undo']({});
    expect(api['speakers.list']({})[0]).toEqual(speaker);
    api['history.redo']({});
    expect(api['speakers.list']({})[0]).toMatchObject({ role: 'spokesman', wikidata: 'Q6253130' });
  });

  it('replicates to another device through the hub', () => {
    const hub = new OrderingHub();
    const ana = corpus();
    const ben = tempCorpus().db;
    ana.api['speakers.update']({ id: ana.speaker.id, affiliation: 'National Security Council', wikidata: 'Q6253130' });
    syncDevice(hub, ana.db, 'ana');
    syncDevice(hub, ben, 'ben');
    expect(createHandlers({ db: ben, actor: 'ben' })['speakers.list']({})).toEqual([
      expect.objectContaining({ name: 'Kirby', affiliation: 'National Security Council', wikidata: 'Q6253130', role: null }),
    ]);
  });

  it('names the claimant in ClaimReview with the role as jobTitle, the affiliation and the Wikidata item as sameAs', () => {
    const { db, api, speaker, claim } = corpus();
    api['claimRatings.set']({ annotationId: claim.id, ratingValue: 2, alternateName: 'Misleading' });
    expect(buildClaimReviews(db)[0]).toMatchObject({ itemReviewed: { author: { '@type': 'Person', name: 'Kirby' } } });
    expect((buildClaimReviews(db)[0] as { itemReviewed: { author: object } }).itemReviewed.author).toEqual({ '@type': 'Person', name: 'Kirby' });
    api['speakers.update']({ id: speaker.id, role: 'spokesman', affiliation: 'National Security Council', wikidata: 'Q6253130' });
    expect((buildClaimReviews(db)[0] as { itemReviewed: { author: object } }).itemReviewed.author).toEqual({
      '@type': 'Person',
      name: 'Kirby',
      jobTitle: 'spokesman',
      affiliation: { '@type': 'Organization', name: 'National Security Council' },
      sameAs: 'https://www.wikidata.org/wiki/Q6253130',
    });
  });
});
