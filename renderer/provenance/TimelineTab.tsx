import { useState } from 'react';
import { useQuery } from '../data/DataProvider.tsx';
import { useKeyScope } from '../keys/KeyRouter.tsx';
import { useWorkspace } from '../workspace/WorkspaceProvider.tsx';
import { ClaimTimelineChart } from './ClaimTimelineChart.tsx';

/** Claim groups offered in the picker at a time; the same page size as the claim group tab, so the two share one cached request. */
const GROUP_PAGE = 25;
const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/**
 * The review desk's Timeline tab: pick a claim group, see where the claim
 * first appeared, how it spread and how many independent origins its reports
 * have; click a report to open it.
 */
export function TimelineTab() {
  const [offset, setOffset] = useState(0);
  const page = useQuery('review.groupsPage', { offset, limit: GROUP_PAGE }).data;
  const [chosen, setChosen] = useState<number | null>(null);
  const groups = page?.groups ?? [];
  const group = groups.find((g) => g.id === chosen) ?? groups[0];
  const annotationId = group?.rows[0]?.annotation.id;
  const query = useQuery('review.timeline', annotationId === undefined ? null : { annotationId });
  const { openAt } = useWorkspace();
  useKeyScope('review.timeline', {});
  if (!page) return <p className="muted">Loading…</p>;
  if (page.total === 0) return <p className="muted">No claim groups yet. Link reports of one claim as same-claim or paraphrase to see how it spread.</p>;
  const timeline = query.data;
  return (
    <>
      <p className="hint timeline-controls">
        <label>
          Claim group{' '}
          <select value={group?.id ?? ''} onChange={(e) => setChosen(Number(e.target.value))} aria-label="Claim group to show">
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {clip(g.rows[0]?.annotation.quote ?? `group ${g.id}`, 80)} ({g.rows.length})
              </option>
            ))}
          </select>
        </label>{' '}
        {page.total > GROUP_PAGE && (
          <>
            groups {offset + 1}–{Math.min(page.total, offset + GROUP_PAGE)} of {page.total}{' '}
            <button type="button" disabled={offset === 0} onClick={() => (setOffset(Math.max(0, offset - GROUP_PAGE)), setChosen(null))}>
              Previous
            </button>{' '}
            <button type="button" disabled={offset + GROUP_PAGE >= page.total} onClick={() => (setOffset(offset + GROUP_PAGE), setChosen(null))}>
              Next
            </button>
          </>
        )}
      </p>
      {query.error ? (
        <p role="alert">The timeline could not be drawn: {query.error.message}</p>
      ) : !timeline ? (
        <p className="muted">Comparing the reports…</p>
      ) : (
        <>
          <p className="timeline-first">
            First appearance:{' '}
            {timeline.firstAppearance
              ? `${timeline.firstAppearance.outlet ?? timeline.firstAppearance.title ?? `article ${timeline.firstAppearance.articleId}`}, ${timeline.firstAppearance.published ?? 'undated'}`
              : '—'}
          </p>
          {timeline.people && (
            <p className="timeline-people">
              Said by {timeline.people.said.join(', ') || '—'}; reported by {timeline.people.reported.join(', ') || '—'}; denied by{' '}
              {timeline.people.denied.join(', ') || '—'}.
            </p>
          )}
          <ClaimTimelineChart timeline={timeline} onOpen={(articleId, id) => openAt(articleId, id, 0)} />
        </>
      )}
    </>
  );
}
