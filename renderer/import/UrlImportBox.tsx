import { useState, type FormEvent } from 'react';
import { MAX_IMPORT_BYTES } from '../../main/contract/vocabulary.ts';
import type { ImportResult } from '../../main/contract/contract.ts';
import { useMutate } from '../data/DataProvider.tsx';
import './urlImport.css';

type Row = { address: string; status: ImportResult['status'] | 'fetching'; detail: string };

/**
 * Import from a web address: main fetches the page within its size and time
 * limits (the file import's 10 MiB; 20 s), reads it as a saved page, a PDF or
 * a text file by the type the server declares, and keeps the bytes as captured.
 * Offline, or when the server fails, the row says why and nothing is imported.
 */
export function UrlImportBox({ disabled }: { disabled: boolean }) {
  const mutate = useMutate();
  const [address, setAddress] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const fetching = rows.some((r) => r.status === 'fetching');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const url = address.trim();
    if (url === '' || fetching) return;
    setRows((current) => [{ address: url, status: 'fetching', detail: 'fetching…' }, ...current]);
    const settle = (row: Omit<Row, 'address'>) =>
      setRows((current) => current.map((r) => (r.address === url && r.status === 'fetching' ? { ...r, ...row } : r)));
    const result = await mutate('articles.importUrl', { url }, (message) => settle({ status: 'failed', detail: message }));
    if (!result) return;
    settle({
      status: result.status,
      detail:
        result.status === 'imported'
          ? `article ${result.articleId}`
          : result.status === 'duplicate'
            ? `same text as article ${result.articleId}`
            : (result.reason ?? ''),
    });
    if (result.status !== 'failed') setAddress('');
  }

  return (
    <form className="url-import" onSubmit={(e) => void submit(e)} aria-label="Import from a web address">
      <label>
        Web address{' '}
        <input
          type="text"
          inputMode="url"
          placeholder="https://…"
          value={address}
          disabled={disabled}
          onChange={(e) => setAddress(e.target.value)}
          aria-describedby="url-import-limits"
        />
      </label>{' '}
      <button type="submit" disabled={disabled || fetching || address.trim() === ''}>
        Fetch and import
      </button>
      <p id="url-import-limits" className="hint">
        The page is fetched by Crosscheck (up to {MAX_IMPORT_BYTES / 1024 / 1024} MiB, 20 s) and kept as captured; this needs the machine to be online.
      </p>
      {rows.length > 0 && (
        <table className="import-results" aria-label="Web import results">
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} className={`import-${row.status}`}>
                <td>{row.status}</td>
                <td>{row.address}</td>
                <td>{row.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </form>
  );
}
