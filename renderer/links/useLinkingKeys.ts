import { useEffect, useMemo, useState } from 'react';
import type { Annotation, LinkType } from '../../main/api/contract.ts';
import type { Client } from '../api/client.ts';
import { linkKeyAction } from './linkKeys.ts';
import { usePinnedLink } from './usePinnedLink.ts';

/**
 * The linking flow on top of the workspace's selection: `p` pins the selected
 * annotation, `l` links the selected one to the pin with the chosen type.
 * The selection itself belongs to the workspace, so the side panel, a click on
 * a highlight and the links panel all select the same annotation.
 */
export function useLinkingKeys(client: Client, selected: Annotation | null, onChanged: () => void, onError: (message: string) => void, active: boolean) {
  const { pinned, pin, linkTo } = usePinnedLink(client);
  const [linkType, setLinkType] = useState<LinkType>('same-claim');

  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      const action = linkKeyAction(event);
      if (!action) return;
      event.preventDefault();
      if (!selected) return onError('Select an annotation first: click its highlight or pick it from the side panel.');
      if (action === 'pin') pin(selected);
      else linkTo(selected, linkType).then(onChanged, (e: Error) => onError(e.message));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, selected, pin, linkTo, linkType, onChanged, onError]);

  // Ghosts follow the pinned annotation from article to article. Only a pin shows them: boxes over the
  // text for whatever happens to be selected would sit on the words the analyst is about to select.
  const ghostSource = useMemo(() => (pinned ? { id: pinned.id, tag: pinned.tag } : null), [pinned?.id, pinned?.tag]);

  return { pinned, linkType, setLinkType, ghostSource };
}
