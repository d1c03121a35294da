import { useEffect, useState } from 'react';
import type { Speaker } from '../../main/api/contract.ts';
import type { Client } from '../api/client.ts';

export interface SpeakerRegistryProps {
  client: Client;
  revision: number;
  onChanged(): void;
  onError(message: string): void;
}

/** The speakers named on attributions, with their aliases: add a name, or merge one speaker into another. */
export function SpeakerRegistry({ client, revision, onChanged, onError }: SpeakerRegistryProps) {
  const [speakers, setSpeakers] = useState<Speaker[] | null>(null);
  const [mergeInto, setMergeInto] = useState<Record<number, number>>({});
  const [alias, setAlias] = useState<Record<number, string>>({});
  useEffect(() => {
    client.call('speakers.list', {}).then(setSpeakers, (e: Error) => onError(e.message));
  }, [client, revision, onError]);
  if (!speakers) return <p className="muted">Loading…</p>;
  if (speakers.length === 0) return <p className="muted">No speakers yet: give an attribution a speaker and it appears here.</p>;
  const act = (promise: Promise<unknown>) => promise.then(onChanged, (e: Error) => onError(e.message));
  return (
    <table className="link-table speaker-table" aria-label="Speakers">
      <thead>
        <tr>
          <th scope="col">speaker</th>
          <th scope="col">aliases</th>
          <th scope="col">annotations</th>
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
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  act(client.call('speakers.addAlias', { id: speaker.id, alias: alias[speaker.id] ?? '' }));
                  setAlias({ ...alias, [speaker.id]: '' });
                }}
              >
                <input aria-label={`Another name for ${speaker.name}`} value={alias[speaker.id] ?? ''} onChange={(e) => setAlias({ ...alias, [speaker.id]: e.target.value })} />
              </form>
            </td>
            <td>
              <select aria-label={`Merge ${speaker.name} into`} value={mergeInto[speaker.id] ?? ''} onChange={(e) => setMergeInto({ ...mergeInto, [speaker.id]: Number(e.target.value) })}>
                <option value="">—</option>
                {speakers
                  .filter((other) => other.id !== speaker.id)
                  .map((other) => (
                    <option key={other.id} value={other.id}>
                      {other.name}
                    </option>
                  ))}
              </select>{' '}
              <button type="button" disabled={!mergeInto[speaker.id]} onClick={() => act(client.call('speakers.merge', { intoId: mergeInto[speaker.id]!, fromId: speaker.id }))}>
                Merge
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
