import { useEffect } from 'react';
import type { Method } from '../../main/contract/contract.ts';
import { useInvalidate } from '../data/DataProvider.tsx';

/** How often a view looks again while the matcher is still working through annotations in the background. */
const POLL_MS = 2_000;

/**
 * Stored suggestions fill in the background (the refresher), with no change
 * the data layer hears of: while `waiting` annotations still wait for the
 * matcher, `reads` are read again every two seconds, and no longer once none waits.
 */
export function useLookAgainWhileMatching(waiting: number, reads: readonly Method[]): void {
  const invalidate = useInvalidate();
  const key = reads.join(' ');
  useEffect(() => {
    if (waiting === 0) return;
    const timer = setInterval(() => invalidate(key.split(' ') as Method[]), POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, invalidate, key]);
}
