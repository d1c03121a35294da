import { useEffect, useRef } from 'react';
import type { Suggestion } from '../../main/api/contract.ts';
import { useKeyScope } from '../keys/KeyRouter.tsx';
import { SuggestionCard } from './SuggestionCard.tsx';

export interface SuggestionPopoverProps {
  suggestion: Suggestion;
  rect: DOMRect;
  onAccept(): void;
  onReject(): void;
  onClose(): void;
}

/** The card of a ghost clicked in the text, next to it: accept or reject it; Esc closes it. */
export function SuggestionPopover({ suggestion, rect, onAccept, onReject, onClose }: SuggestionPopoverProps) {
  const frame = useRef<HTMLDivElement>(null);
  useKeyScope('menu', { close: onClose });
  useEffect(() => frame.current?.querySelector<HTMLButtonElement>('.suggestion-actions button')?.focus(), []);
  return (
    <div ref={frame} role="dialog" aria-label="Suggested span" className="suggestion-popover" style={{ top: Math.min(rect.bottom + 6, window.innerHeight - 220), left: Math.max(8, Math.min(rect.left, window.innerWidth - 420)) }}>
      <ol className="suggestions">
        <SuggestionCard suggestion={suggestion} onAccept={onAccept} onReject={onReject} />
      </ol>
      <button type="button" className="picker-close" onClick={onClose} aria-label="Close">
        ×
      </button>
    </div>
  );
}
