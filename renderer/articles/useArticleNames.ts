import { useCallback, useMemo } from 'react';
import { MAX_ARTICLE_PAGE } from '../../main/contract/vocabulary.ts';
import { useQuery } from '../data/DataProvider.tsx';

/**
 * How to name the articles a panel shows (its outlet, else its title or
 * file): asks for the summaries of those articles only, never the whole list.
 */
export function useArticleNames(ids: readonly number[]): (articleId: number) => string {
  const wanted = useMemo(() => [...new Set(ids)].sort((a, b) => a - b).slice(0, MAX_ARTICLE_PAGE), [ids]);
  const summaries = useQuery('articles.summaries', wanted.length > 0 ? { ids: wanted } : null).data;
  const names = useMemo(() => new Map((summaries ?? []).map((a) => [a.id, a.outlet ?? a.title ?? a.fileName ?? `article ${a.id}`])), [summaries]);
  return useCallback((articleId: number) => names.get(articleId) ?? `article ${articleId}`, [names]);
}
