import { useRef, useState, type DragEvent } from 'react';
import { MAX_IMPORT_BYTES } from '../../main/contract/vocabulary.ts';
import type { ImportResult } from '../../main/contract/contract.ts';
import { useCall, useInvalidate } from '../data/DataProvider.tsx';
import { INVALIDATES } from '../data/invalidation.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { filesFromDrop, fileToBase64, IMPORTABLE, type PickedFile } from './fileBytes.ts';
import { UrlImportBox } from './UrlImportBox.tsx';

type Row = { path: string; status: ImportResult['status'] | 'waiting' | 'cancelled'; detail: string };

function describe(result: ImportResult): string {
  if (result.supersedes)
    return `new version of article ${result.supersedes}: ${result.moved} annotations moved, ${result.orphaned} to place in the orphans queue`;
  if (result.status === 'duplicate') return `same text as article ${result.articleId}`;
  if (result.status === 'imported') return `article ${result.articleId}`;
  return result.reason ?? '';
}

/**
 * Import from the app: pick files or a folder, or drop them. Files go to main
 * one request each, so every file is its own transaction, progress is exact,
 * and Cancel stops before the next file without leaving anything half-imported.
 */
export function ImportDialog({ onClose }: { onClose(): void }) {
  const call = useCall();
  const invalidate = useInvalidate();
  const [rows, setRows] = useState<Row[]>([]);
  const [running, setRunning] = useState(false);
  const [dragging, setDragging] = useState(false);
  const cancelled = useRef(false);

  async function run(picked: PickedFile[]) {
    if (running || picked.length === 0) return;
    cancelled.current = false;
    setRunning(true);
    const initial: Row[] = picked.map((p) => ({ path: p.path, status: 'waiting', detail: '' }));
    setRows(initial);
    const update = (i: number, row: Partial<Row>) => setRows((current) => current.map((r, j) => (j === i ? { ...r, ...row } : r)));
    for (let i = 0; i < picked.length; i++) {
      if (cancelled.current) {
        setRows((current) => current.map((r, j) => (j >= i ? { ...r, status: 'cancelled', detail: 'not imported' } : r)));
        break;
      }
      const { file } = picked[i]!;
      if (file.size > MAX_IMPORT_BYTES) {
        update(i, { status: 'failed', detail: `file is ${file.size} bytes, over the ${MAX_IMPORT_BYTES / 1024 / 1024} MiB limit` });
        continue;
      }
      try {
        const result = await call('articles.import', { fileName: file.name, contentBase64: await fileToBase64(file) });
        update(i, { status: result.status, detail: describe(result) });
      } catch (error) {
        update(i, { status: 'failed', detail: (error as Error).message });
      }
    }
    setRunning(false);
    invalidate(INVALIDATES['articles.import'] ?? []);
  }

  // Every file goes to main, which names the reason for any it refuses: the same report `crosscheck import` gives.
  const pick = (list: FileList | null) => run(Array.from(list ?? []).map((file) => ({ path: file.webkitRelativePath || file.name, file })));

  async function drop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void run(await filesFromDrop(event.dataTransfer));
  }

  const done = rows.filter((r) => r.status !== 'waiting').length;
  const count = (status: Row['status']) => rows.filter((r) => r.status === status).length;
  return (
    <Dialog title="Import articles" id="import-heading" className="import-dialog" onClose={onClose} busy={running}>
      <div
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <p>
          Drop files or folders here ({IMPORTABLE.join(', ')}; up to {MAX_IMPORT_BYTES / 1024 / 1024} MiB each), or
        </p>
        {/* The inputs are visually hidden, not `hidden`: the keyboard reaches them, and Enter or Space opens the picker. */}
        <label className="button file-button">
          <input
            type="file"
            className="visually-hidden"
            multiple
            accept={IMPORTABLE.join(',')}
            disabled={running}
            onChange={(e) => void pick(e.target.files)}
          />
          Choose files…
        </label>{' '}
        <label className="button file-button">
          <input type="file" className="visually-hidden" {...{ webkitdirectory: '' }} disabled={running} onChange={(e) => void pick(e.target.files)} />
          Choose a folder…
        </label>
      </div>
      <UrlImportBox disabled={running} />
      {rows.length > 0 && (
        <>
          <div className="import-progress">
            <progress max={rows.length} value={done} aria-label="Import progress" />
            <span role="status">
              {running
                ? `Importing ${done} of ${rows.length}…`
                : `${count('imported')} imported, ${count('duplicate')} duplicate, ${count('failed')} failed${count('cancelled') ? `, ${count('cancelled')} cancelled` : ''}`}
            </span>
            {running && (
              <button type="button" onClick={() => (cancelled.current = true)}>
                Cancel
              </button>
            )}
          </div>
          <table className="import-results" aria-label="Import results">
            <tbody>
              {rows.map((row, i) => (
                <tr key={i} className={`import-${row.status}`}>
                  <td>{row.status}</td>
                  <td>{row.path}</td>
                  <td>{row.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Dialog>
  );
}
