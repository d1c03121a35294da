import { useEffect, useState, type FormEvent } from 'react';
import { useMutate, useQuery } from '../data/DataProvider.tsx';
import { Dialog } from '../shell/Dialog.tsx';

/**
 * Who publishes the fact checks: the organisation named as the author of every
 * ClaimReview, and its address. An emptied field is cleared (the reviewer is
 * then named instead). The address is checked by main, which accepts only http and https.
 */
export function PublisherSettingsDialog({ onClose }: { onClose(): void }) {
  const settings = useQuery('settings.get', {}).data;
  const mutate = useMutate();
  const [organisation, setOrganisation] = useState('');
  const [url, setUrl] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!settings || loaded) return;
    setOrganisation(settings.organisation ?? '');
    setUrl(settings.url ?? '');
    setLoaded(true);
  }, [settings, loaded]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
    const saved = await mutate('settings.set', { organisation: orNull(organisation), url: orNull(url) }, setError);
    setSaving(false);
    if (saved) onClose();
  }

  return (
    <Dialog title="Publisher settings" id="settings-heading" className="settings-dialog" onClose={onClose} onSubmit={(e) => void save(e)}>
      <p className="hint">The organisation publishing the fact checks: the author of every ClaimReview Crosscheck exports.</p>
      <label className="field">
        <span>Organisation</span>
        <input type="text" value={organisation} disabled={!loaded} onChange={(e) => setOrganisation(e.target.value)} />
      </label>
      <label className="field">
        <span>Address (URL)</span>
        <input type="text" inputMode="url" placeholder="https://" value={url} disabled={!loaded} onChange={(e) => setUrl(e.target.value)} />
      </label>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <footer className="dialog-footer">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" disabled={saving || !loaded}>
          Save
        </button>
      </footer>
    </Dialog>
  );
}
