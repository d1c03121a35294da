import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { TAGS, type Annotation, type ArticleSummary, type Tag } from '../main/api/contract.ts';
import type { Client } from './api/client.ts';
import { AnnotationPanel } from './annotations/AnnotationPanel.tsx';
import { HighlightPicker } from './annotations/HighlightPicker.tsx';
import { actionFor, type KeyAction } from './annotations/keyMap.ts';
import { KeyMapHelp } from './annotations/KeyMapHelp.tsx';
import { resizeSpan, snapToWords, trimSpan, type Span } from './annotations/spanBoundaries.ts';
import { TagToolbar } from './annotations/TagToolbar.tsx';
import { useWorkspace } from './annotations/useWorkspace.ts';
import { ArticleList } from './articles/ArticleList.tsx';
import { articleTitle } from './articles/articleTitle.ts';
import { GhostOverlay } from './links/GhostOverlay.tsx';
import { LinksPanel } from './links/LinksPanel.tsx';
import { useLinkingKeys } from './links/useLinkingKeys.ts';
import { toParagraphs, type ParagraphElement } from './reading/articleDocument.ts';
import { indexByParagraph, type MarkKey, type ParagraphHighlights } from './reading/decorations.ts';
import { ReadingPane, type ReadingPaneHandle, type TextSelection } from './reading/ReadingPane.tsx';
import { useAnnotationIndex } from './reading/useAnnotationIndex.ts';
import { ReviewDesk } from './review/ReviewDesk.tsx';
import { SearchBox } from './search/SearchBox.tsx';
import { ExportDialog } from './export/ExportDialog.tsx';
import { ImportDialog } from './import/ImportDialog.tsx';
import { MetadataEditor } from './metadata/MetadataEditor.tsx';
import { OrphansQueue } from './orphans/OrphansQueue.tsx';
import { VersionNotice } from './versions/VersionNotice.tsx';

const FLASH_MS = 1200;
const NO_HIGHLIGHTS: ParagraphHighlights = new Map();

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.matches('textarea, select, input:not([type=checkbox], [type=radio], [type=button])') || target.isContentEditable);

export function App({ client }: { client: Client }) {
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const workspace = useWorkspace(client, setError);
  const { open, selectedId, setSelectedId, focus, focusSpan } = workspace;
  const [textSelection, setTextSelection] = useState<TextSelection | null>(null);
  const [picker, setPicker] = useState<{ ids: number[]; rect: DOMRect } | null>(null);
  const [flash, setFlash] = useState<Span | null>(null);
  const [snap, setSnap] = useState(true);
  const [help, setHelp] = useState(false);
  const [noteRequest, setNoteRequest] = useState(0);
  const paneRef = useRef<ReadingPaneHandle>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [view, setView] = useState<'read' | 'review'>('read');
  const [revision, setRevision] = useState(0);
  const { reload } = workspace;
  const changed = useCallback(() => {
    setRevision((r) => r + 1);
    reload();
  }, [reload]);
  const [dialog, setDialog] = useState<'import' | 'export' | 'orphans' | 'details' | null>(null);

  const loadArticles = useCallback(() => {
    client.call('articles.list', {}).then(setArticles, (e: Error) => setError(e.message));
  }, [client]);
  useEffect(loadArticles, [loadArticles]);

  const paragraphs = useMemo(() => (open ? toParagraphs(open.article.text) : []), [open?.article]);
  const annotationIndex = useAnnotationIndex(paragraphs, open?.annotations);
  const selected = open?.annotations.find((a) => a.id === selectedId) ?? null;
  const { pending } = workspace;
  const selectedIndex = useOneSpanSource(paragraphs, 'hl_s_0', selected && 'selected', selected);
  const flashIndex = useOneSpanSource(paragraphs, 'hl_f_0', flash && 'flash', flash);
  const pendingIndex = useOneSpanSource(paragraphs, 'hl_p_0', pending && `pending-${pending.tag}`, pending?.span ?? null);
  const sources = useMemo(() => [annotationIndex, pendingIndex, selectedIndex, flashIndex], [annotationIndex, pendingIndex, selectedIndex, flashIndex]);

  // A focus request is carried out once its article is on screen.
  useEffect(() => {
    if (!focus || open?.article.id !== focus.articleId) return;
    paneRef.current?.scrollToSpan(focus.span);
    setFlash(focus.span);
    const timer = setTimeout(() => setFlash(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [focus, open?.article.id]);

  const selectAnnotation = useCallback(
    (annotation: Annotation) => {
      setSelectedId(annotation.id);
      setPicker(null);
      focusSpan(annotation.articleId, annotation);
    },
    [setSelectedId, focusSpan],
  );

  const clearTextSelection = () => {
    paneRef.current?.clearSelection();
    setTextSelection(null);
  };

  const tag = (tagName: Tag) => {
    if (!open) return;
    if (textSelection) {
      const text = open.article.text;
      const span = trimSpan(text, snap ? snapToWords(text, textSelection.span) : textSelection.span);
      clearTextSelection();
      if (span) void workspace.create(span, tagName);
    } else if (selected && selected.tag !== tagName) void workspace.update({ id: selected.id, tag: tagName });
  };

  const perform = (action: KeyAction): boolean => {
    const list = open?.annotations ?? [];
    switch (action.kind) {
      case 'tag':
        if (!textSelection && !selected) return false;
        tag(action.tag);
        return true;
      case 'undo':
      case 'redo':
        void workspace.replay(action.kind);
        return true;
      case 'toggleSnap':
        setSnap((on) => !on);
        return true;
      case 'help':
        setHelp(true);
        return true;
      case 'search':
        searchRef.current?.focus();
        return true;
      case 'escape':
        setHelp(false);
        setPicker(null);
        clearTextSelection();
        return true;
      case 'step': {
        const index = list.findIndex((a) => a.id === selectedId);
        const next = list[index < 0 ? (action.by > 0 ? 0 : list.length - 1) : index + action.by];
        if (next) selectAnnotation(next);
        return true;
      }
      case 'resize': {
        if (!selected || !open) return false;
        const span = resizeSpan(open.article.text, selected, action.edge, action.resize);
        if (span) void workspace.update({ id: selected.id, ...span });
        return true;
      }
      case 'delete':
        if (!selected) return false;
        void workspace.remove(selected.id);
        return true;
      case 'editNote':
        if (!selected) return false;
        setNoteRequest((n) => n + 1);
        return true;
    }
  };

  const onKeyDown = useLatest((event: KeyboardEvent) => {
    if (isTyping(event.target) && event.key !== 'Escape') return;
    const action = actionFor(event);
    if (action && perform(action)) event.preventDefault();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [onKeyDown]);

  const clickHighlight = useLatest((ids: number[], rect: DOMRect) => {
    const annotations = ids.flatMap((id) => open?.annotations.find((a) => a.id === id) ?? []);
    if (annotations.length === 1) selectAnnotation(annotations[0]!);
    else setPicker({ ids, rect });
  });
  // Stable, so that the reading pane does not re-render when only the annotation list changed.
  const onClickHighlight = useCallback((ids: number[], rect: DOMRect) => clickHighlight.current(ids, rect), [clickHighlight]);

  const openArticle = (id: number) => {
    workspace.openArticle(id);
    setTextSelection(null);
    setPicker(null);
  };

  const linking = useLinkingKeys(client, selected, changed, setError, view === 'read');
  const { openAt: workspaceOpenAt } = workspace;
  const openAt = useCallback(
    (articleId: number, offset: number, annotationId: number | null) => {
      setView('read');
      setTextSelection(null);
      setPicker(null);
      workspaceOpenAt(articleId, annotationId, offset);
    },
    [workspaceOpenAt],
  );

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
        <SearchBox client={client} inputRef={searchRef} onJump={(articleId, span) => (openArticle(articleId), focusSpan(articleId, span))} />
        <div className="history-buttons">
          <button type="button" disabled={!workspace.history.undo} onClick={() => void workspace.replay('undo')} title={stepTitle('Undo', workspace.history.undo)}>
            Undo
          </button>
          <button type="button" disabled={!workspace.history.redo} onClick={() => void workspace.replay('redo')} title={stepTitle('Redo', workspace.history.redo)}>
            Redo
          </button>
        </div>
        <label className="snap-toggle" title="w">
          <input type="checkbox" checked={snap} onChange={() => setSnap(!snap)} /> Snap to words
        </label>
        <span className="topbar-actions">
          <button type="button" onClick={() => setDialog('import')}>Import…</button>
          <button type="button" onClick={() => setDialog('export')}>Export…</button>
          <button type="button" onClick={() => setDialog('orphans')}>Orphans</button>
        </span>
        <ul className="legend" aria-label="Tag colours">
          {TAGS.map((tagName) => (
            <li key={tagName} className={`hl hl-${tagName}`}>
              {tagName}
            </li>
          ))}
        </ul>
        <button type="button" className="help-button" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts" title="?">
          ?
        </button>
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
        {articles && <ArticleList articles={articles} selectedId={workspace.articleId} onSelect={openArticle} />}
      </nav>
      <main className="reading" hidden={view === 'review'}>
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
              <VersionNotice client={client} articleId={open.article.id} onOpen={openArticle} />
            </header>
            <ReadingPane ref={paneRef} article={open.article} paragraphs={paragraphs} sources={sources} onSelectText={setTextSelection} onClickHighlight={onClickHighlight} />
            <GhostOverlay client={client} articleId={open.article.id} text={open.article.text} source={linking.ghostSource} revision={revision} onChanged={changed} onError={setError} />
          </article>
        ) : (
          <p className="empty">Select an article to read it.</p>
        )}
      </main>
      {open && view === 'read' && (
        <div className="right-column">
          <AnnotationPanel
            annotations={open.annotations}
            selectedId={selectedId}
            noteRequest={noteRequest}
            onSelect={(id) => selectAnnotation(open.annotations.find((a) => a.id === id)!)}
            onUpdate={(patch) => void workspace.update(patch)}
            onDelete={(id) => void workspace.remove(id)}
          />
          <LinksPanel
            client={client}
            articleLabel={(id) => {
              const article = articles?.find((a) => a.id === id);
              return article ? (article.outlet ?? articleTitle(article).text) : `article ${id}`;
            }}
            annotations={open.annotations}
            selectedId={selectedId}
            pinned={linking.pinned}
            linkType={linking.linkType}
            onLinkType={linking.setLinkType}
            onFollow={openAt}
            revision={revision}
            onChanged={changed}
            onError={setError}
          />
        </div>
      )}
      {textSelection && <TagToolbar rect={textSelection.rect} onTag={tag} />}
      {picker && open && (
        <HighlightPicker
          annotations={picker.ids.flatMap((id) => open.annotations.find((a) => a.id === id) ?? [])}
          rect={picker.rect}
          onPick={(id) => selectAnnotation(open.annotations.find((a) => a.id === id)!)}
          onClose={() => setPicker(null)}
        />
      )}
      {help && <KeyMapHelp onClose={() => setHelp(false)} />}
      {dialog === 'import' && <ImportDialog client={client} onImported={loadArticles} onClose={() => setDialog(null)} />}
      {dialog === 'export' && (
        <ExportDialog outlets={[...new Set((articles ?? []).flatMap((a) => (a.outlet ? [a.outlet] : [])))].sort()} onClose={() => setDialog(null)} />
      )}
      {dialog === 'orphans' && (
        <OrphansQueue
          client={client}
          onChanged={() => {
            loadArticles();
            changed();
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'details' && open && (
        <MetadataEditor
          client={client}
          article={open.article}
          onSaved={() => {
            reload();
            loadArticles();
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}

function stepTitle(verb: string, step: { action: string; quote: string } | null): string {
  return step ? `${verb} ${step.action} of “${step.quote.slice(0, 40)}” (Ctrl/Cmd+${verb === 'Undo' ? '' : 'Shift+'}Z)` : `Nothing to ${verb.toLowerCase()}`;
}

/** A highlight source of at most one span: the selected annotation, a flashed match, a span being stored. */
function useOneSpanSource(paragraphs: ParagraphElement[], mark: MarkKey, value: string | null, span: Span | null): ParagraphHighlights {
  const start = span?.start;
  const end = span?.end;
  return useMemo(
    () => (value && start !== undefined && end !== undefined ? indexByParagraph(paragraphs, [{ mark, value, start, end }]) : NO_HIGHLIGHTS),
    [paragraphs, mark, value, start, end],
  );
}

/** A ref that always holds the latest function, for listeners registered once. */
function useLatest<T>(value: T) {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
