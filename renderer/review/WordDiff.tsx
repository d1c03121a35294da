import type { DiffSegment } from '../../main/api/contract.ts';

/** A variant's words against the base: dropped words struck through, added ones underlined, replacements both. */
export function WordDiff({ segments }: { segments: readonly DiffSegment[] }) {
  return (
    <span className="word-diff">
      {segments.map((segment, i) => {
        const gap = i > 0 ? ' ' : '';
        if (segment.kind === 'equal') return <span key={i}>{gap + segment.variant}</span>;
        return (
          <span key={i}>
            {gap}
            {segment.base && <del title="in the earliest variant, not in this one">{segment.base}</del>}
            {segment.base && segment.variant && ' '}
            {segment.variant && <ins title="in this variant, not in the earliest">{segment.variant}</ins>}
          </span>
        );
      })}
    </span>
  );
}
