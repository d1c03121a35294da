import { useState } from 'react';
import { CSV_DOWNLOAD_TABLES, LINK_STATUSES, TAGS, type LinkStatus, type Tag } from '../../main/api/contract.ts';
import { csvDownloadHref } from './csvDownload.ts';

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/**
 * CSV export from the app: the same two files and filters as `crosscheck
 * export --format csv`, each downloaded as it is made. Nothing ticked in a
 * group means no filter on it.
 */
export function ExportDialog({ outlets, onClose }: { outlets: readonly string[]; onClose(): void }) {
  const [tags, setTags] = useState<Tag[]>([]);
  const [chosenOutlets, setOutlets] = useState<string[]>([]);
  const [statuses, setStatuses] = useState<LinkStatus[]>([]);
  const [bom, setBom] = useState(false);
  const filters = { tags, outlets: chosenOutlets, statuses, bom };
  return (
    <div className="dialog-backdrop">
      <section role="dialog" aria-modal="true" aria-labelledby="export-heading" className="dialog export-dialog">
        <header className="dialog-header">
          <h2 id="export-heading">Export as CSV</h2>
          <button type="button" onClick={onClose} aria-label="Close">×</button>
        </header>
        <p className="export-hint">The two files the export command writes. A group left unticked is exported whole.</p>
        <fieldset>
          <legend>Tags</legend>
          {TAGS.map((tag) => (
            <label key={tag}>
              <input type="checkbox" checked={tags.includes(tag)} onChange={() => setTags(toggle(tags, tag))} /> {tag}
            </label>
          ))}
        </fieldset>
        {outlets.length > 0 && (
          <fieldset>
            <legend>Outlets</legend>
            {outlets.map((outlet) => (
              <label key={outlet}>
                <input type="checkbox" checked={chosenOutlets.includes(outlet)} onChange={() => setOutlets(toggle(chosenOutlets, outlet))} /> {outlet}
              </label>
            ))}
          </fieldset>
        )}
        <fieldset>
          <legend>Links</legend>
          {LINK_STATUSES.map((status) => (
            <label key={status}>
              <input type="checkbox" checked={statuses.includes(status)} onChange={() => setStatuses(toggle(statuses, status))} /> {status}
            </label>
          ))}
        </fieldset>
        <label>
          <input type="checkbox" checked={bom} onChange={() => setBom(!bom)} /> Byte-order mark, for Excel
        </label>
        <p className="export-downloads">
          {CSV_DOWNLOAD_TABLES.map((table) => (
            <a key={table} className="button" href={csvDownloadHref(table, filters)} download={`${table}.csv`}>
              Download {table}.csv
            </a>
          ))}
        </p>
      </section>
    </div>
  );
}
