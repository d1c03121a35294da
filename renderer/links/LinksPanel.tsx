import { useEffect, useMemo, useState } from 'react';
import { GROUPING_LINK_TYPES, LINK_TYPES, type Annotation, type Link, type LinkType, type Suggestion } from '../../main/api/contract.ts';
import type { Client } from '../api/client.ts';
import { acceptSuggestion, rejectSuggestion } from './suggestionActions.ts';
import { SuggestionCard } from './SuggestionCard.tsx';
import './links.css';

export interface LinksPanelProps {
  client: Client;
  /** How to name an article: its outlet, or its title. */
  articleLabel(articleId: number): string;
  /** Annotations of the article being read, in text order. */
  annotations: readonly Annotation[];
  /** Chosen in the annotation side panel or by clicking a highlight. */
  selectedId: number | null;
  pinned: Annotation | null;
  linkType: LinkType;
  onLinkType(type: LinkType): void;
  /** Opens an article at a span: an annotation when there is one, else the text at `offset`. */
  onFollow(articleId: number, offset: number, annotationId: number | null): void;
  /** Bumped by the app after any change, to reload links and suggestions. */
  revision: number;
  onChanged(): void;
  onError(message: string): void;
}

/**
 * Below the annotation side panel: the pin, the selected
 * annotation's links (each opens the other end) and "find this claim
 * elsewhere" with accept and reject.
 */
export function LinksPanel({ client, articleLabel, annotations, selectedId, pinned, linkType, onLinkType, onFollow, revision, onChanged, onError }: LinksPanelProps) {
  const [links, setLinks] = useState<Link[]>([]);
  const [others, setOthers] = useState<Map<number, Annotation>>(new Map());
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const selected = annotations.find((a) => a.id === selectedId) ?? null;

  useEffect(() => {
    if (selectedId === null) return setLinks([]);
    let current = true;
    Promise.all([client.call('links.list', { annotationId: selectedId }), client.call('annotations.list', {})]).then(
      ([list, all]) => current && (setLinks(list), setOthers(new Map(all.map((a) => [a.id, a])))),
      (e: Error) => current && onError(e.message),
    );
    return () => void (current = false);
  }, [client, selectedId, revision, onError]);

  // Asked for once per selected annotation, then kept fresh: accepting or rejecting one re-runs the search.
  const [searching, setSearching] = useState(false);
  useEffect(() => {
    setSearching(false);
    setSuggestions(null);
  }, [selectedId]);
  useEffect(() => {
    if (!searching || selectedId === null) return;
    let current = true;
    client.call('suggestions.list', { annotationId: selectedId }).then(
      (list) => current && setSuggestions(list),
      (e: Error) => current && onError(e.message),
    );
    return () => void (current = false);
  }, [client, searching, selectedId, revision, onError]);

  const act = (promise: Promise<unknown>) => promise.then(onChanged, (e: Error) => onError(e.message));
  const byGroupFirst = useMemo(() => [...links].sort((a, b) => Number(GROUPING_LINK_TYPES.includes(b.type)) - Number(GROUPING_LINK_TYPES.includes(a.type)) || a.id - b.id), [links]);

  return (
    <aside className="links-panel" aria-label="Links">
      <section className={pinned ? 'pin-bar pinned' : 'pin-bar'} aria-live="polite">
        {pinned ? (
          <>
            <strong>Pinned:</strong> <q>{pinned.quote}</q> — select another annotation and press <kbd>l</kbd> to link it as{' '}
          </>
        ) : (
          <>
            Select an annotation and press <kbd>p</kbd> to pin it; then <kbd>l</kbd> on another links them as{' '}
          </>
        )}
        <select aria-label="Link type" value={linkType} onChange={(e) => onLinkType(e.target.value as LinkType)}>
          {LINK_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </section>

      {selected && (
        <section aria-label="Selected annotation">
          <h3>Links of “{selected.quote.length > 60 ? `${selected.quote.slice(0, 59)}…` : selected.quote}”</h3>
          {byGroupFirst.length === 0 && <p className="muted">No links yet.</p>}
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
                  <span className="link-status">{link.status}</span>{' '}
                  <button type="button" className="follow" onClick={() => other && onFollow(other.articleId, other.start, other.id)} disabled={!other}>
                    {other ? `${articleLabel(other.articleId)}: “${other.quote}”` : `annotation ${otherId}`}
                  </button>
                </li>
              );
            })}
          </ul>
          <button type="button" onClick={() => setSearching(true)}>
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
                  onOpen={() => onFollow(s.articleId, s.start, s.existingAnnotationId)}
                  onAccept={() => act(acceptSuggestion(client, s))}
                  onReject={() => act(rejectSuggestion(client, s))}
                />
              ))}
            </ol>
          )}
        </section>
      )}
    </aside>
  );
}
