import { useEffect, useState } from 'react';
import type { Job } from '../../main/contract/contract.ts';
import { useCall, useInvalidate, useMutate, useReportError } from '../data/DataProvider.tsx';

/** How often a running job's progress is asked for: often enough to move the bar, rarely enough to cost nothing. */
const JOB_POLL_MS = 300;

/**
 * Runs the matcher now for every annotation waiting for it, as a job of
 * main's: a progress line while it runs and a Cancel button that stops it
 * after the slice under way (what the finished slices stored stays; the rest
 * keeps waiting for the background refresher).
 */
export function RefreshJobLine({ waiting }: { waiting: number }) {
  const call = useCall();
  const mutate = useMutate();
  const invalidate = useInvalidate();
  const report = useReportError();
  const [job, setJob] = useState<Job | null>(null);
  const runningId = job?.state === 'running' ? job.id : null;
  useEffect(() => {
    if (runningId === null) return;
    const timer = setInterval(() => {
      call('jobs.status', { id: runningId }).then((next) => {
        setJob(next);
        invalidate(['suggestions.page', 'review.matrix']);
      }, report);
    }, JOB_POLL_MS);
    return () => clearInterval(timer);
  }, [runningId, call, invalidate, report]);

  if (job?.state === 'running')
    return (
      <p className="hint job-progress" role="status" aria-label="Finding claims elsewhere now">
        <progress max={Math.max(1, job.total)} value={job.done} aria-label="Suggestion refresh progress" /> Looked at {job.done} of {job.total} annotation
        {job.total === 1 ? '' : 's'}…{' '}
        <button type="button" onClick={() => void mutate('jobs.cancel', { id: job.id }).then((next) => next && setJob(next))}>
          Cancel
        </button>
      </p>
    );
  const outcome =
    job?.state === 'cancelled'
      ? `Stopped after ${job.done} of ${job.total} annotations; the rest wait for the background refresher.`
      : job?.state === 'done'
        ? `Looked at all ${job.total} waiting annotations.`
        : job?.state === 'failed'
          ? `The matcher stopped: ${job.message ?? 'an error'}`
          : null;
  if (waiting === 0 && !outcome) return null;
  return (
    <p className="hint job-progress">
      {outcome && <span role="status">{outcome} </span>}
      {waiting > 0 && (
        <button type="button" onClick={() => void mutate('jobs.start', { kind: 'suggestions.refresh' }).then((next) => next && setJob(next))}>
          Look now
        </button>
      )}
    </p>
  );
}
