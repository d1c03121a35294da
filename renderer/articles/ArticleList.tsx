import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ARTICLE_SORTS } from '../../main/contract/vocabulary.ts';
import type { ArticlePageQuery, ArticleSummary } from '../../main/contract/contract.ts';
import { useQuery } from '../data/DataProvider.tsx';
import { articleTitle } from './articleTitle.ts';
import './articles.css';

export interface ArticleListProps {
  selectedId: number | null;
  onSelect(id: number): void;
}

/** Height of one row in px; the stylesheet gives `.article-row` the same. */
export const ARTICLE_ROW_HEIGHT = 76;
/** Rows asked for at a time: a few screens, so scrolling rarely waits and a page answer stays small. */
export const ARTICLE_PAGE_SIZE = 100;
const PAGE_SIZE = ARTICLE_PAGE_SIZE;
/** Rows rendered above and below the visible ones, so a fast scroll shows no gap before the next frame. */
const OVERSCAN = 6;

/** When the outlet menu is filled if not used before: after the start, not during it. */
const OUTLETS_AFTER_MS = 1_500;

type Filters = Omit<ArticlePageQuery, 'offset' | 'limit'>;

const SORT_LABELS: Record<(typeof ARTICLE_SORTS)[number], string> = { date: 'oldest first', 'date-descending': 'newest first', outlet: 'by outlet' };

/**
 * The corpus's articles, sorted and filtered by the database and read a page
 * at a time: only the rows in view (and a few around them) are in the DOM, so
 * the list costs the same for five articles or a hundred thousand.
 */
export function ArticleList({ selectedId, onSelect }: ArticleListProps) {
  const [filters, setFilters] = useState<Filters>({});
  const set = (patch: Partial<Filters>) =>
    setFilters((f) => Object.fromEntries(Object.entries({ ...f, ...patch }).filter(([, v]) => v !== undefined)) as Filters);
  // Asked for when the menu is first used: one request fewer while the app starts.
  const [wantOutlets, setWantOutlets] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWantOutlets(true), OUTLETS_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  const outlets = useQuery('articles.outlets', wantOutlets ? {} : null).data;
  return (
    <div className="article-browser">
      <fieldset className="article-filters" aria-label="Filter articles">
        <select aria-label="Sort articles" value={filters.sort ?? 'date'} onChange={(e) => set({ sort: e.target.value as Filters['sort'] })}>
          {ARTICLE_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </select>
        <select
          aria-label="Outlet"
          onPointerDown={() => setWantOutlets(true)}
          onFocus={() => setWantOutlets(true)}
          value={filters.outlet === undefined ? '' : filters.outlet === null ? '\u0000' : filters.outlet}
          onChange={(e) => set({ outlet: e.target.value === '' ? undefined : e.target.value === '\u0000' ? null : e.target.value })}
        >
          <option value="">all outlets</option>
          {(outlets ?? []).map((o) => (
            <option key={o.outlet ?? '\u0000'} value={o.outlet ?? '\u0000'}>
              {o.outlet ?? 'no outlet'} ({o.articles})
            </option>
          ))}
        </select>
        <label>
          from <input type="date" aria-label="Published from" value={filters.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} />
        </label>
        <label>
          to <input type="date" aria-label="Published to" value={filters.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} />
        </label>
        <label>
          <input type="checkbox" checked={filters.annotated === true} onChange={(e) => set({ annotated: e.target.checked || undefined })} /> with annotations
        </label>
        <label>
          <input type="checkbox" checked={filters.superseded === false} onChange={(e) => set({ superseded: e.target.checked ? false : undefined })} /> hide
          replaced versions
        </label>
      </fieldset>
      <ArticleRows filters={filters} selectedId={selectedId} onSelect={onSelect} />
    </div>
  );
}

/** The rows in view: at most two pages are asked for, the ones the visible rows fall in. */
function ArticleRows({ filters, selectedId, onSelect }: { filters: Filters } & ArticleListProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(800);
  useEffect(() => {
    const list = listRef.current!;
    const observer = new ResizeObserver(() => setHeight(list.clientHeight));
    observer.observe(list);
    return () => observer.disconnect();
  }, []);
  // New filters show their list from the top.
  const filterKey = JSON.stringify(filters);
  useLayoutEffect(() => {
    if (listRef.current) listRef.current.scrollTop = 0;
    setScrollTop(0);
  }, [filterKey]);

  const first = Math.max(0, Math.floor(scrollTop / ARTICLE_ROW_HEIGHT) - OVERSCAN);
  const last = Math.ceil((scrollTop + height) / ARTICLE_ROW_HEIGHT) + OVERSCAN;
  const firstPage = Math.floor(first / PAGE_SIZE);
  const lastPage = Math.floor(last / PAGE_SIZE);
  const a = useQuery('articles.page', { ...filters, offset: firstPage * PAGE_SIZE, limit: PAGE_SIZE });
  const b = useQuery('articles.page', lastPage !== firstPage ? { ...filters, offset: lastPage * PAGE_SIZE, limit: PAGE_SIZE } : null);
  // Until the page in view arrives, the last answer's total keeps the scrollbar where it is.
  const lastTotal = useRef<number | null>(null);
  const total = a.data?.total ?? b.data?.total ?? lastTotal.current;
  if (a.data) lastTotal.current = a.data.total;

  const rows: Array<{ index: number; article: ArticleSummary; replaced: boolean }> = [];
  for (const page of [a.data, b.data]) {
    if (!page) continue;
    const replaced = new Set(page.replaced);
    page.articles.forEach((article, i) => {
      const index = page.offset + i;
      if (index >= first && index <= last) rows.push({ index, article, replaced: replaced.has(article.id) });
    });
  }

  if (total === 0) {
    const filtered = Object.keys(filters).some((k) => k !== 'sort');
    return <p className="empty">{filtered ? 'No article matches these filters.' : 'No articles yet: press Import… in the top bar to add some.'}</p>;
  }
  return (
    <>
      <p className="article-count" aria-live="polite">
        {total === null ? 'Loading…' : `${total.toLocaleString('en')} in the list`}
      </p>
      <div ref={listRef} className="article-rows" onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <ul className="article-list" aria-label="Article list" aria-busy={total === null} style={{ height: (total ?? 0) * ARTICLE_ROW_HEIGHT }}>
          {rows.map(({ index, article, replaced }) => (
            <ArticleRow
              key={article.id}
              article={article}
              replaced={replaced}
              top={index * ARTICLE_ROW_HEIGHT}
              position={index + 1}
              count={total ?? 0}
              current={article.id === selectedId}
              onSelect={onSelect}
            />
          ))}
        </ul>
      </div>
    </>
  );
}

/** One row; memoised so that a change elsewhere in the workspace does not re-render the list. */
const ArticleRow = memo(function ArticleRow({
  article,
  replaced,
  top,
  position,
  count,
  current,
  onSelect,
}: {
  article: ArticleSummary;
  /** A newer version of this article was imported: the row says so, so the live version is not mistaken for it. */
  replaced: boolean;
  top: number;
  position: number;
  count: number;
  current: boolean;
  onSelect(id: number): void;
}) {
  const title = articleTitle(article);
  return (
    <li className={replaced ? 'article-row replaced' : 'article-row'} style={{ top }} aria-posinset={position} aria-setsize={count}>
      <button type="button" className="article-item" aria-current={current ? 'true' : undefined} title={title.text} onClick={() => onSelect(article.id)}>
        <span className="article-outlet">
          {article.outlet ?? 'Unknown outlet'}
          {replaced && (
            // Plain text, so it is part of the row button's accessible name as well as seen.
            <span className="superseded-badge" title="A newer version of this article replaced it">
              superseded
            </span>
          )}
        </span>
        <span className={title.known ? 'article-title' : 'article-title unknown'}>{title.text}</span>
        <time className="article-date" dateTime={article.published ?? undefined}>
          {article.published ?? 'undated'}
        </time>
      </button>
    </li>
  );
});
