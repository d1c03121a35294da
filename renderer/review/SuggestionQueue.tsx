import { useEffect, useMemo, useState } from 'react';
import { useArticleNames } from '../articles/useArticleNames.ts';
import { useMutate, useQuery } from '../data/DataProvider.tsx';
import { RefreshJobLine } from './RefreshJobLine.tsx';
import { useLookAgainWhileMatching } from './useLookAgainWhileMatching.ts';
import type { SuggestionCursor } from '../../main/contract/contract.ts';
import { useKeyScope } from '../keys/KeyRouter.tsx';
import { acceptInput, rejectInput } from '../links/suggestionActions.ts';
import { SuggestionCard } from '../links/SuggestionCard.tsx';
import { arrangeQueue } from '../links/suggestionQueue.ts';
import { useWorkspace } from '../workspace/WorkspaceProvider.tsx';

/** Choices of the score filter: a floor the analyst picks for the corpus at hand, none by default. */
const SCORE_FLOORS = [0, 0.5, 0.6, 0.7, 0.8, 0.9] as const;
const NO_ORDER: string[] = [];
/** Suggestions read at a time: the queue is read from the store a page at a time, never whole. */
const SUGGESTION_PAGE = 50;
const QUEUE_READS = ['suggestions.page'] as const;

/**
 * Every annotation's suggestions, grouped under the claim they were found for,
 * in an order that holds while the analyst works through it: j/k to move,
 * a to accept, r to reject, Enter to open; a score floor hides the weak ones.
 */
export function SuggestionQueue() {
  // The start of each page walked so far: Next pushes, Previous pops; a page's start stays put while rows come and go.
  const [starts, setStarts] = useState<Array<SuggestionCursor | null>>([null]);
  const page = useQuery('suggestions.page', { limit: SUGGESTION_PAGE, after: starts.at(-1) ?? null }).data;
  const queue = page?.items;
  const waiting = (page?.pending ?? 0) + (page?.refreshing ?? 0);
  useLookAgainWhileMatching(waiting + (page?.indexing ? 1 : 0), QUEUE_READS);
  // The page names the annotations its suggestions were found for: the queue never asks for every annotation.
  const annotations = page?.sources;
  const { openAt, linkType } = useWorkspace();
  const mutate = useMutate();
  const [minScore, setMinScore] = useState(0);
  const [order, setOrder] = useState<string[]>(NO_ORDER);
  const arranged = useMemo(() => (queue ? arrangeQueue(order, queue, minScore) : undefined), [order, queue, minScore]);
  // The order seen is the order kept: the next read of the queue is laid out against it.
  useEffect(() => {
    if (arranged && (arranged.order.length !== order.length || arranged.order.some((key, i) => key !== order[i]))) setOrder(arranged.order);
  }, [arranged, order]);
  const flat = useMemo(() => (arranged?.groups ?? []).flatMap((g) => g.suggestions), [arranged]);
  const byId = useMemo(() => new Map((annotations ?? []).map((a) => [a.id, a])), [annotations]);
  const label = useArticleNames(useMemo(() => [...flat.map((s) => s.articleId), ...flat.flatMap((s) => byId.get(s.sourceId)?.articleId ?? [])], [flat, byId]));
  const [cursor, setCursor] = useState(0);
  const current = Math.min(cursor, Math.max(0, flat.length - 1));
  const at = flat[current];
  useKeyScope('review.suggestions', {
    next: () => setCursor(Math.min(flat.length - 1, current + 1)),
    previous: () => setCursor(Math.max(0, current - 1)),
    accept: () => (at ? void mutate('suggestions.accept', acceptInput(at, linkType)) : false),
    reject: () => (at ? void mutate('suggestions.reject', rejectInput(at)) : false),
    open: () => (at ? openAt(at.articleId, at.existingAnnotationId, at.start) : false),
  });
  if (!page || !arranged) return <p className="muted">Finding claims elsewhere…</p>;
  const matching = page.indexing ? (
    <p className="muted" role="status">
      <progress max={Math.max(1, page.indexing.articles)} value={page.indexing.indexed} aria-label="Word index rebuild progress" /> The matcher was updated:
      rebuilding its word index, {page.indexing.indexed.toLocaleString('en')} of {page.indexing.articles.toLocaleString('en')} articles. Suggestions are found
      again when it is done.
    </p>
  ) : page.pending > 0 ? (
    <p className="muted" role="status">
      Finding claims elsewhere for {page.pending} annotation{page.pending === 1 ? '' : 's'}…
    </p>
  ) : page.refreshing > 0 ? (
    <p className="muted" role="status">
      Looking through newly imported articles for {page.refreshing} annotation{page.refreshing === 1 ? '' : 's'}…
    </p>
  ) : null;
  const refreshLine = <RefreshJobLine waiting={waiting} />;
  if (arranged.total === 0 && starts.length === 1)
    return (
      <>
        {refreshLine}
        {matching ?? <p className="muted">No suggestions waiting. Tag a claim in the Read view and its reports elsewhere appear here.</p>}
      </>
    );
  const pager = (starts.length > 1 || page.next) && (
    <p className="hint">
      <button type="button" disabled={starts.length === 1} onClick={() => (setStarts(starts.slice(0, -1)), setCursor(0))}>
        Previous {SUGGESTION_PAGE}
      </button>
      <button type="button" disabled={!page.next} onClick={() => page.next && (setStarts([...starts, page.next]), setCursor(0))}>
        Next {SUGGESTION_PAGE}
      </button>
    </p>
  );
  let index = 0;
  return (
    <>
      {refreshLine}
      {matching}
      <p className="hint queue-controls">
        <label>
          Score at least{' '}
          <select aria-label="Minimum score" value={minScore} onChange={(e) => setMinScore(Number(e.target.value))}>
            {SCORE_FLOORS.map((floor) => (
              <option key={floor} value={floor}>
                {floor === 0 ? 'any' : `${Math.round(floor * 100)}%`}
              </option>
            ))}
          </select>
        </label>{' '}
        <span role="status">
          {arranged.shown} of {arranged.total} suggestions, for {arranged.groups.length} claim{arranged.groups.length === 1 ? '' : 's'}.
        </span>{' '}
        <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>a</kbd> accept, <kbd>r</kbd> reject, <kbd>Enter</kbd> open.
      </p>
      {arranged.shown === 0 && <p className="muted">No suggestion scores this high: lower the minimum score to see the rest.</p>}
      <ol className="queue-groups" aria-label="Suggestion queue">
        {arranged.groups.map((group) => {
          const source = byId.get(group.sourceId);
          const quote = source?.quote ?? `annotation ${group.sourceId}`;
          return (
            <li key={group.sourceId} className="queue-group" data-source-id={group.sourceId}>
              <h3 className="found-for">
                for “{quote.length > 90 ? `${quote.slice(0, 89)}…` : quote}”
                {source?.articleId !== undefined && <span className="suggestion-source"> {label(source.articleId)}</span>}{' '}
                <span className="match-count">{group.suggestions.length}</span>
              </h3>
              <ol className="suggestions queue" aria-label={`Suggestions for annotation ${group.sourceId}`}>
                {group.suggestions.map((s) => {
                  const mine = index++;
                  return (
                    <SuggestionCard
                      key={`${s.sourceId}:${s.articleId}:${s.start}:${s.end}`}
                      suggestion={s}
                      source={label(s.articleId)}
                      active={mine === current}
                      onOpen={() => openAt(s.articleId, s.existingAnnotationId, s.start)}
                      onAccept={() => (setCursor(mine), void mutate('suggestions.accept', acceptInput(s, linkType)))}
                      onReject={() => (setCursor(mine), void mutate('suggestions.reject', rejectInput(s)))}
                    />
                  );
                })}
              </ol>
            </li>
          );
        })}
      </ol>
      {pager}
    </>
  );
}
