import { useState } from 'react';
import type { Speaker } from '../../main/contract/contract.ts';
import { useMutate, useQuery } from '../data/DataProvider.tsx';
import { useKeyScope } from '../keys/KeyRouter.tsx';
import { SpeakerDetailsCell } from '../speakers/SpeakerDetailsCell.tsx';

/** Rows drawn at a time: each row's merge menu lists every other speaker, so 1,000 rows would be a million elements. */
const SPEAKER_PAGE = 25;
const SPEAKER_NAMES = 'speaker-names';

/**
 * The speakers named on attributions, with their aliases: add a name, or merge
 * one speaker into another (after a confirmation that says what moves).
 */
export function SpeakerRegistry() {
  const speakers = useQuery('speakers.list', {}).data;
  const mutate = useMutate();
  // The name typed in each row's merge box; one list of names serves every row (a menu per row would be a million elements at 1,000 speakers).
  const [mergeInto, setMergeInto] = useState<Record<number, string>>({});
  const [alias, setAlias] = useState<Record<number, string>>({});
  const [confirming, setConfirming] = useState<{ from: Speaker; into: Speaker } | null>(null);
  const [find, setFind] = useState('');
  const [offset, setOffset] = useState(0);
  useKeyScope('review.speakers', {});
  if (!speakers) return <p className="muted">Loading…</p>;
  if (speakers.length === 0) return <p className="muted">No speakers yet: give an attribution a speaker in the Read view and it appears here.</p>;
  /** The other speaker a typed name is (exactly, ignoring case), if any. */
  const named = (typed: string | undefined, speaker: Speaker) => {
    const key = typed?.trim().toLocaleLowerCase();
    return key ? speakers.find((s) => s.id !== speaker.id && s.name.toLocaleLowerCase() === key) : undefined;
  };
  const words = find.trim().toLocaleLowerCase();
  const found = words ? speakers.filter((s) => [s.name, ...s.aliases].some((n) => n.toLocaleLowerCase().includes(words))) : speakers;
  const shown = found.slice(offset, offset + SPEAKER_PAGE);
  return (
    <>
      <p className="hint">
        <input type="search" aria-label="Find a speaker" placeholder="Find a speaker" value={find} onChange={(e) => (setFind(e.target.value), setOffset(0))} />{' '}
        {found.length > SPEAKER_PAGE && (
          <>
            speakers {offset + 1}–{Math.min(found.length, offset + SPEAKER_PAGE)} of {found.length}{' '}
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - SPEAKER_PAGE))}>
              Previous
            </button>{' '}
            <button type="button" disabled={offset + SPEAKER_PAGE >= found.length} onClick={() => setOffset(offset + SPEAKER_PAGE)}>
              Next
            </button>
          </>
        )}
      </p>
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
          {shown.map((speaker) => (
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
                <input
                  list={SPEAKER_NAMES}
                  aria-label={`Merge ${speaker.name} into`}
                  placeholder="speaker’s name"
                  value={mergeInto[speaker.id] ?? ''}
                  onChange={(e) => setMergeInto({ ...mergeInto, [speaker.id]: e.target.value })}
                />{' '}
                <button
                  type="button"
                  disabled={!named(mergeInto[speaker.id], speaker)}
                  onClick={() => {
                    const into = named(mergeInto[speaker.id], speaker);
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
      <datalist id={SPEAKER_NAMES}>
        {speakers.map((s) => (
          <option key={s.id} value={s.name} />
        ))}
      </datalist>
    </>
  );
}
