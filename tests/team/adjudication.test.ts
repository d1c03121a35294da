import { describe, expect, it } from 'vitest';
import { insertArticle } from '../../main/corpus/articles.ts';
import { logicalDump } from '../helpers/syncHarness.ts';
import { threeAnalysts } from '../helpers/threeAnalysts.ts';

const TEXT = 'Officials said the dam held overnight. Residents said water reached the square. The governor denied any evacuation order.';

function team() {
  const devices = threeAnalysts(TEXT, 'Dam');
  const { anaApi, benApi, articleId, at, sync } = devices;
  anaApi['annotations.create']({ articleId, ...at('the dam held overnight'), tag: 'claim' });
  anaApi['annotations.create']({ articleId, ...at('water reached the square'), tag: 'claim' });
  anaApi['annotations.create']({ articleId, ...at('any evacuation order'), tag: 'denial' });
  benApi['annotations.create']({ articleId, ...at('the dam held overnight'), tag: 'claim' });
  benApi['annotations.create']({ articleId, ...at('water reached the square'), tag: 'attribution' });
  benApi['annotations.create']({ articleId, ...at('denied any evacuation order'), tag: 'denial' });
  benApi['annotations.create']({ articleId, ...at('Officials said'), tag: 'attribution' });
  sync();
  return devices;
}

describe('adjudicating two analysts’ spans', () => {
  it('lays both analysts’ spans side by side in text order with each difference named', () => {
    const { cleoApi, articleId } = team();
    const view = cleoApi['adjudication.compare']({ articleId, analysts: ['ana', 'ben'] });
    expect(view.authors.sort()).toEqual(['ana', 'ben']);
    expect(view.pairs.map((p) => [p.first?.quote ?? null, p.second?.quote ?? null, p.difference])).toEqual([
      [null, 'Officials said', 'only-second'],
      ['the dam held overnight', 'the dam held overnight', 'same'],
      ['water reached the square', 'water reached the square', 'tag'],
      ['any evacuation order', 'denied any evacuation order', 'boundary'],
    ]);
    expect(view.pairs.every((p) => p.kept === null)).toBe(true);
  });

  it('by default compares the two analysts with the most spans on the article', () => {
    const { cleoApi, articleId } = team();
    expect(cleoApi['adjudication.compare']({ articleId }).analysts).toEqual(['ben', 'ana']);
  });

  it('keeps the chosen side into the curated layer as the curator’s annotation, marked with where it came from', () => {
    const { cleo, cleoApi, articleId } = team();
    const pair = cleoApi['adjudication.compare']({ articleId, analysts: ['ana', 'ben'] }).pairs[2]!;
    const result = cleoApi['adjudication.keep']({ articleId, first: pair.first!.id, second: pair.second!.id, keep: 'second' });
    expect(result).toMatchObject({ kept: 'second', curated: { tag: 'attribution', quote: 'water reached the square', author: 'cleo' } });
    const row = cleo.prepare('SELECT author, curated_from AS curatedFrom FROM annotations WHERE id = ?').get(result.curated!.id) as Record<string, string>;
    expect(row.curatedFrom).toBe(cleo.prepare('SELECT uuid FROM annotations WHERE id = ?').pluck().get(pair.second!.id));
    const again = cleoApi['adjudication.compare']({ articleId, analysts: ['ana', 'ben'] });
    expect(again.pairs[2]).toMatchObject({ kept: 'second', curated: { id: result.curated!.id } });
    expect(again.curated).toHaveLength(1);
    // The curated span is no analyst's own work: it is not compared, and agreement leaves it out.
    expect(again.authors).not.toContain('cleo');
  });

  it('changes its mind on the same curated entity, and keeping neither removes it; each decision is an undo step', () => {
    const { cleo, cleoApi, articleId } = team();
    const view = () => cleoApi['adjudication.compare']({ articleId, analysts: ['ana', 'ben'] });
    const pair = view().pairs[3]!;
    const decide = (keep: 'first' | 'second' | 'neither') => cleoApi['adjudication.keep']({ articleId, first: pair.first!.id, second: pair.second!.id, keep });
    const first = decide('first');
    const second = decide('second');
    expect(second.curated!.id).toBe(first.curated!.id);
    expect(second.curated!.quote).toBe('denied any evacuation order');
    decide('neither');
    // Keeping neither is a decision: the pair reads as decided, not as waiting.
    expect(view().pairs[3]!.kept).toBe('neither');
    expect(view().curated).toEqual([]);
    expect(cleoApi['history.state']({}).undo?.action).toBe('curate');
    cleoApi['history.undo']({});
    expect(view().pairs[3]).toMatchObject({ kept: 'second' });
    cleoApi['history.undo']({});
    expect(view().pairs[3]).toMatchObject({ kept: 'first' });
    expect(cleo.prepare('SELECT count(*) FROM annotations WHERE curated_from IS NOT NULL').pluck().get()).toBe(1);
  });

  it('names a pair the same whichever analyst the curator put first', () => {
    const { cleoApi, articleId } = team();
    const pair = cleoApi['adjudication.compare']({ articleId, analysts: ['ana', 'ben'] }).pairs[1]!;
    cleoApi['adjudication.keep']({ articleId, first: pair.first!.id, second: pair.second!.id, keep: 'first' });
    const reversed = cleoApi['adjudication.compare']({ articleId, analysts: ['ben', 'ana'] }).pairs[1]!;
    expect(reversed.kept).toBe('second');
  });

  it('replicates the curated layer, and two curators deciding one pair differently offline meet as a conflict', () => {
    const { ana, ben, cleo, anaApi, cleoApi, articleId, sync } = team();
    const pair = cleoApi['adjudication.compare']({ articleId, analysts: ['ana', 'ben'] }).pairs[2]!;
    cleoApi['adjudication.keep']({ articleId, first: pair.first!.id, second: pair.second!.id, keep: 'first' });
    sync();
    expect(anaApi['adjudication.compare']({ articleId, analysts: ['ana', 'ben'] }).pairs[2]!.kept).toBe('first');
    const onAna = anaApi['adjudication.compare']({ articleId, analysts: ['ana', 'ben'] }).pairs[2]!;
    anaApi['adjudication.keep']({ articleId, first: onAna.first!.id, second: onAna.second!.id, keep: 'second' });
    cleoApi['adjudication.keep']({ articleId, first: pair.first!.id, second: pair.second!.id, keep: 'neither' });
    sync();
    expect(logicalDump(ana)).toEqual(logicalDump(ben));
    expect(logicalDump(cleo)).toEqual(logicalDump(ana));
    expect(anaApi['conflicts.list']({}).map((c) => c.kind)).toEqual(['annotation']);
  });

  it('refuses a pair with no span, a side from another article, a side that is itself curated, and keeping a missing side', () => {
    const { cleo, cleoApi, articleId } = team();
    const other = insertArticle(cleo, { text: 'Another text entirely.', title: null, outlet: null, url: null, published: null, fileName: null }, 'cleo');
    const pair = cleoApi['adjudication.compare']({ articleId, analysts: ['ana', 'ben'] }).pairs[0]!;
    expect(() => cleoApi['adjudication.keep']({ articleId, first: null, second: null, keep: 'neither' })).toThrow(/at least one span/);
    expect(() => cleoApi['adjudication.keep']({ articleId: other.articleId, first: null, second: pair.second!.id, keep: 'second' })).toThrow(
      /is not on article/,
    );
    expect(() => cleoApi['adjudication.keep']({ articleId, first: null, second: pair.second!.id, keep: 'first' })).toThrow(/no first span/);
    const kept = cleoApi['adjudication.keep']({ articleId, first: null, second: pair.second!.id, keep: 'second' });
    expect(() => cleoApi['adjudication.keep']({ articleId, first: kept.curated!.id, second: null, keep: 'first' })).toThrow(/itself curated/);
    expect(() => cleoApi['adjudication.compare']({ articleId, analysts: ['ana', 'ana'] })).toThrow(/two different analysts/);
    expect(() => cleoApi['adjudication.compare']({ articleId: 999 })).toThrow(/no article 999/);
  });
});

describe('the curated layer and agreement', () => {
  it('is left out of agreement figures: a curator’s kept spans are not a third analyst', () => {
    const { cleoApi, articleId } = team();
    const before = cleoApi['agreement.compute']({ articleIds: [articleId] });
    for (const pair of cleoApi['adjudication.compare']({ articleId, analysts: ['ana', 'ben'] }).pairs) {
      cleoApi['adjudication.keep']({ articleId, first: pair.first?.id ?? null, second: pair.second?.id ?? null, keep: pair.first ? 'first' : 'second' });
    }
    const after = cleoApi['agreement.compute']({ articleIds: [articleId] });
    expect(after.analysts.sort()).toEqual(['ana', 'ben']);
    expect(after.kappa.overall).toEqual(before.kappa.overall);
    expect(() => cleoApi['agreement.compute']({ articleIds: [articleId], analysts: ['ana', 'cleo'] })).not.toThrow();
    expect(cleoApi['agreement.compute']({ articleIds: [articleId], analysts: ['ana', 'cleo'] }).spans.cleo).toEqual({ claim: 0, denial: 0, attribution: 0 });
  });
});
