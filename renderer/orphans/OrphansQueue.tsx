import { useCallback, useEffect, useState } from 'react';
import type { Orphan } from '../../main/api/contract.ts';
import type { Client } from '../api/client.ts';

/**
 * Annotations a re-import could not place with confidence. The analyst places
 * each one (at the suggested passage, or at offsets they give) or leaves it on
 * the old version; nothing moves without them.
 */
export function OrphansQueue({ client, onChanged, onClose }: { client: Client; onChanged(): void; onClose(): void }) {
  const [orphans, setOrphans] = useState<Orphan[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [offsets, setOffsets] = useState<Record<number, { start: string; end: string }>>({});
  const load = useCallback(() => client.call('orphans.list', {}).then(setOrphans, (e: Error) => setError(e.message)), [client]);
  useEffect(() => void load(), [load]);

  async function act(request: Promise<unknown>) {
    setError(null);
    try {
      await request;
      await load();
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <div className="dialog-backdrop">
      <section role="dialog" aria-modal="true" aria-labelledby="orphans-heading" className="dialog orphans-queue">
        <header className="dialog-header">
          <h2 id="orphans-heading">Orphaned annotations</h2>
          <button type="button" onClick={onClose} aria-label="Close">×</button>
        </header>
        {error && <p role="alert" className="form-error">{error}</p>}
        {orphans?.length === 0 && <p className="empty">Nothing to place: every annotation found its way into the new versions.</p>}
        <ol className="orphan-list">
          {orphans?.map((o) => {
            const typed = offsets[o.annotationId] ?? { start: '', end: '' };
            return (
              <li key={o.annotationId} className="orphan">
                <p>
                  <span className={`hl hl-${o.annotation.tag}`}>{o.annotation.tag}</span> “{o.annotation.quote}” — article {o.annotation.articleId} → {o.newArticleId}
                </p>
                <p className="orphan-reason">{o.reason}</p>
                {o.suggestion && (
                  <p>
                    Suggested: “{o.suggestion.quote}” ({o.suggestion.start}–{o.suggestion.end}
                    {o.score !== null ? `, ${Math.round(o.score * 100)}% alike` : ''}){' '}
                    <button type="button" onClick={() => void act(client.call('orphans.place', { annotationId: o.annotationId, start: o.suggestion!.start, end: o.suggestion!.end }))}>
                      Place here
                    </button>
                  </p>
                )}
                <p>
                  <label>
                    Start <input type="number" min={0} value={typed.start} onChange={(e) => setOffsets({ ...offsets, [o.annotationId]: { ...typed, start: e.target.value } })} />
                  </label>{' '}
                  <label>
                    End <input type="number" min={0} value={typed.end} onChange={(e) => setOffsets({ ...offsets, [o.annotationId]: { ...typed, end: e.target.value } })} />
                  </label>{' '}
                  <button
                    type="button"
                    disabled={typed.start === '' || typed.end === ''}
                    onClick={() => void act(client.call('orphans.place', { annotationId: o.annotationId, start: Number(typed.start), end: Number(typed.end) }))}
                  >
                    Place at offsets
                  </button>{' '}
                  <button type="button" onClick={() => void act(client.call('orphans.drop', { annotationId: o.annotationId }))}>
                    Leave on old version
                  </button>
                </p>
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}
