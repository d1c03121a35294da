import { useState, type FormEvent } from 'react';
import type { Speaker } from '../../main/contract/contract.ts';
import { useMutate } from '../data/DataProvider.tsx';

const FIELDS = [
  { key: 'role', label: 'Role' },
  { key: 'affiliation', label: 'Affiliation' },
  { key: 'wikidata', label: 'Wikidata id' },
] as const;
type Key = (typeof FIELDS)[number]['key'];

/**
 * Who a speaker is, in the speaker table: role, affiliation and Wikidata id,
 * as the analyst types them (nothing is looked up). Edit opens a small form;
 * main checks the Wikidata id's form (Q and a number) and says so when it is not.
 */
export function SpeakerDetailsCell({ speaker }: { speaker: Speaker }) {
  const mutate = useMutate();
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState<Record<Key, string>>({ role: '', affiliation: '', wikidata: '' });
  const [error, setError] = useState<string | null>(null);

  const start = () => {
    setValues({ role: speaker.role ?? '', affiliation: speaker.affiliation ?? '', wikidata: speaker.wikidata ?? '' });
    setError(null);
    setEditing(true);
  };
  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
    const saved = await mutate(
      'speakers.update',
      { id: speaker.id, role: orNull(values.role), affiliation: orNull(values.affiliation), wikidata: orNull(values.wikidata) },
      setError,
    );
    if (saved) setEditing(false);
  }

  if (!editing) {
    const known = [speaker.role, speaker.affiliation, speaker.wikidata].filter(Boolean).join(' · ');
    return (
      <>
        <span className={known ? undefined : 'muted'}>{known || '—'}</span>{' '}
        <button type="button" onClick={start} aria-label={`Edit who ${speaker.name} is`}>
          Edit…
        </button>
      </>
    );
  }
  return (
    <form className="speaker-details" onSubmit={(e) => void save(e)} aria-label={`Who ${speaker.name} is`}>
      {FIELDS.map(({ key, label }) => (
        <label key={key}>
          {label}{' '}
          <input
            value={values[key]}
            placeholder={key === 'wikidata' ? 'Q…' : undefined}
            onChange={(e) => setValues({ ...values, [key]: e.target.value })}
            autoFocus={key === 'role'}
          />
        </label>
      ))}{' '}
      <button type="submit">Save</button>{' '}
      <button type="button" onClick={() => setEditing(false)}>
        Cancel
      </button>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </form>
  );
}
