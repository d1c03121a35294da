import { useEffect, useRef, useState } from 'react';
import type { SyncStatus } from '../../main/contract/contract.ts';
import { useInvalidate, useMutate, useQuery } from '../data/DataProvider.tsx';
import { READS } from '../data/invalidation.ts';
import './team.css';

/** How often the bar asks how a running sync goes, and how often it refreshes the waiting count otherwise. */
const POLL_RUNNING_MS = 1_000;
const POLL_IDLE_MS = 5_000;

const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** The sync line of the top bar: last sync, operations waiting, conflicts, errors in words; Sync now; the automatic sync. */
export function SyncStatusBar() {
  const status = useQuery('sync.status', {}).data;
  const invalidate = useInvalidate();
  const mutate = useMutate();
  const [startError, setStartError] = useState<string | null>(null);
  const running = status?.running ?? false;

  // Keep the line fresh: often while a sync runs, now and then otherwise (edits add waiting operations).
  useEffect(() => {
    const timer = setInterval(() => invalidate(['sync.status']), running ? POLL_RUNNING_MS : POLL_IDLE_MS);
    return () => clearInterval(timer);
  }, [invalidate, running]);

  // A finished sync that brought colleagues' work changes what every panel shows.
  const seenRun = useRef<string | null | undefined>(undefined);
  const finishedAt = status?.lastRun?.finishedAt ?? null;
  useEffect(() => {
    if (status === undefined) return;
    if (seenRun.current !== undefined && finishedAt !== seenRun.current && (status.lastRun?.applied ?? 0) > 0) invalidate(READS);
    seenRun.current = finishedAt;
  }, [finishedAt, status, invalidate]);

  const syncNow = () => {
    setStartError(null);
    void mutate('sync.start', {}, setStartError);
  };

  // The automatic sync, while a hub is configured.
  const hub = status?.hub ?? null;
  const every = status?.autoSyncSeconds;
  useEffect(() => {
    if (hub === null || every === undefined) return;
    const timer = setInterval(() => void mutate('sync.start', {}, setStartError), every * 1000);
    return () => clearInterval(timer);
  }, [hub, every, mutate]);

  if (!status) return null;
  return (
    <span className="sync-status">
      <span role="status" aria-label="Sync status" title={hub ? `Team hub: ${hub}; syncs every ${status.autoSyncSeconds} s` : undefined}>
        {describe(status, startError)}
      </span>
      {hub !== null && (
        <button type="button" onClick={syncNow} disabled={running}>
          Sync now
        </button>
      )}
    </span>
  );
}

function describe(status: SyncStatus, startError: string | null): string {
  const parts: string[] = [];
  if (status.hub === null) parts.push('No team hub');
  else if (status.running) parts.push('Syncing…');
  else if (startError) parts.push(`Sync failed: ${startError}`);
  else if (status.lastRun && !status.lastRun.ok)
    parts.push(`Sync failed at ${clock(status.lastRun.finishedAt)}: ${status.lastRun.message ?? 'no reason given'}`);
  else if (status.lastSuccessAt) parts.push(`Synced ${clock(status.lastSuccessAt)}`);
  else parts.push('Not synced yet');
  parts.push(`${status.pending} waiting`);
  if (status.openConflicts > 0) parts.push(`${status.openConflicts} conflict${status.openConflicts === 1 ? '' : 's'}`);
  return parts.join(' · ');
}
