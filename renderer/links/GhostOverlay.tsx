import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Suggestion, Tag } from '../../main/api/contract.ts';
import type { Client } from '../api/client.ts';
import { acceptSuggestion, rejectSuggestion } from './suggestionActions.ts';
import { toParagraphs } from '../reading/articleDocument.ts';
import { ghostHighlights, type GhostHighlight } from './ghostHighlights.ts';
import { SuggestionCard } from './SuggestionCard.tsx';

export interface GhostOverlayProps {
  client: Client;
  articleId: number;
  text: string;
  /** The annotation whose suggestions are shown: the pinned one, else the selected one. */
  source: { id: number; tag: Tag } | null;
  revision: number;
  onChanged(): void;
  onError(message: string): void;
}

interface Box {
  ghost: GhostHighlight;
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Suggestions drawn over the article as ghost highlights, without touching
 * the reading pane: boxes over the rendered text, placed from each
 * paragraph's `data-offset` and its text nodes. Clicking one opens its card
 * to accept or reject it. (Once the reading pane takes decorations from
 * ghostHighlights() directly, this overlay can go.)
 */
export function GhostOverlay({ client, articleId, text, source, revision, onChanged, onError }: GhostOverlayProps) {
  const layer = useRef<HTMLDivElement>(null);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [boxes, setBoxes] = useState<Box[]>([]);
  const [openCard, setOpenCard] = useState<number | null>(null);
  const paragraphs = useMemo(() => toParagraphs(text), [text]);

  useEffect(() => {
    setOpenCard(null);
    if (!source) return setSuggestions([]);
    let current = true;
    client.call('suggestions.list', { annotationId: source.id }).then(
      (list) => current && setSuggestions(list),
      (e: Error) => current && onError(e.message),
    );
    return () => void (current = false);
  }, [client, source?.id, revision, onError]);

  const ghosts = useMemo(() => (source ? [...ghostHighlights(paragraphs, articleId, suggestions, () => source.tag)] : []), [paragraphs, articleId, suggestions, source?.tag]);

  useLayoutEffect(() => {
    const container = layer.current?.parentElement;
    if (!container) return;
    const measure = () => {
      const origin = container.getBoundingClientRect();
      const rendered = [...container.querySelectorAll<HTMLElement>('.article-text p[data-offset]')];
      const next: Box[] = [];
      for (const [index, list] of ghosts) {
        const element = rendered.find((p) => Number(p.dataset.offset) === paragraphs[index]!.start);
        if (!element) continue;
        for (const ghost of list) {
          const range = rangeIn(element, ghost.start, ghost.end);
          for (const rect of range ? [...range.getClientRects()] : []) {
            next.push({ ghost, left: rect.left - origin.left, top: rect.top - origin.top, width: rect.width, height: rect.height });
          }
        }
      }
      setBoxes(next);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(container);
    // The reading pane renders paragraphs as they scroll near the viewport: measure again for those.
    const scroller = container.closest('.reading');
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
    };
    scroller?.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      observer.disconnect();
      scroller?.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, [ghosts, paragraphs]);

  const act = (promise: Promise<unknown>) => promise.then(onChanged, (e: Error) => onError(e.message));
  const card = openCard === null ? null : suggestions[openCard];
  const anchor = boxes.find((b) => b.ghost.suggestion === openCard);
  return (
    <div ref={layer} className="ghost-layer" aria-label="Suggested spans">
      {boxes.map((box, i) => (
        <button
          key={i}
          type="button"
          // Over an existing annotation the ghost only marks it: clicks reach the annotation, to select and link it (l).
          className={`ghost-box ghost-${box.ghost.tag}${suggestions[box.ghost.suggestion]?.existingAnnotationId ? ' over-annotation' : ''}`}
          style={{ left: box.left, top: box.top, width: box.width, height: box.height }}
          title={suggestions[box.ghost.suggestion]?.explanation.summary}
          aria-label={`Suggested: ${suggestions[box.ghost.suggestion]?.quote ?? ''}`}
          onClick={() => setOpenCard(box.ghost.suggestion === openCard ? null : box.ghost.suggestion)}
        />
      ))}
      {card && anchor && (
        <ol className="ghost-card" style={{ top: anchor.top + anchor.height + 4 }}>
          <SuggestionCard
            suggestion={card}
            onAccept={() => act(acceptSuggestion(client, card))}
            onReject={() => act(rejectSuggestion(client, card))}
          />
        </ol>
      )}
    </div>
  );
}

/** A DOM range over local offsets of a rendered paragraph, walking its text nodes (Slate's zero-width placeholders hold no text of the article). */
function rangeIn(paragraph: HTMLElement, start: number, end: number): Range | null {
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('[data-slate-zero-width]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const range = document.createRange();
  let seen = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent?.length ?? 0;
    if (!started && start <= seen + length) {
      range.setStart(node, start - seen);
      started = true;
    }
    if (started && end <= seen + length) {
      range.setEnd(node, end - seen);
      return range;
    }
    seen += length;
  }
  return null;
}
