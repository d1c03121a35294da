import { useCallback, useImperativeHandle, useMemo, useRef, type KeyboardEvent, type MouseEvent, type Ref } from 'react';
import { createEditor, Editor, Element, type BaseEditor, type NodeEntry, type Range } from 'slate';
import { Editable, ReactEditor, Slate, withReact, type RenderChunkProps, type RenderElementProps, type RenderLeafProps } from 'slate-react';
import type { Article } from '../../main/api/contract.ts';
import type { Span } from '../annotations/spanBoundaries.ts';
import type { ParagraphElement } from './articleDocument.ts';
import { ANNOTATION_MARK, createParagraphDecorator, type MarkKey, type ParagraphHighlights } from './decorations.ts';
import { domSelectionToSpan, spanToRange } from './selectionOffsets.ts';

declare module 'slate' {
  interface CustomTypes {
    Editor: BaseEditor & ReactEditor;
    Element: ParagraphElement;
    Text: { text: string } & { [mark: MarkKey]: string };
  }
}

/** Paragraphs per chunk: chunks off screen are skipped by layout and paint (content-visibility). */
const CHUNK_SIZE = 64;

export interface TextSelection {
  span: Span;
  rect: DOMRect;
}

export interface ReadingPaneHandle {
  /** Scrolls the span to the middle of the pane. */
  scrollToSpan(span: Span): void;
}

export interface ReadingPaneProps {
  article: Article;
  paragraphs: ParagraphElement[];
  /** Highlight sources, painted in order; each must keep its identity until it changes. */
  sources: readonly ParagraphHighlights[];
  onSelectText(selection: TextSelection | null): void;
  /** A click on highlighted text: every annotation under the pointer. */
  onClickHighlight(annotationIds: number[], rect: DOMRect): void;
  ref?: Ref<ReadingPaneHandle>;
}

/** The article as read-only Slate paragraphs with its highlights; reports text selections and clicks on highlights. */
export function ReadingPane({ article, paragraphs, sources, onSelectText, onClickHighlight, ref }: ReadingPaneProps) {
  const editor = useMemo(() => {
    const e = withReact(createEditor());
    e.getChunkSize = (node) => (Editor.isEditor(node) ? CHUNK_SIZE : null);
    return e;
  }, [article.id]);
  const rootRef = useRef<HTMLDivElement | null>(null);
  const decorateParagraph = useMemo(createParagraphDecorator, [article.id]);

  const decorate = useCallback(
    ([node, path]: NodeEntry): Range[] => (Element.isElement(node) && path.length === 1 ? decorateParagraph(sources, path[0]!) : []),
    [decorateParagraph, sources],
  );

  useImperativeHandle(
    ref,
    () => ({
      scrollToSpan(span) {
        const domRange = ReactEditor.toDOMRange(editor, spanToRange(paragraphs, span));
        const target = domRange.startContainer.parentElement;
        target?.scrollIntoView({ block: 'center' });
      },
    }),
    [editor, paragraphs],
  );

  const reportSelection = useCallback(() => {
    const root = rootRef.current;
    const span = root && domSelectionToSpan(editor, paragraphs, root);
    onSelectText(span ? { span, rect: window.getSelection()!.getRangeAt(0).getBoundingClientRect() } : null);
  }, [editor, paragraphs, onSelectText]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (!event.shiftKey || event.altKey || !event.key.startsWith('Arrow')) return;
      // The pane is not editable, so the browser moves no caret: extend the selection ourselves.
      event.preventDefault();
      event.stopPropagation();
      const selection = window.getSelection()!;
      if (selection.rangeCount === 0 || !rootRef.current!.contains(selection.focusNode)) {
        const first = rootRef.current!.querySelector('[data-slate-string], [data-slate-zero-width]');
        if (!first) return;
        selection.collapse(first.firstChild ?? first, 0);
      }
      const forward = event.key === 'ArrowRight' || event.key === 'ArrowDown';
      const unit = event.key === 'ArrowUp' || event.key === 'ArrowDown' ? 'line' : event.ctrlKey || event.metaKey ? 'word' : 'character';
      selection.modify('extend', forward ? 'forward' : 'backward', unit);
      reportSelection();
    },
    [reportSelection],
  );

  const onClick = useCallback(
    (event: MouseEvent<HTMLDivElement>) => {
      if (!window.getSelection()?.isCollapsed) return;
      const leaf = (event.target as HTMLElement).closest<HTMLElement>('[data-annotation-ids]');
      if (leaf) onClickHighlight(leaf.dataset.annotationIds!.split(' ').map(Number), leaf.getBoundingClientRect());
    },
    [onClickHighlight],
  );

  return (
    <Slate key={article.id} editor={editor} initialValue={paragraphs}>
      <Editable
        ref={rootRef}
        className="article-text"
        readOnly
        tabIndex={0}
        decorate={decorate}
        renderElement={renderParagraph}
        renderLeaf={renderLeaf}
        renderChunk={renderChunk}
        onMouseUp={reportSelection}
        onKeyUp={(event) => event.shiftKey && reportSelection()}
        onKeyDown={onKeyDown}
        onClick={onClick}
        aria-label="Article text"
      />
    </Slate>
  );
}

function renderChunk({ attributes, children, lowest }: RenderChunkProps) {
  return lowest ? (
    <div {...attributes} className="text-chunk">
      {children}
    </div>
  ) : (
    children
  );
}

function renderParagraph({ attributes, children, element }: RenderElementProps) {
  const empty = element.children[0].text === '';
  return (
    <p {...attributes} className={empty ? 'blank-line' : undefined} data-offset={element.start}>
      {children}
    </p>
  );
}

/**
 * One leaf may lie under several annotations; it lists them all (for the
 * picker), takes the colour of the innermost and darkens with depth. Marks
 * from other sources add a class `mark-<value>`.
 */
function renderLeaf({ attributes, children, leaf }: RenderLeafProps) {
  const ids: string[] = [];
  const tags: string[] = [];
  const classes: string[] = [];
  for (const key of Object.keys(leaf)) {
    if (!key.startsWith('hl_')) continue;
    const value = leaf[key as MarkKey] ?? '';
    const annotation = ANNOTATION_MARK.exec(key);
    if (annotation) {
      ids.push(annotation[1]!);
      tags.push(value);
    } else classes.push(`mark-${value}`);
  }
  if (ids.length === 0 && classes.length === 0) return <span {...attributes}>{children}</span>;
  if (tags.length > 0) classes.unshift('hl', `hl-${tags[tags.length - 1]}`);
  return (
    <span
      {...attributes}
      className={classes.join(' ')}
      data-tags={tags.length ? tags.join(' ') : undefined}
      data-annotation-ids={ids.length ? ids.join(' ') : undefined}
      data-depth={ids.length ? Math.min(ids.length, 3) : undefined}
      title={tags.length > 1 ? `${tags.length} annotations: ${tags.join(', ')} (click to pick one)` : undefined}
    >
      {children}
    </span>
  );
}
