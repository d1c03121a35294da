import { useCallback, useEffect, useMemo, useState } from 'react';
import { LINK_STATUSES, type Annotation, type ArticleSummary, type ClaimGroup, type ClaimMatrix, type Link, type LinkStatus, type Suggestion } from '../../main/api/contract.ts';
import type { Client } from '../api/client.ts';
import { acceptSuggestion, rejectSuggestion } from '../links/suggestionActions.ts';
import { SuggestionCard } from '../links/SuggestionCard.tsx';
import { ClaimGroupTable } from './ClaimGroupTable.tsx';
import { ClaimMatrixChart } from './ClaimMatrixChart.tsx';
import { LinkGraph } from './LinkGraph.tsx';
import { SpeakerRegistry } from './SpeakerRegistry.tsx';
import { useListKeys } from './useListKeys.ts';
import './review.css';

const TABS = ['Claim groups', 'Suggestions', 'Links', 'Speakers', 'Matrix', 'Graph'] as const;
type Tab = (typeof TABS)[number];

export interface ReviewDeskProps {
  client: Client;
  articles: readonly ArticleSummary[];
  onOpen(articleId: number, offset: number, annotationId: number | null): void;
  onError(message: string): void;
}

interface DeskData {
  groups: ClaimGroup[];
  matrix: ClaimMatrix;
  links: Link[];
  annotations: Annotation[];
}

/** The review desk: claim groups with their drift, the suggestion queue, every link by status, speakers, and the two pictures. */
export function ReviewDesk({ client, articles, onOpen, onError }: ReviewDeskProps) {
  const [tab, setTab] = useState<Tab>('Claim groups');
  const [data, setData] = useState<DeskData | null>(null);
  const [revision, setRevision] = useState(0);
  const changed = useCallback(() => setRevision((r) => r + 1), []);

  useEffect(() => {
    let current = true;
    Promise.all([client.call('review.groups', {}), client.call('review.matrix', {}), client.call('links.list', {}), client.call('annotations.list', {})]).then(
      ([groups, matrix, links, annotations]) => current && setData({ groups, matrix, links, annotations }),
      (e: Error) => current && onError(e.message),
    );
    return () => void (current = false);
  }, [client, revision, onError]);

  const outlet = useMemo(() => new Map(articles.map((a) => [a.id, a.outlet ?? a.title ?? a.fileName ?? `article ${a.id}`])), [articles]);

  return (
    <section className="review-desk" aria-label="Review desk">
      <div role="tablist" className="desk-tabs">
        {TABS.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
            {t}
            {t === 'Claim groups' && data ? ` (${data.groups.length})` : ''}
          </button>
        ))}
      </div>
      {!data ? (
        <p className="muted">Loading…</p>
      ) : (
        <div role="tabpanel" aria-label={tab}>
          {tab === 'Claim groups' && <ClaimGroups client={client} groups={data.groups} onOpen={onOpen} onChanged={changed} onError={onError} />}
          {tab === 'Suggestions' && <SuggestionQueue client={client} annotations={data.annotations} outlet={outlet} onOpen={onOpen} onChanged={changed} onError={onError} revision={revision} />}
          {tab === 'Links' && <LinkReview client={client} links={data.links} annotations={data.annotations} outlet={outlet} onChanged={changed} onError={onError} />}
          {tab === 'Speakers' && <SpeakerRegistry client={client} revision={revision} onChanged={changed} onError={onError} />}
          {tab === 'Matrix' && <ClaimMatrixChart matrix={data.matrix} onError={onError} />}
          {tab === 'Graph' && <LinkGraph articles={articles} annotations={data.annotations} links={data.links} onError={onError} />}
        </div>
      )}
    </section>
  );
}

interface ClaimGroupsProps {
  client: Client;
  groups: readonly ClaimGroup[];
  onOpen: ReviewDeskProps['onOpen'];
  onChanged(): void;
  onError(message: string): void;
}

function ClaimGroups({ groups, ...props }: ClaimGroupsProps) {
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const shown = groups.filter((g) => !flaggedOnly || g.flagged);
  if (groups.length === 0) return <p className="muted">No claim groups yet. Link reports of one claim as same-claim or paraphrase, or accept suggestions.</p>;
  return (
    <>
      <label className="filter">
        <input type="checkbox" checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)} /> only groups whose meaning drifted
      </label>
      {shown.map((group) => (
        <ClaimGroupTable key={group.id} group={group} {...props} />
      ))}
    </>
  );
}

interface QueueProps {
  client: Client;
  annotations: readonly Annotation[];
  outlet: ReadonlyMap<number, string>;
  onOpen: ReviewDeskProps['onOpen'];
  onChanged(): void;
  onError(message: string): void;
  revision: number;
}

/** Every annotation's suggestions, best first: j/k to move, a to accept, r to reject. */
function SuggestionQueue({ client, annotations, outlet, onOpen, onChanged, onError, revision }: QueueProps) {
  const [queue, setQueue] = useState<Suggestion[] | null>(null);
  const [current, setCurrent] = useState(0);
  useEffect(() => {
    client.call('suggestions.queue', { limit: 10 }).then((list) => setQueue([...list].sort((a, b) => b.score - a.score)), (e: Error) => onError(e.message));
  }, [client, revision, onError]);
  const quoteOf = useMemo(() => new Map(annotations.map((a) => [a.id, a.quote])), [annotations]);
  const accept = useCallback(
    (i: number) => {
      const s = queue?.[i];
      if (s) acceptSuggestion(client, s).then(onChanged, (e: Error) => onError(e.message));
    },
    [client, queue, onChanged, onError],
  );
  const reject = useCallback(
    (i: number) => {
      const s = queue?.[i];
      if (s) rejectSuggestion(client, s).then(onChanged, (e: Error) => onError(e.message));
    },
    [client, queue, onChanged, onError],
  );
  const actions = useMemo(() => ({ a: accept, r: reject }), [accept, reject]);
  useListKeys(queue?.length ?? 0, current, setCurrent, actions);
  if (!queue) return <p className="muted">Finding claims elsewhere…</p>;
  if (queue.length === 0) return <p className="muted">No suggestions waiting.</p>;
  return (
    <>
      <p className="hint">
        <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>a</kbd> accept, <kbd>r</kbd> reject.
      </p>
      <ol className="suggestions queue" aria-label="Suggestion queue">
        {queue.map((s, i) => (
          <SuggestionCard
            key={`${s.sourceId}:${s.articleId}:${s.start}`}
            suggestion={s}
            source={outlet.get(s.articleId)}
            foundFor={quoteOf.get(s.sourceId) ?? ''}
            active={i === current}
            onOpen={() => onOpen(s.articleId, s.start, s.existingAnnotationId)}
            onAccept={() => accept(i)}
            onReject={() => reject(i)}
          />
        ))}
      </ol>
    </>
  );
}

interface LinkReviewProps {
  client: Client;
  links: readonly Link[];
  annotations: readonly Annotation[];
  outlet: ReadonlyMap<number, string>;
  onChanged(): void;
  onError(message: string): void;
}

/** Every link with its status, reviewer and time; filter by status; j/k to move, c to confirm, x to reject. */
function LinkReview({ client, links, annotations, outlet, onChanged, onError }: LinkReviewProps) {
  const [status, setStatus] = useState<LinkStatus | 'all'>('all');
  const [current, setCurrent] = useState(0);
  const byId = useMemo(() => new Map(annotations.map((a) => [a.id, a])), [annotations]);
  const shown = links.filter((l) => status === 'all' || l.status === status);
  const review = useCallback(
    (next: 'confirmed' | 'rejected') => (i: number) => {
      const link = shown[i];
      if (link) client.call('links.review', { id: link.id, status: next }).then(onChanged, (e: Error) => onError(e.message));
    },
    [client, shown, onChanged, onError],
  );
  const actions = useMemo(() => ({ c: review('confirmed'), x: review('rejected') }), [review]);
  useListKeys(shown.length, current, setCurrent, actions);
  const end = (id: number) => {
    const a = byId.get(id);
    return a ? `${outlet.get(a.articleId) ?? ''}: “${a.quote}”` : `annotation ${id}`;
  };
  return (
    <>
      <p className="hint">
        <label>
          Status{' '}
          <select value={status} onChange={(e) => (setStatus(e.target.value as LinkStatus | 'all'), setCurrent(0))} aria-label="Filter links by status">
            <option value="all">all</option>
            {LINK_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>{' '}
        <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>c</kbd> confirm, <kbd>x</kbd> reject.
      </p>
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
          {shown.map((link, i) => (
            <tr key={link.id} aria-current={i === current ? 'true' : undefined} className={`status-${link.status}`} onClick={() => setCurrent(i)}>
              <td>{end(link.fromId)}</td>
              <td>{link.type}</td>
              <td>{end(link.toId)}</td>
              <td>{link.status}</td>
              <td>{link.reviewer ?? '—'}</td>
              <td className="nowrap">{link.reviewedAt ? link.reviewedAt.slice(0, 16).replace('T', ' ') : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
