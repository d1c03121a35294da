import { useState } from 'react';
import type { Orphan } from '../../main/api/contract.ts';
import { useMutate, useQuery } from '../data/DataProvider.tsx';
import { Dialog } from '../shell/Dialog.tsx';
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
  const place = async (annotationId: number, start: number, end: number) => {
    if (await mutate('orphans.place', { annotationId, start, end })) setPlacing(null);
  };

  return (
    <Dialog title="Orphaned annotations" id="orphans-heading" className="orphans-queue" onClose={onClose}>
      {orphans.error && (
        <p role="alert" className="form-error">
          {orphans.error.message}
        </p>
      )}
      {orphans.data?.length === 0 && <p className="empty">Nothing to place: every annotation found its way into the new versions.</p>}
      <ol className="orphan-list">
        {orphans.data?.map((o: Orphan) => (
          <li key={o.annotationId} className="orphan">
            <p>
              <span className={`hl hl-${o.annotation.tag}`}>{o.annotation.tag}</span> “{o.annotation.quote}” — article {o.annotation.articleId} → {o.newArticleId}
            </p>
            <p className="orphan-reason">{o.reason}</p>
            {o.suggestion && (
              <p>
                Suggested: “{o.suggestion.quote}”{o.score !== null ? ` (${Math.round(o.score * 100)}% alike)` : ''}{' '}
                <button type="button" onClick={() => void place(o.annotationId, o.suggestion!.start, o.suggestion!.end)}>
                  Place here
                </button>
              </p>
            )}
            {placing === o.annotationId ? (
              <PlaceBySelection orphan={o} onPlace={(span) => void place(o.annotationId, span.start, span.end)} onCancel={() => setPlacing(null)} />
            ) : (
              <p>
                <button type="button" onClick={() => setPlacing(o.annotationId)}>
                  Place by selecting text…
                </button>{' '}
                <button type="button" onClick={() => void mutate('orphans.drop', { annotationId: o.annotationId })}>
                  Leave on old version
                </button>
              </p>
            )}
          </li>
        ))}
      </ol>
    </Dialog>
  );
}
