import type { ArticleSummary } from '../../main/contract/contract.ts';

/** The title to show; when the text gave none, the file name stands in and says so. */
export function articleTitle(article: Pick<ArticleSummary, 'title' | 'fileName' | 'id'>): { text: string; known: boolean } {
  if (article.title) return { text: article.title, known: true };
  return { text: article.fileName ?? `Article ${article.id}`, known: false };
}
