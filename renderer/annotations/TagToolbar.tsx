import { TAGS } from '../../main/contract/vocabulary.ts';
import type { Tag } from '../../main/contract/contract.ts';
import { useFloatingPlacement } from '../shell/floatingPlacement.ts';

const LABELS: Record<Tag, string> = { claim: 'Claim', denial: 'Denial', attribution: 'Attribution' };
const KEYS: Record<Tag, string> = { claim: 'c', denial: 'd', attribution: 'a' };

/** The small toolbar over a text selection (under it when the selection is at the top of the window): one button per tag. */
export function TagToolbar({ rect, onTag }: { rect: DOMRect; onTag(tag: Tag): void }) {
  const { ref, style } = useFloatingPlacement<HTMLDivElement>(rect, 'above');
  return (
    <div ref={ref} role="toolbar" aria-label="Tag the selection" className="tag-toolbar" style={style}>
      {TAGS.map((tag) => (
        <button
          key={tag}
          type="button"
          className={`hl-${tag}`}
          // Keeps the text selection: a mousedown on a button would otherwise clear it.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onTag(tag)}
          title={`${LABELS[tag]} (${KEYS[tag]})`}
        >
          {LABELS[tag]}
        </button>
      ))}
    </div>
  );
}
