import { useCallback, useState } from 'react';
import type { Annotation, Link, LinkType } from '../../main/api/contract.ts';
import type { Client } from '../api/client.ts';

export interface PinnedLink {
  pinned: Annotation | null;
  /** Pins an annotation as the start of the next link; pinning the pinned one again unpins it. */
  pin(annotation: Annotation): void;
  unpin(): void;
  /** Links the pinned annotation to `target` and keeps the pin, so one claim can be linked to many reports in a row. */
  linkTo(target: Annotation, type: LinkType): Promise<Link>;
}

/**
 * The keyboard linking flow: pin an annotation (p), go anywhere in the corpus,
 * select another, link it (l). Errors come back as rejected promises with the
 * API's message ("already linked", "cannot be linked to itself").
 */
export function usePinnedLink(client: Client): PinnedLink {
  const [pinned, setPinned] = useState<Annotation | null>(null);
  const pin = useCallback((annotation: Annotation) => setPinned((current) => (current?.id === annotation.id ? null : annotation)), []);
  const unpin = useCallback(() => setPinned(null), []);
  const linkTo = useCallback(
    async (target: Annotation, type: LinkType) => {
      if (!pinned) throw new Error('Pin an annotation first (p), then select the one to link it to.');
      return client.call('links.create', { fromId: pinned.id, toId: target.id, type });
    },
    [client, pinned],
  );
  return { pinned, pin, unpin, linkTo };
}
