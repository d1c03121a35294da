import type { Input, Method, Output } from '../../main/contract/contract.ts';
import type { Client } from '../api/client.ts';
import { sameValue } from './sameValue.ts';

/**
 * A cached read that a change's caller brings up to date from the change's
 * answer, instead of reading it again: the open article's annotation list
 * after a tag, a resize or a delete. Reading and validating its 5,000
 * annotations again after every tag cost the window about 25 ms
 * (bench:render's article, CPU profile of the tag's aftermath).
 */
export interface ReadPatch<R extends Method> {
  method: R;
  input: Input<R>;
  apply(shown: Output<R>): Output<R>;
}

const keyOf = (method: Method, input: unknown) => `${method} ${JSON.stringify(input)}`;

export interface Entry {
  method: Method;
  input: unknown;
  /** What subscribers see; `loading` until the first answer (a refetch shows the last answer meanwhile). */
  state: { data?: unknown; error?: Error; loading: boolean };
  listeners: Set<() => void>;
  /** Answers to older fetches of the same key are dropped. */
  generation: number;
  /** A fetch is under way: a patch could be overtaken by its answer, so the read is fetched again instead. */
  fetching: boolean;
}

/**
 * Cached reads keyed by method and input. A change goes through mutate(),
 * which invalidates what INVALIDATES lists; reads on screen fetch again,
 * the others are forgotten.
 */
export class QueryCache {
  private entries = new Map<string, Entry>();
  private client: Client;
  constructor(client: Client) {
    this.client = client;
  }

  entry(method: Method, input: unknown): Entry {
    const key = keyOf(method, input);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { method, input, state: { loading: true }, listeners: new Set(), generation: 0, fetching: false };
      this.entries.set(key, entry);
      this.fetch(entry);
    }
    return entry;
  }

  private fetch(entry: Entry): void {
    const generation = ++entry.generation;
    entry.fetching = true;
    const latest = () => {
      if (generation !== entry.generation) return false;
      entry.fetching = false;
      return true;
    };
    this.client.call(entry.method, entry.input as never).then(
      (data) => latest() && this.settle(entry, { data, loading: false }),
      (error: Error) => latest() && this.settle(entry, { data: entry.state.data, error, loading: false }),
    );
  }

  private settle(entry: Entry, state: Entry['state']): void {
    // An answer equal to the one shown changes nothing on screen: keeping the shown value's identity
    // re-renders nothing. After a tag, most of the reads it invalidates come back unchanged.
    const shown = entry.state;
    if (!state.error && !shown.error && !shown.loading && sameValue(shown.data, state.data)) return;
    entry.state = state;
    entry.listeners.forEach((listener) => listener());
  }

  /**
   * Marks the reads of these methods stale. A patched read that is on screen, answered and not being
   * fetched takes the patch instead of a fetch; any other is fetched again (or dropped) like the rest.
   */
  invalidate(methods: readonly Method[], patch?: ReadPatch<Method>): void {
    const patched = patch && this.entries.get(keyOf(patch.method, patch.input));
    const patchable = patched && patched.listeners.size > 0 && !patched.fetching && patched.state.data !== undefined && !patched.state.error;
    if (patchable) this.settle(patched, { data: patch.apply(patched.state.data as never), loading: false });
    for (const [key, entry] of this.entries) {
      if (!methods.includes(entry.method) || (patchable && entry === patched)) continue;
      if (entry.listeners.size > 0) this.fetch(entry);
      else this.entries.delete(key);
    }
  }
}
