import { useId, useMemo, useState } from 'react';
import { useQuery } from '../data/DataProvider.tsx';
import { speakerChoices } from './speakerMatches.ts';

export interface SpeakerFieldProps {
  value: string;
  onChange(value: string): void;
  /** Stores the name: on Enter, on leaving the field, or on picking a registered speaker (given as `picked`). */
  onSave(picked?: string): void;
}

/**
 * The speaker of an annotation, typed or picked from the speaker registry:
 * registered names and aliases matching what is typed are offered below the
 * field; arrows choose, Enter or a click picks, Esc closes the list.
 */
export function SpeakerField({ value, onChange, onSave }: SpeakerFieldProps) {
  const speakers = useQuery('speakers.list', {}).data;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const choices = useMemo(() => (speakers && open ? speakerChoices(speakers, value) : []), [speakers, open, value]);
  const listId = useId();
  const shown = open && choices.length > 0;
  const pick = (name: string) => {
    onChange(name);
    setOpen(false);
    setActive(-1);
    onSave(name);
  };
  return (
    <span className="speaker-field">
      <input
        role="combobox"
        aria-label="Speaker"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
        value={value}
        onChange={(e) => (onChange(e.target.value), setOpen(true), setActive(-1))}
        onFocus={() => setOpen(true)}
        onBlur={() => (setOpen(false), onSave())}
        onKeyDown={(e) => {
          if (shown && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
            e.preventDefault();
            setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : -1) + choices.length) % choices.length);
          } else if (e.key === 'Enter') {
            if (shown && active >= 0) pick(choices[active]!.name);
            else {
              setOpen(false);
              onSave();
            }
          } else if (e.key === 'Escape' && shown) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label="Registered speakers" className="speaker-choices" hidden={!shown}>
        {choices.map((choice, i) => (
          <li
            key={choice.name}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(choice.name)}
          >
            {choice.name}
            {choice.matched && <span className="muted"> ({choice.matched})</span>}
          </li>
        ))}
      </ul>
    </span>
  );
}
