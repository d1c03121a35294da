import type { ArticleSummary } from '../../main/api/contract.ts';
import { articleTitle } from './articleTitle.ts';

export interface ArticleListProps {
  articles: readonly ArticleSummary[];
  selectedId: number | null;
  onSelect(id: number): void;
}

export function ArticleList({ articles, selectedId, onSelect }: ArticleListProps) {
  if (articles.length === 0) return <p className="empty">No articles yet. Import some with <code>crosscheck import</code>.</p>;
  return (
    <ul className="article-list">
      {articles.map((article) => {
        const title = articleTitle(article);
        return (
          <li key={article.id}>
            <button
              type="button"
              className="article-item"
              aria-current={article.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(article.id)}
            >
              <span className="article-outlet">{article.outlet ?? 'Unknown outlet'}</span>
              <span className={title.known ? 'article-title' : 'article-title unknown'}>{title.text}</span>
              <time className="article-date" dateTime={article.published ?? undefined}>
                {article.published ?? 'undated'}
              </time>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
