import type { Suggestion } from '../../main/contract/contract.ts';
import { useFloatingPlacement } from '../shell/floatingPlacement.ts';
import { SuggestionCard } from './SuggestionCard.tsx';

export interface SuggestionPopoverProps {
  suggestion: Suggestion;
  rect: DOMRect;
  onAccept(): void;
  onReject(): void;
  onClose(): void;
}

/**
 * The card of a ghost clicked in the text, next to it: accept or reject it.
 * It leaves the keyboard where it is, so a click that starts a double-click
 * or a drag on a ghost goes on selecting text, and it never covers the
 * ghost, so the second click of that double-click lands on the text; Esc
 * closes it with the rest.
 */
export function SuggestionPopover({ suggestion, rect, onAccept, onReject, onClose }: SuggestionPopoverProps) {
  const { ref, style } = useFloatingPlacement<HTMLDivElement>(rect, 'below');
  return (
    <div ref={ref} role="dialog" aria-label="Suggested span" className="suggestion-popover" style={style}>
      <ol className="suggestions">
        <SuggestionCard suggestion={suggestion} onAccept={onAccept} onReject={onReject} />
      </ol>
      <button type="button" className="picker-close" onClick={onClose} aria-label="Close">
        ×
      </button>
    </div>
  );
}
