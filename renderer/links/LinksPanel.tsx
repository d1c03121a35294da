import { LinkPeople } from '../team/Who.tsx';
import { useMemo, useState } from 'react';
import { GROUPING_LINK_TYPES, LINK_TYPES } from '../../main/contract/vocabulary.ts';
import type { Annotation, Link, LinkType } from '../../main/contract/contract.ts';
import { useMutate, useQuery } from '../data/DataProvider.tsx';
import { useArticleNames } from '../articles/useArticleNames.ts';
import { useWorkspace } from '../workspace/WorkspaceProvider.tsx';
import { acceptInput, rejectInput } from './suggestionActions.ts';
import { SuggestionCard } from './SuggestionCard.tsx';
import './links.css';

export interface LinksPanelProps {
  /** Chosen in the annotation side panel or by clicking a highlight. */
  selected: Annotation | null;
  /** Opens an article at a span: an annotation when there is one, else the text at `offset`. */
  onFollow(articleId: number, annotationId: number | null, offset: number): void;
}

/** One empty list for every render without links, so memos over it keep their value. */
const NO_LINKS: Array<Link & { other?: Annotation }> = [];

/**
 * Below the annotation side panel: the pin (with unpin), the selected
 * annotation's links (each opens the other end) and "find this claim
 * elsewhere" with accept and reject.
 */
export function LinksPanel({ selected, onFollow }: LinksPanelProps) {
  const { pin, linkType, setLinkType } = useWorkspace();
  const mutate = useMutate();
  const selectedId = selected?.id ?? null;
  // Each link comes with the annotation at its other end: no list of every annotation is needed.
  const links = useQuery('links.list', selectedId === null ? null : { annotationId: selectedId, otherEnds: true }).data ?? NO_LINKS;
  const others = useMemo(() => new Map(links.flatMap((l) => (l.other ? [[l.other.id, l.other] as const] : []))), [links]);
  // Asked for once per selected annotation, then kept fresh: accepting or rejecting one re-runs the search.
  const [searchingFor, setSearchingFor] = useState<number | null>(null);
  const suggestions = useQuery('suggestions.list', searchingFor !== null && searchingFor === selectedId ? { annotationId: searchingFor } : null).data;
  const byGroupFirst = useMemo(
    () => [...links].sort((a, b) => Number(GROUPING_LINK_TYPES.includes(b.type)) - Number(GROUPING_LINK_TYPES.includes(a.type)) || a.id - b.id),
    [links],
  );
  const { pinned } = pin;
  const articleIds = useMemo(
    () => [...links.flatMap((l) => others.get(l.fromId === selectedId ? l.toId : l.fromId)?.articleId ?? []), ...(suggestions ?? []).map((s) => s.articleId)],
    [links, others, selectedId, suggestions],
  );
  const articleLabel = useArticleNames(articleIds);

  return (
    <aside className="links-panel" aria-label="Links">
      <section className={pinned ? 'pin-bar pinned' : 'pin-bar'} aria-live="polite">
        {pinned ? (
          <>
            <strong>Pinned:</strong> <q>{pinned.quote}</q>{' '}
            <button type="button" className="quiet-button" onClick={pin.unpin}>
              Unpin
            </button>{' '}
            — select another annotation and press <kbd>L</kbd> to link it as{' '}
          </>
        ) : (
          <>
            Select an annotation and press <kbd>p</kbd> to pin it; then <kbd>L</kbd> on another links them as{' '}
          </>
        )}
        <select aria-label="Link type" value={linkType} onChange={(e) => setLinkType(e.target.value as LinkType)}>
          {LINK_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </section>

      {selected && (
        <section aria-label="Links of the selected annotation">
          <h3>Links of “{selected.quote.length > 60 ? `${selected.quote.slice(0, 59)}…` : selected.quote}”</h3>
          {byGroupFirst.length === 0 && <p className="muted">No links yet: pin another annotation and press L here, or find this claim elsewhere.</p>}
          <ul className="link-list">
            {byGroupFirst.map((link) => {
              const otherId = link.fromId === selected.id ? link.toId : link.fromId;
              const other = others.get(otherId);
              const arrow = link.fromId === selected.id ? '→' : '←';
              return (
                <li key={link.id} className={`link-item status-${link.status}`}>
                  <span className="link-type">
                    {arrow} {link.type}
                  </span>{' '}
                  <span className="link-status">{link.status}</span> <LinkPeople link={link} />{' '}
                  <button type="button" className="follow" onClick={() => other && onFollow(other.articleId, other.id, other.start)} disabled={!other}>
                    {other ? `${articleLabel(other.articleId)}: “${other.quote}”` : `annotation ${otherId}`}
                  </button>
                </li>
              );
            })}
          </ul>
          <button type="button" onClick={() => setSearchingFor(selected.id)}>
            Find this claim elsewhere
          </button>
          {suggestions && suggestions.length === 0 && <p className="muted">No other report of these words found.</p>}
          {suggestions && suggestions.length > 0 && (
            <ol className="suggestions" aria-label="Suggestions">
              {suggestions.map((s) => (
                <SuggestionCard
                  key={`${s.articleId}:${s.start}`}
                  suggestion={s}
                  source={articleLabel(s.articleId)}
                  onOpen={() => onFollow(s.articleId, s.existingAnnotationId, s.start)}
                  onAccept={() => void mutate('suggestions.accept', acceptInput(s, linkType))}
                  onReject={() => void mutate('suggestions.reject', rejectInput(s))}
                />
              ))}
            </ol>
          )}
        </section>
      )}
    </aside>
  );
}
