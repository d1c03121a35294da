import type { Annotation, ArticleSummary } from '../contract/contract.ts';

/** The JSON shapes the CLI prints: stable, documented in the README, narrower than the contract's. */
export const articleJson = ({ id, title, outlet, published, url, fileName, length }: ArticleSummary) => ({
  id,
  title,
  outlet,
  published,
  url,
  fileName,
  length,
});

export const annotationJson = ({ id, articleId, start, end, quote, prefix, suffix, tag, note, speaker }: Annotation) => ({
  id,
  articleId,
  start,
  end,
  quote,
  prefix,
  suffix,
  tag,
  note,
  speaker,
});

export const ARTICLE_HEADERS = ['id', 'published', 'outlet', 'title', 'length'];
export const articleRow = (a: ArticleSummary) => [a.id, a.published, a.outlet, a.title ?? a.fileName, a.length];

export const printJson = (value: unknown) => JSON.stringify(value, null, 2);
