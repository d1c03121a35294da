import type { Annotation } from '../../main/api/contract.ts';

/** Lists every annotation under a clicked spot so the analyst can pick the one meant. */
export function HighlightPicker({ annotations, rect, onPick, onClose }: { annotations: Annotation[]; rect: DOMRect; onPick(id: number): void; onClose(): void }) {
  return (
    <div role="menu" aria-label="Annotations here" className="highlight-picker" style={{ top: rect.bottom + 4, left: rect.left }}>
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
