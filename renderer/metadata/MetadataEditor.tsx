import { useRef, useState, type FormEvent } from 'react';
import type { ArticleSummary } from '../../main/contract/contract.ts';
import { useMutate } from '../data/DataProvider.tsx';
import { Dialog } from '../shell/Dialog.tsx';

const FIELDS = [
  { key: 'title', label: 'Title', type: 'text' },
  { key: 'outlet', label: 'Outlet', type: 'text' },
  { key: 'url', label: 'URL', type: 'url' },
  { key: 'published', label: 'Published', type: 'date' },
] as const;
type Key = (typeof FIELDS)[number]['key'];

/**
 * Corrects what import read about an article; an emptied field is cleared.
 * A date field only partly filled in reads as empty to the page, so it is
 * refused with a word rather than saved as "undated". The text itself is not editable.
 */
export function MetadataEditor({ article, onClose }: { article: ArticleSummary; onClose(): void }) {
  const mutate = useMutate();
  const [values, setValues] = useState(() => Object.fromEntries(FIELDS.map(({ key }) => [key, article[key] ?? ''])) as Record<Key, string>);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputs = useRef<Partial<Record<Key, HTMLInputElement | null>>>({});

  async function save(event: FormEvent) {
    event.preventDefault();
    const partial = FIELDS.find(({ key }) => inputs.current[key]?.validity.badInput);
    if (partial) {
      setError(`${partial.label} is only partly filled in: complete the date, or clear all of it to leave the article undated. Nothing was saved.`);
      inputs.current[partial.key]?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
    const saved = await mutate(
      'articles.updateMetadata',
      {
        id: article.id,
        title: orNull(values.title),
        outlet: orNull(values.outlet),
        url: orNull(values.url),
        published: orNull(values.published),
      },
      setError,
    );
    setSaving(false);
    if (saved) onClose();
  }

  return (
    <Dialog title="Article details" id="metadata-heading" className="metadata-editor" onClose={onClose} onSubmit={(e) => void save(e)}>
      {FIELDS.map(({ key, label, type }) => (
        <label key={key} className="field">
          <span>{label}</span>
          <input
            ref={(node) => void (inputs.current[key] = node)}
            type={type}
            value={values[key]}
            onChange={(e) => setValues({ ...values, [key]: e.target.value })}
          />
        </label>
      ))}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <footer className="dialog-footer">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" disabled={saving}>
          Save
        </button>
      </footer>
    </Dialog>
  );
}
