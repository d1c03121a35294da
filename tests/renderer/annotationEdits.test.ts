import { describe, expect, it } from 'vitest';
import type { Annotation, AnnotationPatch } from '../../main/contract/contract.ts';
import { AnnotationEdits } from '../../renderer/workspace/annotationEdits.ts';

const TEXT = 'John Kirby alleged on Friday that the deliveries had begun.';

function annotation(id: number, start: number, end: number): Annotation {
  return {
    id,
    articleId: 1,
    start,
    end,
    quote: TEXT.slice(start, end),
    prefix: '',
    suffix: '',
    tag: 'claim',
    note: '',
    speaker: null,
    author: 'ana',
    createdAt: '',
    updatedAt: '',
  };
}

/**
 * Main as the queue sees it: it stores what it is sent, and answers only when
 * the test says so, the way a busy machine answers late. `screen` is the list
 * the analyst sees, which lags behind the answers.
 */
function slowMain(initial: Annotation[] = []) {
  const stored = new Map(initial.map((a) => [a.id, a]));
  const screen = new Map(stored);
  const waiting: (() => void)[] = [];
  const sent: AnnotationPatch[] = [];
  let nextId = 100;
  const later = <T>(answer: () => T): Promise<T> => new Promise((resolve) => waiting.push(() => resolve(answer())));
  return {
    stored,
    sent,
    screen,
    edits: new AnnotationEdits((id) => screen.get(id)),
    store:
      (start: number, end: number, fails = false) =>
      () =>
        later(() => (fails ? undefined : (stored.set(nextId, annotation(nextId, start, end)), stored.get(nextId++)!))),
    update: (patch: AnnotationPatch) => {
      sent.push(patch);
      return later(() => {
        const next = { ...stored.get(patch.id)!, ...patch };
        stored.set(patch.id, next);
        return next;
      });
    },
    remove: (id: number) => later(() => stored.delete(id)),
    /** Answers every request sent so far, and the ones those answers let through, until none waits. */
    async answerAll() {
      for (let rounds = 0; rounds < 50; rounds++) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (waiting.length === 0) return;
        waiting.splice(0).forEach((answer) => answer());
      }
    },
  };
}

const growEnd = (current: Annotation) => ({ end: TEXT.indexOf(' ', current.end + 1) });

describe('annotation edits made faster than main answers', () => {
  it('applies a second resize to the span the first one left, not to the span on screen', async () => {
    const main = slowMain([annotation(1, 0, 10)]); // "John Kirby"
    const first = main.edits.update(1, growEnd, main.update);
    const second = main.edits.update(1, growEnd, main.update);
    await main.answerAll();
    await Promise.all([first, second]);
    expect(main.sent).toEqual([
      { id: 1, end: 18 },
      { id: 1, end: 21 },
    ]);
    expect(main.stored.get(1)!.end).toBe(21); // "John Kirby alleged on"
  });

  it('edits an annotation still being stored once it has its stored id, under a key that does not change', async () => {
    const main = slowMain();
    const provisional = main.edits.provisionalId();
    expect(provisional).toBeLessThan(0);
    const created = main.edits.create(provisional, main.store(0, 10));
    const noted = main.edits.update(provisional, () => ({ note: 'checked against the briefing' }), main.update);
    expect(main.sent).toEqual([]); // nothing is sent for an id main has never seen
    await main.answerAll();
    const stored = (await created)!;
    await noted;
    expect(main.sent).toEqual([{ id: stored.id, note: 'checked against the briefing' }]);
    expect(main.edits.keyOf(stored.id)).toBe(provisional);
    expect(main.edits.keyOf(provisional)).toBe(provisional);
    expect(await main.edits.settled(provisional)).toMatchObject({ id: stored.id, note: 'checked against the briefing' });
  });

  it('drops the edits of an annotation whose storing failed, and goes on with the others', async () => {
    const main = slowMain([annotation(1, 0, 10)]);
    const provisional = main.edits.provisionalId();
    const created = main.edits.create(provisional, main.store(0, 4, true));
    const retag = main.edits.update(provisional, () => ({ tag: 'denial' }), main.update);
    const removed = main.edits.remove(provisional, async (id) => main.remove(id));
    const other = main.edits.update(1, () => ({ tag: 'attribution' }), main.update);
    await main.answerAll();
    expect(await created).toBeNull();
    expect(await retag).toBeNull();
    expect(await removed).toBeNull();
    expect(await other).toMatchObject({ id: 1, tag: 'attribution' });
    expect(main.sent).toEqual([{ id: 1, tag: 'attribution' }]);
  });

  it('goes on after an edit that throws', async () => {
    const main = slowMain([annotation(1, 0, 10)]);
    const broken = main.edits.update(
      1,
      () => ({ tag: 'denial' }),
      () => Promise.reject(new Error('connection lost')),
    );
    const next = main.edits.update(1, () => ({ tag: 'attribution' }), main.update);
    await expect(broken).rejects.toThrow('connection lost');
    await main.answerAll();
    expect(await next).toMatchObject({ tag: 'attribution' });
  });

  it('changes nothing when the change works out to none (a retag to the tag it already has)', async () => {
    const main = slowMain([annotation(1, 0, 10)]);
    expect(await main.edits.update(1, (current) => (current.tag === 'claim' ? null : { tag: 'claim' }), main.update)).toBeNull();
    expect(main.sent).toEqual([]);
  });

  it('reads the screen again after an undo, and once the screen has caught up with no edit waiting', async () => {
    const main = slowMain([annotation(1, 0, 10)]);
    const grown = main.edits.update(1, growEnd, main.update);
    // The screen catching up while an edit still waits keeps what the edits know.
    main.edits.caughtUp();
    await main.answerAll();
    await grown;
    // An undo elsewhere put the span back; the screen shows it after the undo's answer.
    const undo = main.edits.after(async () => main.screen.set(1, annotation(1, 0, 10)));
    await main.answerAll();
    await undo;
    const again = main.edits.update(1, growEnd, main.update);
    await main.answerAll();
    await again;
    expect(main.sent.at(-1)).toEqual({ id: 1, end: 18 });
  });

  it("reads a colleague's change shown on screen once its own edits are all answered and shown", async () => {
    const main = slowMain([annotation(1, 0, 10)]);
    const grown = main.edits.update(1, growEnd, main.update);
    await main.answerAll();
    await grown;
    main.screen.set(1, main.stored.get(1)!);
    main.edits.caughtUp();
    main.screen.set(1, annotation(1, 0, 21)); // a sync brought a colleague's resize
    const again = main.edits.update(1, growEnd, main.update);
    await main.answerAll();
    await again;
    expect(main.sent.at(-1)).toEqual({ id: 1, end: 28 }); // grown from the colleague's end, not from 18
  });
});
