import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Annotation, LinkType } from '../../main/api/contract.ts';
import type { Client } from '../api/client.ts';
import { linkKeyAction } from './linkKeys.ts';
import { usePinnedLink } from './usePinnedLink.ts';

/**
 * App-level state of the linking flow: which annotation is selected (from the
 * list, or by clicking its highlight), the pin, the link type, and the p / l
 * keys acting on the selection. `goTo` selects
 * an annotation (or a text offset) in an article about to open and scrolls
 * to it once it is on screen.
 */
export function useLinkingKeys(client: Client, openArticleId: number | null, annotations: readonly Annotation[], onChanged: () => void, onError: (message: string) => void, active: boolean) {
  const { pinned, pin, linkTo } = usePinnedLink(client);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [linkType, setLinkType] = useState<LinkType>('same-claim');
  const [target, setTarget] = useState<{ articleId: number; offset: number } | null>(null);
  const selected = annotations.find((a) => a.id === selectedId) ?? null;

  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      const action = linkKeyAction(event);
      if (!action) return;
      if (!selected) return onError('Select an annotation first: pick it from the list above the article.');
      event.preventDefault();
      if (action === 'pin') pin(selected);
      else linkTo(selected, linkType).then(onChanged, (e: Error) => onError(e.message));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, selected, pin, linkTo, linkType, onChanged, onError]);

  // Clicking a highlight in the reading pane selects its annotation (the innermost, where spans overlap).
  useEffect(() => {
    if (!active) return;
    const onClick = (event: MouseEvent) => {
      const highlight = (event.target as Element | null)?.closest?.('.article-text [data-annotation-ids]');
      const ids = highlight?.getAttribute('data-annotation-ids')?.split(' ').map(Number);
      if (ids && ids.length > 0) setSelectedId(ids.at(-1)!);
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, [active]);

  const goTo = useCallback((articleId: number, offset: number, annotationId: number | null) => {
    setSelectedId(annotationId);
    setTarget({ articleId, offset });
  }, []);

  // Scrolls once the target article's text is rendered: to the annotation's highlight, else to the paragraph holding the offset.
  useEffect(() => {
    if (!target || target.articleId !== openArticleId) return;
    const frame = requestAnimationFrame(() => {
      const highlight = selectedId === null ? null : document.querySelector(`[data-annotation-ids~="${selectedId}"]`);
      const paragraphs = [...document.querySelectorAll<HTMLElement>('.article-text p[data-offset]')];
      const paragraph = paragraphs.filter((p) => Number(p.dataset.offset) <= target.offset).at(-1);
      (highlight ?? paragraph)?.scrollIntoView({ block: 'center' });
      setTarget(null);
    });
    return () => cancelAnimationFrame(frame);
  }, [target, openArticleId, annotations, selectedId]);

  // Ghosts follow the pinned annotation from article to article; without a pin, the selected one's.
  const ghostOf = pinned ?? selected;
  const ghostSource = useMemo(() => (ghostOf ? { id: ghostOf.id, tag: ghostOf.tag } : null), [ghostOf?.id, ghostOf?.tag]);

  return { selectedId, select: setSelectedId, pinned, linkType, setLinkType, goTo, ghostSource };
}
