import { TAGS } from '../../main/contract/vocabulary.ts';
import type { Tag } from '../../main/contract/contract.ts';

const LABELS: Record<Tag, string> = { claim: 'Claim', denial: 'Denial', attribution: 'Attribution' };
const KEYS: Record<Tag, string> = { claim: 'c', denial: 'd', attribution: 'a' };

/** The small toolbar over a text selection: one button per tag. */
export function TagToolbar({ rect, onTag }: { rect: DOMRect; onTag(tag: Tag): void }) {
  return (
    <div role="toolbar" aria-label="Tag the selection" className="tag-toolbar" style={{ top: Math.max(4, rect.top - 40), left: rect.left }}>
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
