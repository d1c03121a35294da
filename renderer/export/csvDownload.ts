import type { CsvDownloadQuery, CsvTable, LinkStatus, Tag } from '../../main/contract/contract.ts';

export interface CsvDownloadFilters {
  tags: readonly Tag[];
  outlets: readonly string[];
  statuses: readonly LinkStatus[];
  bom: boolean;
}

/** The address of one table of the CSV export, its filters in the query string the contract defines. */
export function csvDownloadHref(table: CsvTable, filters: CsvDownloadFilters): string {
  const query: Required<CsvDownloadQuery> = {
    tag: [...filters.tags],
    outlet: [...filters.outlets],
    status: [...filters.statuses],
    bom: [filters.bom ? '1' : '0'],
  };
  const params = new URLSearchParams();
  for (const [key, values] of Object.entries(query)) for (const value of values) params.append(key, value);
  return `/export/${table}.csv?${params}`;
}
