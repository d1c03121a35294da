import { useState, type FormEvent } from 'react';
import type { ArticleSummary } from '../../main/api/contract.ts';
import type { Client } from '../api/client.ts';

const FIELDS = [
  { key: 'title', label: 'Title', type: 'text' },
  { key: 'outlet', label: 'Outlet', type: 'text' },
  { key: 'url', label: 'URL', type: 'url' },
  { key: 'published', label: 'Published', type: 'date' },
] as const;

/** Corrects what import read about an article; an emptied field is cleared. The text itself is not editable. */
export function MetadataEditor({ client, article, onSaved, onClose }: { client: Client; article: ArticleSummary; onSaved(a: ArticleSummary): void; onClose(): void }) {
  const [values, setValues] = useState(() => Object.fromEntries(FIELDS.map(({ key }) => [key, article[key] ?? ''])) as Record<(typeof FIELDS)[number]['key'], string>);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
    try {
      const saved = await client.call('articles.updateMetadata', {
        id: article.id,
        title: orNull(values.title),
        outlet: orNull(values.outlet),
        url: orNull(values.url),
        published: orNull(values.published),
      });
      onSaved(saved);
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="dialog-backdrop">
      <form role="dialog" aria-modal="true" aria-labelledby="metadata-heading" className="dialog metadata-editor" onSubmit={save} noValidate>
        <header className="dialog-header">
          <h2 id="metadata-heading">Article details</h2>
          <button type="button" onClick={onClose} aria-label="Close">×</button>
        </header>
        {FIELDS.map(({ key, label, type }) => (
          <label key={key} className="field">
            <span>{label}</span>
            <input type={type} value={values[key]} onChange={(e) => setValues({ ...values, [key]: e.target.value })} />
          </label>
        ))}
        {error && <p role="alert" className="form-error">{error}</p>}
        <footer className="dialog-footer">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" disabled={saving}>Save</button>
        </footer>
      </form>
    </div>
  );
}
