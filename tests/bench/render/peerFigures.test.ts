import { describe, expect, it } from 'vitest';
import { generateLongArticle } from '../longArticle.ts';
import { peerFigures } from './benchPeer.ts';
import { spansToAdd } from './measurePageRender.ts';

describe('the peer figures', () => {
  it('compare medians: Recogito ÷ Crosscheck against the 5× target, Recogito ÷ floor without one', () => {
    const figures = peerFigures({
      crosscheck: { timeToInteractiveMs: [100, 300, 200], addHighlightMs: [10, 10, 40] },
      recogito: { timeToInteractiveMs: [1000, 1200, 900], addHighlightMs: [20, 30, 25] },
      floor: { timeToInteractiveMs: [250, 250, 250], addHighlightMs: [5, 5, 5] },
    });
    const byName = new Map(figures.map((f) => [f.name, f]));
    expect(byName.get('time to interactive, Crosscheck')).toMatchObject({ value: 200, p95: 300, runs: 3 });
    expect(byName.get('time to interactive, Recogito ÷ Crosscheck')).toMatchObject({ value: 5, target: { op: '>=', value: 5 } });
    expect(byName.get('time to interactive, Recogito ÷ floor (best possible)')).toMatchObject({ value: 4 });
    expect(byName.get('add one highlight, Recogito ÷ Crosscheck')!.value).toBe(2.5);
    expect(byName.get('add one highlight, Recogito ÷ floor (best possible)')!.target).toBeUndefined();
    expect(byName.get('time to interactive, Crosscheck ÷ floor')).toMatchObject({ value: 0.8, target: { op: '<=', value: 1.3 } });
    expect(byName.get('add one highlight, Crosscheck ÷ floor')).toMatchObject({ value: 2, target: { op: '<=', value: 1.5 } });
  });

  it('hold the real app at each corpus size to the floor and to Recogito, and time its opening from the click', () => {
    const figures = peerFigures({
      crosscheck: { timeToInteractiveMs: [200], addHighlightMs: [10] },
      recogito: { timeToInteractiveMs: [1000], addHighlightMs: [20] },
      floor: { timeToInteractiveMs: [250], addHighlightMs: [5] },
      app: [
        { articles: 2, timeToInteractiveMs: [300, 500, 400], openMs: [100, 120, 110], addHighlightMs: [10, 5, 40] },
        { articles: 100_000, timeToInteractiveMs: [2000], openMs: [900], addHighlightMs: [25] },
      ],
    });
    const byName = new Map(figures.map((f) => [f.name, f]));
    expect(byName.get('time to interactive, app, 2 articles')).toMatchObject({ value: 400, runs: 3 });
    expect(byName.get('time to interactive, app, 2 articles ÷ floor')).toMatchObject({ value: 1.6, target: { op: '<=', value: 1.3 } });
    expect(byName.get('time to interactive, Recogito ÷ app, 2 articles')).toMatchObject({ value: 2.5, target: { op: '>=', value: 1 } });
    expect(byName.get('open the article from the click, app, 2 articles')!.value).toBe(110);
    expect(byName.get('add one highlight, app, 100,000 articles ÷ floor')).toMatchObject({ value: 5, target: { op: '<=', value: 1.5 } });
    expect(byName.get('add one highlight, Recogito ÷ app, 100,000 articles')!.value).toBe(0.8);
  });
});

describe('the highlights the harness adds', () => {
  it('are distinct single words of the first line, so every tool draws them on screen', () => {
    const { text } = generateLongArticle({ words: 500, spans: 50 });
    const firstLineEnd = text.indexOf('\n');
    const spans = spansToAdd(text, 5);
    expect(new Set(spans.map((s) => s.start)).size).toBe(5);
    for (const span of spans) {
      expect(span.end).toBeLessThanOrEqual(firstLineEnd);
      expect(text.slice(span.start, span.end)).toMatch(/^\S+$/);
    }
  });
});
