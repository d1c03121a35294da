/**
 * The contract's fixed lists and limits, as plain values without zod. contract.ts builds its schemas
 * from them and re-exports them; the renderer imports them from here, so its first screen runs without
 * evaluating zod and every schema of the contract (the client loads those beside it, for validating
 * answers: renderer/api/client.ts).
 */

export const TAGS = ['claim', 'denial', 'attribution'] as const;

export const LINK_TYPES = ['same-claim', 'paraphrase', 'contradicts', 'denies', 'attributed-to', 'cites'] as const;
/** Link types whose two ends report one claim: they make claim groups, and their direction carries no meaning. */
export const GROUPING_LINK_TYPES: readonly (typeof LINK_TYPES)[number][] = ['same-claim', 'paraphrase'];

export const LINK_STATUSES = ['suggested', 'confirmed', 'rejected'] as const;

export const TEXT_EXTENSIONS = ['.txt', '.md', '.markdown'] as const;
export const HTML_EXTENSIONS = ['.html', '.htm'] as const;
export const PDF_EXTENSIONS = ['.pdf'] as const;

/** Largest file the app sends in one request, in bytes; the same limit the file import applies. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export const CSV_TABLES = ['annotations', 'links'] as const;

export const ARTICLE_SORTS = ['date', 'date-descending', 'outlet'] as const;
/** Most rows one page of the article list may ask for. */
export const MAX_ARTICLE_PAGE = 500;
