import type { DiffSegment } from '../../main/contract/contract.ts';

/** A variant's words against the base: dropped words struck through, added ones underlined, replacements both. */
export function WordDiff({ segments }: { segments: readonly DiffSegment[] }) {
  return (
    <span className="word-diff">
      {/* Each segment carries the text up to the next one, spaces and punctuation included. */}
      {segments.map((segment, i) =>
        segment.kind === 'equal' ? (
          <span key={i}>{segment.variant}</span>
        ) : (
          <span key={i}>
            {segment.base && <del title="in the earliest variant, not in this one">{segment.base}</del>}
            {segment.variant && <ins title="in this variant, not in the earliest">{segment.variant}</ins>}
          </span>
        ),
      )}
    </span>
  );
}
