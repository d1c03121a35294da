import { describe, expect, it } from 'vitest';
import { placeBeside } from '../../renderer/shell/floatingPlacement.ts';

const WINDOW = { width: 1000, height: 700 };
const CARD = { width: 400, height: 200 };
const line = (top: number, left = 100) => ({ top, bottom: top + 20, left });
const covers = (anchor: { top: number; bottom: number }, top: number, height: number) => top < anchor.bottom && top + height > anchor.top;

describe('placing a floating panel beside the text it belongs to', () => {
  it('goes below the anchor when it prefers below and fits there', () => {
    expect(placeBeside(line(100), CARD, WINDOW, 'below')).toEqual({ top: 126, left: 100 });
  });

  it('goes above an anchor near the bottom of the window instead of covering it', () => {
    const anchor = line(600);
    const { top } = placeBeside(anchor, CARD, WINDOW, 'below');
    expect(top).toBe(600 - 6 - 200);
    expect(covers(anchor, top, CARD.height)).toBe(false);
  });

  it('goes above when it prefers above and fits there, below when only that fits', () => {
    expect(placeBeside(line(300), { width: 200, height: 30 }, WINDOW, 'above').top).toBe(264);
    expect(placeBeside(line(10), { width: 200, height: 30 }, WINDOW, 'above').top).toBe(36);
  });

  it('never covers the anchor line, wherever on the screen the anchor is', () => {
    for (let top = 0; top <= WINDOW.height - 20; top += 10) {
      const anchor = line(top);
      for (const prefer of ['above', 'below'] as const) {
        const placed = placeBeside(anchor, CARD, WINDOW, prefer);
        expect(covers(anchor, placed.top, CARD.height), `anchor at ${top}, prefer ${prefer}`).toBe(false);
      }
    }
  });

  it('keeps inside the window horizontally', () => {
    expect(placeBeside(line(100, 900), CARD, WINDOW, 'below').left).toBe(1000 - 6 - 400);
    expect(placeBeside(line(100, -50), CARD, WINDOW, 'below').left).toBe(6);
  });

  it('takes the roomier side when the panel fits on neither', () => {
    const tall = { width: 400, height: 500 };
    expect(placeBeside(line(300), tall, WINDOW, 'above').top).toBe(326);
    expect(placeBeside(line(400), tall, WINDOW, 'below').top).toBe(6);
  });
});
