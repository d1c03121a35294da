import { TAGS } from '../../main/contract/vocabulary.ts';
import { ARTICLE_PAGE_SIZE } from '../articles/ArticleList.tsx';
import { useQuery } from '../data/DataProvider.tsx';
import { useKeyRouter, useKeyScope } from '../keys/KeyRouter.tsx';
import type { Scope } from '../keys/keyTable.ts';
import { SearchBox } from '../search/SearchBox.tsx';
import { SyncStatusBar } from '../team/SyncStatusBar.tsx';
import { useWorkspace } from '../workspace/WorkspaceProvider.tsx';
import { useRef } from 'react';

function stepTitle(verb: string, step: { action: string; quote: string } | null): string {
  return step
    ? `${verb} ${step.action} of “${step.quote.slice(0, 40)}” (${verb === 'Undo' ? 'Ctrl/Cmd+Z' : 'Ctrl/Cmd+Shift+Z or Ctrl/Cmd+Y'})`
    : `Nothing to ${verb.toLowerCase()}`;
}

/** What the key map shows: the scopes receiving keys now, and in the Read view the keys of the article text too. */
function withText(scopes: Scope[]): Scope[] {
  return scopes.includes('read') ? [...scopes, 'text'] : scopes;
}

/** The bar over every view: the view switch, search, undo and redo, the dialogs, the tag legend and the key map. */
export function TopBar() {
  const workspace = useWorkspace();
  const { view, setView, history, snap, setSnap, setDialog, setHelp, dialog, help } = workspace;
  // The unfiltered list's first page, which the article list asks for too (one request, cached): its total is the corpus size.
  const corpusSize = useQuery('articles.page', { offset: 0, limit: ARTICLE_PAGE_SIZE }).data?.total;
  const router = useKeyRouter();
  const searchRef = useRef<HTMLInputElement>(null);
  const openHelp = () => setHelp(withText(router.activeScopes()));

  useKeyScope(
    'global',
    {
      undo: () => void workspace.replay('undo'),
      redo: () => void workspace.replay('redo'),
      search: () => searchRef.current?.focus(),
      help: openHelp,
    },
    dialog === null && help === null,
  );

  return (
    <header className="topbar">
      <h1>Crosscheck</h1>
      <span className="corpus-size">{corpusSize === undefined ? 'Loading…' : `${corpusSize} articles`}</span>
      <span role="tablist" aria-label="View" className="view-switch">
        <button type="button" role="tab" aria-selected={view === 'read'} onClick={() => setView('read')}>
          Read
        </button>
        <button type="button" role="tab" aria-selected={view === 'review'} onClick={() => setView('review')}>
          Review
        </button>
      </span>
      <SearchBox inputRef={searchRef} onJump={(articleId, span) => workspace.openAt(articleId, null, span.start, span)} />
      <div className="history-buttons">
        <button type="button" disabled={!history.undo} onClick={() => void workspace.replay('undo')} title={stepTitle('Undo', history.undo)}>
          Undo
        </button>
        <button type="button" disabled={!history.redo} onClick={() => void workspace.replay('redo')} title={stepTitle('Redo', history.redo)}>
          Redo
        </button>
      </div>
      <label className="snap-toggle" title="w">
        <input type="checkbox" checked={snap} onChange={() => setSnap(!snap)} /> Snap to words
      </label>
      <span className="topbar-actions">
        <button type="button" onClick={() => setDialog('import')}>
          Import…
        </button>
        <button type="button" onClick={() => setDialog('export')}>
          Export…
        </button>
        <button type="button" onClick={() => setDialog('orphans')}>
          Orphans
        </button>
        <button type="button" onClick={() => setDialog('settings')}>
          Settings…
        </button>
      </span>
      <SyncStatusBar />
      <ul className="legend" aria-label="Tag colours">
        {TAGS.map((tagName) => (
          <li key={tagName} className={`hl hl-${tagName}`}>
            {tagName}
          </li>
        ))}
        <li className="mark-ghost">suggested</li>
      </ul>
      <button type="button" className="help-button" onClick={openHelp} aria-label="Keyboard shortcuts" title="?">
        ?
      </button>
    </header>
  );
}
