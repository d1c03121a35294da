import { describe, expect, it } from 'vitest';
import type { Client } from '../../renderer/api/client.ts';
import { QueryCache } from '../../renderer/data/queryCache.ts';

/** A client whose answers the test gives, one call at a time, in the order it chooses. */
function scriptedClient() {
  const calls: Array<{ method: string; input: unknown; answer(value: unknown): void; fail(error: Error): void }> = [];
  const client = {
    call: (method: string, input: unknown) => new Promise((answer, fail) => calls.push({ method, input, answer, fail })),
  } as unknown as Client;
  return { client, calls };
}
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
const LIST = { articleId: 1 };

async function cacheShowing(list: number[]) {
  const { client, calls } = scriptedClient();
  const cache = new QueryCache(client);
  const entry = cache.entry('annotations.list', LIST);
  let renders = 0;
  entry.listeners.add(() => renders++);
  calls[0]!.answer(list);
  await settled();
  return { cache, entry, calls, renders: () => renders };
}

describe('QueryCache: reads kept fresh after a change', () => {
  it('fetches a read on screen again when a change invalidates it, and drops one no longer on screen', async () => {
    const { cache, entry, calls } = await cacheShowing([1, 2]);
    cache.entry('links.list', { annotationId: 1 });
    cache.invalidate(['annotations.list', 'links.list']);
    expect(calls.map((c) => c.method)).toEqual(['annotations.list', 'links.list', 'annotations.list']);
    calls[2]!.answer([1, 2, 3]);
    await settled();
    expect(entry.state.data).toEqual([1, 2, 3]);
    // links.list had no listener: forgotten, so asking again reads it again.
    cache.entry('links.list', { annotationId: 1 });
    expect(calls.map((c) => c.method)).toEqual(['annotations.list', 'links.list', 'annotations.list', 'links.list']);
  });

  it('keeps the shown value, and re-renders nothing, when the answer read again is equal to it', async () => {
    const { cache, entry, calls, renders } = await cacheShowing([1, 2]);
    const shown = entry.state.data;
    cache.invalidate(['annotations.list']);
    calls[1]!.answer([1, 2]);
    await settled();
    expect(entry.state.data).toBe(shown);
    expect(renders()).toBe(1);
  });

  it('applies a change’s patch to a read on screen instead of reading it again', async () => {
    const { cache, entry, calls, renders } = await cacheShowing([1, 2]);
    cache.invalidate(['annotations.list', 'links.list'], {
      method: 'annotations.list',
      input: LIST,
      apply: (list) => [...(list as never as number[]), 3] as never,
    });
    expect(entry.state.data).toEqual([1, 2, 3]);
    expect(renders()).toBe(2);
    expect(calls).toHaveLength(1);
  });

  it('reads again instead of patching when a fetch is under way, whose answer could overtake the patch', async () => {
    const { cache, entry, calls } = await cacheShowing([1, 2]);
    cache.invalidate(['annotations.list']);
    cache.invalidate(['annotations.list'], { method: 'annotations.list', input: LIST, apply: () => [999] as never });
    expect(calls).toHaveLength(3);
    // The older fetch answers last: its answer is dropped, the newer one shown.
    calls[2]!.answer([1, 2, 3]);
    calls[1]!.answer([1, 2]);
    await settled();
    expect(entry.state.data).toEqual([1, 2, 3]);
  });

  it('reads again instead of patching a read that failed, and keeps its last value while it does', async () => {
    const { cache, entry, calls } = await cacheShowing([1, 2]);
    cache.invalidate(['annotations.list']);
    calls[1]!.fail(new Error('main is busy'));
    await settled();
    expect(entry.state).toMatchObject({ data: [1, 2], loading: false });
    expect(entry.state.error?.message).toBe('main is busy');
    cache.invalidate(['annotations.list'], { method: 'annotations.list', input: LIST, apply: () => [999] as never });
    expect(calls).toHaveLength(3);
    calls[2]!.answer([1, 2, 3]);
    await settled();
    expect(entry.state).toEqual({ data: [1, 2, 3], loading: false });
  });
});
