import { useCallback, useEffect, useState } from 'react';
import { TAGS, type Annotation, type Article, type ArticleSummary } from '../main/api/contract.ts';
import type { Client } from './api/client.ts';
import { ArticleList } from './articles/ArticleList.tsx';
import { articleTitle } from './articles/articleTitle.ts';
import { GhostOverlay } from './links/GhostOverlay.tsx';
import { LinksPanel } from './links/LinksPanel.tsx';
import { useLinkingKeys } from './links/useLinkingKeys.ts';
import { ReadingPane } from './reading/ReadingPane.tsx';
import { ReviewDesk } from './review/ReviewDesk.tsx';

interface OpenArticle {
  article: Article;
  annotations: Annotation[];
}

export function App({ client }: { client: Client }) {
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [open, setOpen] = useState<OpenArticle | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<'read' | 'review'>('read');
  const [revision, setRevision] = useState(0);
  const changed = useCallback(() => setRevision((r) => r + 1), []);
  const linking = useLinkingKeys(client, open?.article.id ?? null, open?.annotations ?? [], changed, setError, view === 'read');
  const openAt = useCallback(
    (articleId: number, offset: number, annotationId: number | null) => {
      setView('read');
      setSelectedId(articleId);
      linking.goTo(articleId, offset, annotationId);
    },
    [linking.goTo],
  );

  useEffect(() => {
    client.call('articles.list', {}).then(setArticles, (e: Error) => setError(e.message));
  }, [client]);

  useEffect(() => {
    if (selectedId === null) return;
    let current = true;
    Promise.all([client.call('articles.get', { id: selectedId }), client.call('annotations.list', { articleId: selectedId })]).then(
      ([article, annotations]) => current && setOpen({ article, annotations }),
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
  }, [client, selectedId, revision]);

  return (
    <div className="app">
      <header className="topbar">
        <h1>Crosscheck</h1>
        <span className="corpus-size">{articles ? `${articles.length} articles` : 'Loading…'}</span>
        <span role="tablist" aria-label="View" className="view-switch">
          <button type="button" role="tab" aria-selected={view === 'read'} onClick={() => setView('read')}>
            Read
          </button>
          <button type="button" role="tab" aria-selected={view === 'review'} onClick={() => setView('review')}>
            Review
          </button>
        </span>
        <ul className="legend" aria-label="Tag colours">
          {TAGS.map((tag) => (
            <li key={tag} className={`hl hl-${tag}`}>
              {tag}
            </li>
          ))}
        </ul>
      </header>
      {error && (
        <div role="alert" className="error-banner">
          {error}
          <button type="button" onClick={() => setError(null)} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
      {view === 'review' && articles && <ReviewDesk client={client} articles={articles} onOpen={openAt} onError={setError} />}
      <nav className="sidebar" aria-label="Articles" hidden={view === 'review'}>
        {articles && <ArticleList articles={articles} selectedId={selectedId} onSelect={setSelectedId} />}
      </nav>
      <main className="reading" hidden={view === 'review'}>
        {open ? (
          <article aria-labelledby="article-heading">
            <header className="article-header">
              <p className="article-meta">
                <span>{open.article.outlet ?? 'Unknown outlet'}</span>
                <span>{open.article.published ?? 'undated'}</span>
                <span>{open.annotations.length} annotations</span>
              </p>
              <h2 id="article-heading" className={articleTitle(open.article).known ? undefined : 'unknown'}>
                {articleTitle(open.article).text}
              </h2>
            </header>
            <LinksPanel
              client={client}
              articleLabel={(id) => {
                const article = articles?.find((a) => a.id === id);
                return article ? (article.outlet ?? articleTitle(article).text) : `article ${id}`;
              }}
              annotations={open.annotations}
              selectedId={linking.selectedId}
              onSelect={linking.select}
              pinned={linking.pinned}
              linkType={linking.linkType}
              onLinkType={linking.setLinkType}
              onFollow={openAt}
              revision={revision}
              onChanged={changed}
              onError={setError}
            />
            <ReadingPane article={open.article} annotations={open.annotations} />
            <GhostOverlay client={client} articleId={open.article.id} text={open.article.text} source={linking.ghostSource} revision={revision} onChanged={changed} onError={setError} />
          </article>
        ) : (
          <p className="empty">Select an article to read it.</p>
        )}
      </main>
    </div>
  );
}
