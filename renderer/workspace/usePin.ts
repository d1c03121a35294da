import { useCallback, useState } from 'react';
import type { Annotation } from '../../main/contract/contract.ts';
import { useQuery } from '../data/DataProvider.tsx';

const PIN_KEY = 'crosscheck.pin';

export interface Pin {
  /** The pinned annotation as it is stored now (retags show), or null. */
  pinned: Annotation | null;
  /** Pins an annotation as the start of the next link; pinning the pinned one again unpins it. */
  toggle(annotation: Annotation): void;
  unpin(): void;
}

function readPin(): { id: number; articleId: number } | null {
  try {
    const stored = JSON.parse(localStorage.getItem(PIN_KEY) ?? 'null') as { id?: unknown; articleId?: unknown } | null;
    return stored && Number.isInteger(stored.id) && Number.isInteger(stored.articleId)
      ? { id: stored.id as number, articleId: stored.articleId as number }
      : null;
  } catch {
    return null;
  }
}

/**
 * The keyboard linking flow's pin: pin an annotation (p), go anywhere in the
 * corpus, select another, link it (l). The pin survives a reload (kept in
 * this window's storage, by id); a pinned annotation deleted meanwhile is
 * simply no longer pinned.
 */
export function usePin(): Pin {
  const [pin, setPin] = useState(readPin);
  const list = useQuery('annotations.list', pin ? { articleId: pin.articleId } : null).data;
  const pinned = (pin && list?.find((a) => a.id === pin.id)) ?? null;
  const save = (next: { id: number; articleId: number } | null) => {
    setPin(next);
    if (next) localStorage.setItem(PIN_KEY, JSON.stringify(next));
    else localStorage.removeItem(PIN_KEY);
  };
  const toggle = useCallback(
    (annotation: Annotation) => save(pin?.id === annotation.id ? null : { id: annotation.id, articleId: annotation.articleId }),
    [pin?.id],
  );
  const unpin = useCallback(() => save(null), []);
  return { pinned, toggle, unpin };
}
