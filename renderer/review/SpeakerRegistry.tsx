import { useState } from 'react';
import type { Speaker } from '../../main/contract/contract.ts';
import { useMutate, useQuery } from '../data/DataProvider.tsx';
import { useKeyScope } from '../keys/KeyRouter.tsx';
import { SpeakerDetailsCell } from '../speakers/SpeakerDetailsCell.tsx';

/**
 * The speakers named on attributions, with their aliases: add a name, or merge
 * one speaker into another (after a confirmation that says what moves).
 */
export function SpeakerRegistry() {
  const speakers = useQuery('speakers.list', {}).data;
  const mutate = useMutate();
  const [mergeInto, setMergeInto] = useState<Record<number, number>>({});
  const [alias, setAlias] = useState<Record<number, string>>({});
  const [confirming, setConfirming] = useState<{ from: Speaker; into: Speaker } | null>(null);
  useKeyScope('review.speakers', {});
  if (!speakers) return <p className="muted">Loading…</p>;
  if (speakers.length === 0) return <p className="muted">No speakers yet: give an attribution a speaker in the Read view and it appears here.</p>;
  return (
    <>
      {confirming && (
        <p role="alertdialog" aria-label="Confirm merge" className="confirm-bar">
          Merge “{confirming.from.name}” ({confirming.from.annotations} annotations, {confirming.from.aliases.length} aliases) into “{confirming.into.name}”?
          Its name becomes an alias.{' '}
          <button
            type="button"
            autoFocus
            onClick={() => {
              void mutate('speakers.merge', { intoId: confirming.into.id, fromId: confirming.from.id });
              setConfirming(null);
            }}
          >
            Merge
          </button>{' '}
          <button type="button" onClick={() => setConfirming(null)}>
            Cancel
          </button>
        </p>
      )}
      <table className="link-table speaker-table" aria-label="Speakers">
        <thead>
          <tr>
            <th scope="col">speaker</th>
            <th scope="col">aliases</th>
            <th scope="col">annotations</th>
            <th scope="col">who they are</th>
            <th scope="col">add a name</th>
            <th scope="col">merge into</th>
          </tr>
        </thead>
        <tbody>
          {speakers.map((speaker) => (
            <tr key={speaker.id} data-speaker={speaker.id}>
              <td>{speaker.name}</td>
              <td>{speaker.aliases.join('; ')}</td>
              <td>{speaker.annotations}</td>
              <td>
                <SpeakerDetailsCell speaker={speaker} />
              </td>
              <td>
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    void mutate('speakers.addAlias', { id: speaker.id, alias: alias[speaker.id] ?? '' });
                    setAlias({ ...alias, [speaker.id]: '' });
                  }}
                >
                  <input
                    aria-label={`Another name for ${speaker.name}`}
                    value={alias[speaker.id] ?? ''}
                    onChange={(e) => setAlias({ ...alias, [speaker.id]: e.target.value })}
                  />
                </form>
              </td>
              <td>
                <select
                  aria-label={`Merge ${speaker.name} into`}
                  value={mergeInto[speaker.id] ?? ''}
                  onChange={(e) => setMergeInto({ ...mergeInto, [speaker.id]: Number(e.target.value) })}
                >
                  <option value="">—</option>
                  {speakers
                    .filter((other) => other.id !== speaker.id)
                    .map((other) => (
                      <option key={other.id} value={other.id}>
                        {other.name}
                      </option>
                    ))}
                </select>{' '}
                <button
                  type="button"
                  disabled={!mergeInto[speaker.id]}
                  onClick={() => {
                    const into = speakers.find((s) => s.id === mergeInto[speaker.id]);
                    if (into) setConfirming({ from: speaker, into });
                  }}
                >
                  Merge…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
