import { useCallback, useEffect, useState } from 'react';
import { TAGS, type Annotation, type Article, type ArticleSummary } from '../main/api/contract.ts';
import type { Client } from './api/client.ts';
import { ArticleList } from './articles/ArticleList.tsx';
import { articleTitle } from './articles/articleTitle.ts';
import { ImportDialog } from './import/ImportDialog.tsx';
import { MetadataEditor } from './metadata/MetadataEditor.tsx';
import { OrphansQueue } from './orphans/OrphansQueue.tsx';
import { ReadingPane } from './reading/ReadingPane.tsx';
import { VersionNotice } from './versions/VersionNotice.tsx';

interface OpenArticle {
  article: Article;
  annotations: Annotation[];
}

export function App({ client }: { client: Client }) {
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [open, setOpen] = useState<OpenArticle | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'import' | 'orphans' | 'details' | null>(null);

  const loadArticles = useCallback(() => {
    client.call('articles.list', {}).then(setArticles, (e: Error) => setError(e.message));
  }, [client]);
  useEffect(loadArticles, [loadArticles]);

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
  }, [client, selectedId]);

  return (
    <div className="app">
      <header className="topbar">
        <h1>Crosscheck</h1>
        <span className="corpus-size">{articles ? `${articles.length} articles` : 'Loading…'}</span>
        <span className="topbar-actions">
          <button type="button" onClick={() => setDialog('import')}>Import…</button>
          <button type="button" onClick={() => setDialog('orphans')}>Orphans</button>
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
      <nav className="sidebar" aria-label="Articles">
        {articles && <ArticleList articles={articles} selectedId={selectedId} onSelect={setSelectedId} />}
      </nav>
      <main className="reading">
        {open ? (
          <article aria-labelledby="article-heading">
            <header className="article-header">
              <p className="article-meta">
                <span>{open.article.outlet ?? 'Unknown outlet'}</span>
                <span>{open.article.published ?? 'undated'}</span>
                <span>{open.annotations.length} annotations</span>
                <button type="button" onClick={() => setDialog('details')}>Edit details</button>
              </p>
              <h2 id="article-heading" className={articleTitle(open.article).known ? undefined : 'unknown'}>
                {articleTitle(open.article).text}
              </h2>
              <VersionNotice client={client} articleId={open.article.id} onOpen={setSelectedId} />
            </header>
            <ReadingPane article={open.article} annotations={open.annotations} />
          </article>
        ) : (
          <p className="empty">Select an article to read it.</p>
        )}
      </main>
      {dialog === 'import' && <ImportDialog client={client} onImported={loadArticles} onClose={() => setDialog(null)} />}
      {dialog === 'orphans' && <OrphansQueue client={client} onChanged={loadArticles} onClose={() => setDialog(null)} />}
      {dialog === 'details' && open && (
        <MetadataEditor
          client={client}
          article={open.article}
          onSaved={(saved) => {
            setOpen({ ...open, article: { ...open.article, ...saved } });
            loadArticles();
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}
