import { useState } from 'react';
import type { Orphan } from '../../main/contract/contract.ts';
import { useMutate, useQuery } from '../data/DataProvider.tsx';
import { Dialog } from '../shell/Dialog.tsx';
import type { Span } from '../annotations/spanBoundaries.ts';
import { PlaceBySelection } from './PlaceBySelection.tsx';

/**
 * Annotations a re-import could not place with confidence. The analyst places
 * each one (at the suggested passage, or by selecting its words in the new
 * version, the best candidate selected to start with) or leaves it on the old
 * version; nothing moves without them.
 */
export function OrphansQueue({ onClose }: { onClose(): void }) {
  const orphans = useQuery('orphans.list', {});
  const mutate = useMutate();
  const [placing, setPlacing] = useState<number | null>(null);
  /** Shown in the dialog, not in the banner behind it. */
  const [error, setError] = useState<string | null>(null);
  const place = async (annotationId: number, start: number, end: number) => {
    setError(null);
    if (await mutate('orphans.place', { annotationId, start, end }, setError)) setPlacing(null);
  };

  return (
    <Dialog title="Orphaned annotations" id="orphans-heading" className="orphans-queue" onClose={onClose}>
      {(error ?? orphans.error) && (
        <p role="alert" className="form-error">
          {error ?? orphans.error?.message}
        </p>
      )}
      {orphans.data?.length === 0 && <p className="empty">Nothing to place: every annotation found its way into the new versions.</p>}
      <ol className="orphan-list">
        {orphans.data?.map((o: Orphan) => (
          <OrphanRow
            key={o.annotationId}
            orphan={o}
            placing={placing === o.annotationId}
            onStartPlacing={() => setPlacing(o.annotationId)}
            onStopPlacing={() => setPlacing(null)}
            onPlace={(span) => void place(o.annotationId, span.start, span.end)}
            onDrop={() => void mutate('orphans.drop', { annotationId: o.annotationId }, setError)}
          />
        ))}
      </ol>
    </Dialog>
  );
}

interface Candidate extends Span {
  quote: string;
  /** How alike, 0–1, when known. */
  score: number | null;
}

/**
 * The best passage of the new version for an orphan: the re-import's own
 * suggestion, or the matcher's best span in the new version when that scores
 * higher (a reworded sentence the re-import's context search missed).
 */
function useBestCandidate(orphan: Orphan): Candidate | null {
  const matches = useQuery('suggestions.list', { annotationId: orphan.annotationId, limit: 50 }).data;
  const own: Candidate | null = orphan.suggestion && { ...orphan.suggestion, score: orphan.score };
  const best = matches?.filter((m) => m.articleId === orphan.newArticleId).sort((a, b) => b.score - a.score)[0];
  if (best && (!own || best.score > (own.score ?? 0))) return { start: best.start, end: best.end, quote: best.quote, score: best.score };
  return own;
}

interface OrphanRowProps {
  orphan: Orphan;
  placing: boolean;
  onStartPlacing(): void;
  onStopPlacing(): void;
  onPlace(span: Span): void;
  onDrop(): void;
}

function OrphanRow({ orphan: o, placing, onStartPlacing, onStopPlacing, onPlace, onDrop }: OrphanRowProps) {
  const candidate = useBestCandidate(o);
  return (
    <li className="orphan">
      <p>
        <span className={`hl hl-${o.annotation.tag}`}>{o.annotation.tag}</span> “{o.annotation.quote}” — article {o.annotation.articleId} → {o.newArticleId}
      </p>
      <p className="orphan-reason">{o.reason}</p>
      {candidate && (
        <p>
          Suggested: “{candidate.quote}”{candidate.score !== null ? ` (${Math.round(candidate.score * 100)}% alike)` : ''}{' '}
          <button type="button" onClick={() => onPlace(candidate)}>
            Place here
          </button>
        </p>
      )}
      {placing ? (
        <PlaceBySelection orphan={o} candidate={candidate} onPlace={onPlace} onCancel={onStopPlacing} />
      ) : (
        <p>
          <button type="button" onClick={onStartPlacing}>
            Place by selecting text…
          </button>{' '}
          <button type="button" onClick={onDrop}>
            Leave on old version
          </button>
        </p>
      )}
    </li>
  );
}
