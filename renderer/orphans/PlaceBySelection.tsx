import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Orphan } from '../../main/contract/contract.ts';
import type { Span } from '../annotations/spanBoundaries.ts';
import { useQuery } from '../data/DataProvider.tsx';

/**
 * The new version's text, to place an orphan by selecting its words (mouse,
 * or Shift+arrows). The best candidate is selected to start with.
 * The text is one text node, so DOM offsets are offsets into the stored text.
 */
export function PlaceBySelection({
  orphan,
  candidate,
  onPlace,
  onCancel,
}: {
  orphan: Orphan;
  candidate: Span | null;
  onPlace(span: Span): void;
  onCancel(): void;
}) {
  const article = useQuery('articles.get', { id: orphan.newArticleId }).data;
  const textRef = useRef<HTMLDivElement>(null);
  const [span, setSpan] = useState<Span | null>(null);

  const read = () => {
    const selection = window.getSelection();
    const node = textRef.current?.firstChild;
    if (!selection || !node || selection.rangeCount === 0 || selection.isCollapsed) return setSpan(null);
    const range = selection.getRangeAt(0);
    if (range.startContainer !== node || range.endContainer !== node) return setSpan(null);
    setSpan({ start: range.startOffset, end: range.endOffset });
  };

  // Select the candidate once the text is there, and bring it into view.
  useLayoutEffect(() => {
    const node = textRef.current?.firstChild;
    if (!article || !node || !candidate) return;
    const range = document.createRange();
    range.setStart(node, candidate.start);
    range.setEnd(node, Math.min(candidate.end, article.text.length));
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
    setSpan({ start: range.startOffset, end: range.endOffset });
    const box = textRef.current!;
    box.scrollTop += range.getBoundingClientRect().top - box.getBoundingClientRect().top - 40;
    box.focus({ preventScroll: true });
  }, [article, candidate]);
  useEffect(() => () => window.getSelection()?.removeAllRanges(), []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!event.shiftKey || event.altKey || !event.key.startsWith('Arrow')) return;
    // The text is not editable, so the browser moves no selection: extend it here, as the reading pane does.
    event.preventDefault();
    const selection = window.getSelection()!;
    const node = textRef.current!.firstChild;
    if (!node) return;
    if (selection.rangeCount === 0 || !textRef.current!.contains(selection.focusNode)) selection.collapse(node, 0);
    const forward = event.key === 'ArrowRight' || event.key === 'ArrowDown';
    const unit = event.key === 'ArrowUp' || event.key === 'ArrowDown' ? 'line' : event.ctrlKey || event.metaKey ? 'word' : 'character';
    selection.modify('extend', forward ? 'forward' : 'backward', unit);
    read();
  };

  if (!article) return <p className="muted">Loading the new version…</p>;
  return (
    <div className="place-by-selection">
      <p className="hint">
        Select the words in article {orphan.newArticleId}
        {candidate ? ' (the closest passage is selected)' : ''}; Shift+arrows adjust the end.
      </p>
      <div
        ref={textRef}
        className="orphan-text"
        tabIndex={0}
        role="document"
        aria-label={`Text of article ${orphan.newArticleId}`}
        onMouseUp={read}
        onKeyUp={read}
        onKeyDown={onKeyDown}
      >
        {article.text}
      </div>
      <p>
        {span ? <>Selected: “{article.text.slice(span.start, span.end)}” </> : 'Nothing selected. '}
        <button type="button" disabled={!span} onClick={() => span && onPlace(span)}>
          Place at selection
        </button>{' '}
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </p>
    </div>
  );
}
