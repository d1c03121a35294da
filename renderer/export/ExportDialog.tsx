import { useState } from 'react';
import { CSV_TABLES, LINK_STATUSES, TAGS } from '../../main/contract/vocabulary.ts';
import type { LinkStatus, Tag } from '../../main/contract/contract.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { csvDownloadHref } from './csvDownload.ts';

/** One filter: a box per value; none ticked means no filter on it. */
function CheckboxGroup<T extends string>({
  legend,
  values,
  chosen,
  onChange,
}: {
  legend: string;
  values: readonly T[];
  chosen: readonly T[];
  onChange(chosen: T[]): void;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {values.map((value) => (
        <label key={value}>
          <input
            type="checkbox"
            checked={chosen.includes(value)}
            onChange={() => onChange(chosen.includes(value) ? chosen.filter((v) => v !== value) : [...chosen, value])}
          />{' '}
          {value}
        </label>
      ))}
    </fieldset>
  );
}

/** The whole-corpus files of the export command's other formats, under the addresses main serves them at. */
const OTHER_FORMATS = [
  {
    href: '/export/annotations.jsonld',
    file: 'annotations.jsonld',
    label: 'W3C Web Annotation JSON',
    about: 'every article, annotation and link (export --format json)',
  },
  {
    href: '/export/claimreviews.json',
    file: 'claimreviews.json',
    label: 'ClaimReview, all claim groups',
    about: 'schema.org JSON-LD of every reviewed claim group (export --format claimreview)',
  },
] as const;

/**
 * Export from the app: the CSV files with the filters of `crosscheck export
 * --format csv`, and the Web Annotation collection and the ClaimReviews of all
 * claim groups, each downloaded as it is made.
 */
export function ExportDialog({ outlets, onClose }: { outlets: readonly string[]; onClose(): void }) {
  const [tags, setTags] = useState<Tag[]>([]);
  const [chosenOutlets, setOutlets] = useState<string[]>([]);
  const [statuses, setStatuses] = useState<LinkStatus[]>([]);
  const [bom, setBom] = useState(false);
  const filters = { tags, outlets: chosenOutlets, statuses, bom };
  return (
    <Dialog title="Export" id="export-heading" className="export-dialog" onClose={onClose}>
      <h3 className="export-format">CSV</h3>
      <p className="export-hint">The two files the export command writes. A group left unticked is exported whole.</p>
      <CheckboxGroup legend="Tags" values={TAGS} chosen={tags} onChange={setTags} />
      {outlets.length > 0 && <CheckboxGroup legend="Outlets" values={outlets} chosen={chosenOutlets} onChange={setOutlets} />}
      <CheckboxGroup legend="Links" values={LINK_STATUSES} chosen={statuses} onChange={setStatuses} />
      <label>
        <input type="checkbox" checked={bom} onChange={() => setBom(!bom)} /> Byte-order mark, for Excel
      </label>
      <p className="export-downloads">
        {CSV_TABLES.map((table) => (
          <a key={table} className="button" href={csvDownloadHref(table, filters)} download={`${table}.csv`}>
            Download {table}.csv
          </a>
        ))}
      </p>
      <h3 className="export-format">Other formats</h3>
      <ul className="export-downloads export-formats">
        {OTHER_FORMATS.map((format) => (
          <li key={format.href}>
            <a className="button" href={format.href} download={format.file}>
              Download {format.label}
            </a>{' '}
            <span className="export-hint">{format.about}</span>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
