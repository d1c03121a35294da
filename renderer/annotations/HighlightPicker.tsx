import { useEffect } from 'react';
import type { Annotation } from '../../main/contract/contract.ts';
import { useKeyScope } from '../keys/KeyRouter.tsx';
import { useFloatingPlacement } from '../shell/floatingPlacement.ts';

/** Lists every annotation under a clicked spot so the analyst can pick the one meant: arrows move, Enter picks, Esc closes. */
export function HighlightPicker({
  annotations,
  rect,
  onPick,
  onClose,
}: {
  annotations: Annotation[];
  rect: DOMRect;
  onPick(id: number): void;
  onClose(): void;
}) {
  const { ref: menu, style } = useFloatingPlacement<HTMLDivElement>(rect, 'below');
  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role=menuitem]') ?? [])];
  const move = (by: 1 | -1) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    list[(at + by + list.length) % list.length]?.focus();
  };
  useKeyScope('menu', { next: () => move(1), previous: () => move(-1), close: onClose });
  useEffect(() => menu.current?.querySelector<HTMLButtonElement>('[role=menuitem]')?.focus(), [menu]);
  return (
    <div ref={menu} role="menu" aria-label="Annotations here" className="highlight-picker" style={style}>
      {annotations.map((a) => (
        <button key={a.id} type="button" role="menuitem" onClick={() => onPick(a.id)}>
          <span className={`tag-chip hl-${a.tag}`}>{a.tag}</span> <q>{a.quote.length > 60 ? a.quote.slice(0, 59) + '…' : a.quote}</q>
        </button>
      ))}
      <button type="button" className="picker-close" onClick={onClose} aria-label="Close">
        ×
      </button>
    </div>
  );
}
