import { useEffect, useMemo, useState } from 'react';
import { LINK_STATUSES } from '../../main/contract/vocabulary.ts';
import type { ClaimGroup, LinkStatus } from '../../main/contract/contract.ts';
import { useArticleNames } from '../articles/useArticleNames.ts';
import { useMutate, useQuery } from '../data/DataProvider.tsx';
import { useKeyScope } from '../keys/KeyRouter.tsx';
import type { Scope } from '../keys/keyTable.ts';
import { useWorkspace } from '../workspace/WorkspaceProvider.tsx';
import { ClaimGroupTable } from './ClaimGroupTable.tsx';
import { ClaimMatrixChart } from './ClaimMatrixChart.tsx';
import { LinkGraph } from './LinkGraph.tsx';
import { SpeakerRegistry } from './SpeakerRegistry.tsx';
import { AgreementView } from '../team/AgreementView.tsx';
import { AdjudicationView } from '../team/AdjudicationView.tsx';
import { TimelineTab } from '../provenance/TimelineTab.tsx';
import { SuggestionQueue } from './SuggestionQueue.tsx';
import { useLookAgainWhileMatching } from './useLookAgainWhileMatching.ts';
import './review.css';

const TABS = [
  ['Claim groups', 'review.groups'],
  ['Suggestions', 'review.suggestions'],
  ['Links', 'review.links'],
  ['Speakers', 'review.speakers'],
  ['Matrix', 'review.matrix'],
  ['Graph', 'review.graph'],
  ['Agreement', 'review.agreement'],
  ['Timeline', 'review.timeline'],
  ['Adjudication', 'review.adjudication'],
] as const satisfies ReadonlyArray<readonly [string, Scope]>;
type Tab = (typeof TABS)[number][0];

/** The review desk: claim groups with their drift, the suggestion queue, every link by status, speakers, and the two pictures. Each tab loads on its own. */
export function ReviewDesk() {
  const [tab, setTab] = useState<Tab>('Claim groups');
  // The first page of claim groups, which the tab asks for too (one cached request): its total is the count.
  const groupCount = useQuery('review.groupsPage', { offset: 0, limit: GROUP_PAGE }).data?.total;
  return (
    <section className="review-desk" aria-label="Review desk">
      <div role="tablist" aria-label="Review" className="desk-tabs">
        {TABS.map(([t]) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} aria-controls="desk-panel" onClick={() => setTab(t)}>
            {t}
            {t === 'Claim groups' && groupCount !== undefined ? ` (${groupCount})` : ''}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="desk-panel" aria-label={tab}>
        {tab === 'Claim groups' && <ClaimGroups />}
        {tab === 'Suggestions' && <SuggestionQueue />}
        {tab === 'Links' && <LinkReview />}
        {tab === 'Speakers' && <SpeakerRegistry />}
        {tab === 'Matrix' && <MatrixTab />}
        {tab === 'Graph' && <GraphTab />}
        {tab === 'Agreement' && <AgreementView />}
        {tab === 'Timeline' && <TimelineTab />}
        {tab === 'Adjudication' && <AdjudicationView />}
      </div>
    </section>
  );
}

const Loading = () => <p className="muted">Loading…</p>;

/** Claim groups drawn at a time: each is a table of diffed variants, and laying them out is the server's slow part. */
const GROUP_PAGE = 25;

function ClaimGroups() {
  const [offset, setOffset] = useState(0);
  const page = useQuery('review.groupsPage', { offset, limit: GROUP_PAGE }).data;
  const groups = page?.groups;
  const { openAt } = useWorkspace();
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  useKeyScope('review.groups', {});
  if (!page || !groups) return <Loading />;
  const shown = groups.filter((g: ClaimGroup) => !flaggedOnly || g.flagged);
  if (page.total === 0) return <p className="muted">No claim groups yet. Link reports of one claim as same-claim or paraphrase, or accept suggestions.</p>;
  return (
    <>
      <label className="filter">
        <input type="checkbox" checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)} /> only groups whose meaning drifted (on this page)
      </label>
      {page.total > GROUP_PAGE && (
        <p className="hint">
          groups {offset + 1}–{Math.min(page.total, offset + GROUP_PAGE)} of {page.total}{' '}
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - GROUP_PAGE))}>
            Previous
          </button>{' '}
          <button type="button" disabled={offset + GROUP_PAGE >= page.total} onClick={() => setOffset(offset + GROUP_PAGE)}>
            Next
          </button>
        </p>
      )}
      {shown.map((group) => (
        <ClaimGroupTable key={group.id} group={group} onOpen={openAt} />
      ))}
    </>
  );
}

/** Moves through a list with j/k or the arrows; the current item stays in range as the list changes. */
function useCurrent(count: number) {
  const [current, setCurrent] = useState(0);
  const at = Math.min(current, Math.max(0, count - 1));
  return { current: at, setCurrent, next: () => setCurrent(Math.min(count - 1, at + 1)), previous: () => setCurrent(Math.max(0, at - 1)) };
}

/** Links shown at a time: a table of tens of thousands of rows would take seconds to draw. */
const LINK_PAGE = 200;

/** Every link with its status, reviewer and time; filter by status; j/k to move, c to confirm, x to reject, Enter to open. */
function LinkReview() {
  const { openAt } = useWorkspace();
  const mutate = useMutate();
  const [status, setStatus] = useState<LinkStatus | 'all'>('all');
  const [offset, setOffset] = useState(0);
  const page = useQuery('links.page', { ...(status === 'all' ? {} : { status }), offset, limit: LINK_PAGE }).data;
  const links = page?.links;
  const byId = useMemo(() => new Map((page?.ends ?? []).map((a) => [a.id, a])), [page]);
  const shown = useMemo(() => links ?? [], [links]);
  const outlet = useArticleNames(useMemo(() => shown.flatMap((l) => [l.fromId, l.toId].flatMap((id) => byId.get(id)?.articleId ?? [])), [shown, byId]));
  const { current, setCurrent, next, previous } = useCurrent(shown.length);
  const link = shown[current];
  const review = (next: 'confirmed' | 'rejected') => () => (link ? void mutate('links.review', { id: link.id, status: next }) : false);
  useKeyScope('review.links', {
    next,
    previous,
    confirm: review('confirmed'),
    reject: review('rejected'),
    open: () => {
      const from = link && byId.get(link.fromId);
      return from ? openAt(from.articleId, from.id, from.start) : false;
    },
  });
  if (!page) return <Loading />;
  const end = (id: number) => {
    const a = byId.get(id);
    return a ? `${outlet(a.articleId)}: “${a.quote}”` : `annotation ${id}`;
  };
  return (
    <>
      <p className="hint">
        <label>
          Status{' '}
          <select
            value={status}
            onChange={(e) => (setStatus(e.target.value as LinkStatus | 'all'), setCurrent(0), setOffset(0))}
            aria-label="Filter links by status"
          >
            <option value="all">all</option>
            {LINK_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>{' '}
        <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>c</kbd> confirm, <kbd>x</kbd> reject, <kbd>Enter</kbd> open.{' '}
        {page.total > LINK_PAGE && (
          <>
            links {offset + 1}–{Math.min(page.total, offset + LINK_PAGE)} of {page.total}{' '}
            <button type="button" disabled={offset === 0} onClick={() => (setOffset(Math.max(0, offset - LINK_PAGE)), setCurrent(0))}>
              Previous
            </button>{' '}
            <button type="button" disabled={offset + LINK_PAGE >= page.total} onClick={() => (setOffset(offset + LINK_PAGE), setCurrent(0))}>
              Next
            </button>
          </>
        )}
      </p>
      {shown.length === 0 ? (
        <p className="muted">No links{status === 'all' ? '' : ` with status ${status}`} yet: link two annotations in the Read view with p and L.</p>
      ) : (
        <table className="link-table" aria-label="Links">
          <thead>
            <tr>
              <th scope="col">from</th>
              <th scope="col">type</th>
              <th scope="col">to</th>
              <th scope="col">status</th>
              <th scope="col">by</th>
              <th scope="col">reviewed</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((l, i) => (
              <tr key={l.id} aria-current={i === current ? 'true' : undefined} className={`status-${l.status}`} onClick={() => setCurrent(i)}>
                <td>{end(l.fromId)}</td>
                <td>{l.type}</td>
                <td>{end(l.toId)}</td>
                <td>{l.status}</td>
                <td>{l.reviewer ?? '—'}</td>
                <td className="nowrap">{l.reviewedAt ? l.reviewedAt.slice(0, 16).replace('T', ' ') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/**
 * Rows of the matrix drawn at a time. Each row's origins come from its
 * claim's timeline, ~5–20 ms a group on the server (bench:scale, 1,000
 * articles, a loaded machine): 100 rows took 1.4 s, 25 keep the tab within
 * half a second.
 */
const MATRIX_PAGE = 25;
const MATRIX_READS = ['suggestions.page', 'review.matrix'] as const;

/** The matrix a page of claim groups at a time, with a search over the groups' words. */
function MatrixTab() {
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [offset, setOffset] = useState(0);
  // Only a changed search goes back to the first page: the tab's first render must not undo a quick Next.
  useEffect(() => {
    const next = typed.trim();
    if (next === query) return;
    const timer = setTimeout(() => (setQuery(next), setOffset(0)), 200);
    return () => clearTimeout(timer);
  }, [typed, query]);
  const matrix = useQuery('review.matrix', { ...(query ? { query } : {}), offset, limit: MATRIX_PAGE }).data;
  // Pending suggestions come from the store, which the matcher fills in the background: look again until it has.
  const matching = useQuery('suggestions.page', { limit: 1, after: null }).data;
  useLookAgainWhileMatching((matching?.pending ?? 0) + (matching?.refreshing ?? 0), MATRIX_READS);
  useKeyScope('review.matrix', {});
  const total = matrix?.totalGroups ?? 0;
  return (
    <>
      <p className="hint matrix-controls">
        <input type="search" aria-label="Search the claim groups" placeholder="Search the claims" value={typed} onChange={(e) => setTyped(e.target.value)} />{' '}
        {matrix && total > 0 && (
          <>
            groups {offset + 1}–{Math.min(total, offset + MATRIX_PAGE)} of {total}{' '}
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - MATRIX_PAGE))}>
              Previous
            </button>{' '}
            <button type="button" disabled={offset + MATRIX_PAGE >= total} onClick={() => setOffset(offset + MATRIX_PAGE)}>
              Next
            </button>
          </>
        )}
      </p>
      {!matrix ? <Loading /> : query && total === 0 ? <p className="muted">No claim group matches “{query}”.</p> : <ClaimMatrixChart matrix={matrix} />}
    </>
  );
}

/** Columns (articles) the graph draws at most: past a few dozen it is wider than any screen and slow to lay out. */
const GRAPH_ARTICLES = 60;

function GraphTab() {
  // The server summarises the graph to its first linked articles: the tab never asks for every link and annotation.
  const graph = useQuery('review.graph', { limit: GRAPH_ARTICLES }).data;
  useKeyScope('review.graph', {});
  if (!graph) return <Loading />;
  return (
    <>
      {graph.linkedArticles > graph.articles.length && (
        <p className="hint">
          The graph shows the links among the first {graph.articles.length} of the {graph.linkedArticles} linked articles; the Links tab lists them all.
        </p>
      )}
      <LinkGraph articles={graph.articles} annotations={graph.annotations} links={graph.links} />
    </>
  );
}
