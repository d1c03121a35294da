import { useId, useState } from 'react';
import { useMutate, useQuery } from '../data/DataProvider.tsx';
import { userMessage } from '../data/userMessage.ts';

/**
 * The project's curators, beside its options: who may keep spans into the curated
 * layer (and sees everyone's spans under blind annotation). Naming or removing
 * one is an undo step and reaches every device by sync; while nobody is named,
 * anyone may curate.
 */
export function CuratorsForm() {
  const { data: state } = useQuery('team.curators', {});
  const mutate = useMutate();
  const [name, setName] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const id = useId();
  if (!state) return null;
  const set = (analyst: string, curator: boolean) =>
    mutate('team.setCurator', { analyst, curator }).then(
      () => {
        setFailure(null);
        if (curator) setName('');
      },
      (error: unknown) => setFailure(userMessage(error)),
    );
  return (
    <fieldset className="project-options curators">
      <legend>Curators (shared with the team by sync)</legend>
      {state.anyoneMayCurate ? (
        <p className="muted">No curator is named: anyone may keep spans into the curated layer. Naming one restricts it to the curators.</p>
      ) : (
        <ul aria-label="Curators">
          {state.curators.map((c) => (
            <li key={c.analyst}>
              {c.analyst} <span className="muted">(named by {c.addedBy})</span>{' '}
              <button type="button" onClick={() => void set(c.analyst, false)}>
                Remove {c.analyst}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void set(name.trim(), true);
        }}
      >
        <label htmlFor={`${id}-name`}>Analyst to name curator</label> <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />{' '}
        <button type="submit" disabled={!name.trim()}>
          Add curator
        </button>
      </form>
      {failure && <p role="alert">{failure}</p>}
    </fieldset>
  );
}
