import type { Suggestion } from '../../main/contract/contract.ts';
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
 * or a drag on a ghost goes on selecting text; Esc closes it with the rest.
 */
export function SuggestionPopover({ suggestion, rect, onAccept, onReject, onClose }: SuggestionPopoverProps) {
  return (
    <div
      role="dialog"
      aria-label="Suggested span"
      className="suggestion-popover"
      style={{ top: Math.min(rect.bottom + 6, window.innerHeight - 220), left: Math.max(8, Math.min(rect.left, window.innerWidth - 420)) }}
    >
      <ol className="suggestions">
        <SuggestionCard suggestion={suggestion} onAccept={onAccept} onReject={onReject} />
      </ol>
      <button type="button" className="picker-close" onClick={onClose} aria-label="Close">
        ×
      </button>
    </div>
  );
}
