import { useMemo, useSyncExternalStore } from 'react';
import type { Annotation } from '../../main/contract/contract.ts';

/**
 * Whose annotations the Read view shows: everyone's, the analyst's own, or one
 * colleague's. One choice for the whole window (highlights and the side panel
 * follow it), kept outside React so the panel's control and the view share it
 * without a provider.
 */
export type AnalystFilter = { kind: 'everyone' } | { kind: 'mine' } | { kind: 'analyst'; name: string };

let current: AnalystFilter = { kind: 'everyone' };
const listeners = new Set<() => void>();

export function setAnalystFilter(next: AnalystFilter): void {
  current = next;
  listeners.forEach((listener) => listener());
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useAnalystFilter(): AnalystFilter {
  return useSyncExternalStore(subscribe, () => current);
}

/** Whether one annotation passes the filter; `me` is the analyst using the app (null until known: then only "everyone" filters nothing). */
export function passes(filter: AnalystFilter, author: string, me: string | null): boolean {
  if (filter.kind === 'everyone') return true;
  if (filter.kind === 'mine') return me !== null && author === me;
  return author === filter.name;
}

/** The annotations the filter lets through (the same array when it filters nothing, so nothing downstream recomputes). */
export function useVisibleAnnotations(annotations: Annotation[] | undefined, me: string | null): Annotation[] | undefined {
  const filter = useAnalystFilter();
  return useMemo(
    () => (annotations === undefined || filter.kind === 'everyone' ? annotations : annotations.filter((a) => passes(filter, a.author, me))),
    [annotations, filter, me],
  );
}
