import { createContext, useCallback, useContext, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Input, Method, Output } from '../../main/contract/contract.ts';
import type { Client } from '../api/client.ts';
import { INVALIDATES } from './invalidation.ts';
import { QueryCache, type ReadPatch } from './queryCache.ts';
import { userMessage } from './userMessage.ts';

interface Data {
  client: Client;
  cache: QueryCache;
  report(error: unknown): void;
}

const DataContext = createContext<Data | null>(null);
/** Apart from the data, so that showing an error re-renders the banner, not every panel. */
const ErrorContext = createContext<{ error: string | null; dismiss(): void }>({ error: null, dismiss() {} });

export function DataProvider({ client, children }: { client: Client; children: ReactNode }) {
  const cache = useMemo(() => new QueryCache(client), [client]);
  const [error, setError] = useState<string | null>(null);
  const report = useCallback((e: unknown) => setError(userMessage(e)), []);
  const dismiss = useCallback(() => setError(null), []);
  const value = useMemo(() => ({ client, cache, report }), [client, cache, report]);
  const banner = useMemo(() => ({ error, dismiss }), [error, dismiss]);
  return (
    <DataContext value={value}>
      <ErrorContext value={banner}>{children}</ErrorContext>
    </DataContext>
  );
}

function useData(): Data {
  const data = useContext(DataContext);
  if (!data) throw new Error('Data hooks need a DataProvider above them.');
  return data;
}

export interface Query<T> {
  data: T | undefined;
  error: Error | undefined;
  /** No answer yet. */
  loading: boolean;
}

const IDLE: Query<never> = { data: undefined, error: undefined, loading: false };
const noop = () => () => {};

/** A read that stays fresh: re-fetched whenever a change invalidates its method. `input` null: nothing to read. */
export function useQuery<M extends Method>(method: M, input: Input<M> | null): Query<Output<M>> {
  const { cache } = useData();
  const key = input === null ? null : JSON.stringify(input);
  const entry = useMemo(() => (key === null ? null : cache.entry(method, JSON.parse(key))), [cache, method, key]);
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!entry) return noop();
      entry.listeners.add(listener);
      return () => entry.listeners.delete(listener);
    },
    [entry],
  );
  const state = useSyncExternalStore(subscribe, () => (entry ? entry.state : IDLE));
  return state as Query<Output<M>>;
}

/**
 * Changes: calls main, then invalidates what the change makes stale. An error
 * is shown in the app's banner, or where the caller says (a dialog's own
 * alert), in words for people; the promise then resolves to undefined, so
 * callers only handle success. `patch` brings one cached read up to date from
 * the answer instead of reading it again (see ReadPatch).
 */
export function useMutate() {
  const { client, cache, report } = useData();
  return useCallback(
    async <M extends Method, R extends Method = never>(
      method: M,
      input: Input<M>,
      showError: (message: string) => void = report,
      patch?: (answer: Output<M>) => ReadPatch<R> | null,
    ): Promise<Output<M> | undefined> => {
      try {
        const output = await client.call(method, input);
        cache.invalidate(INVALIDATES[method] ?? [], (patch?.(output) ?? undefined) as ReadPatch<Method> | undefined);
        return output;
      } catch (error) {
        showError(userMessage(error));
        return undefined;
      }
    },
    [client, cache, report],
  );
}

/** A one-off read that is not cached (search as one types, a file's import). Errors are the caller's. */
export function useCall() {
  return useData().client.call;
}

/** Marks every cached read of these methods stale (after a change made outside mutate(), e.g. a file import). */
export function useInvalidate() {
  const { cache } = useData();
  return useCallback((methods: readonly Method[]) => cache.invalidate(methods), [cache]);
}

export function useReportError() {
  return useData().report;
}

export function useErrorBanner() {
  return useContext(ErrorContext);
}
