import {
  createContext,
  memo,
  useCallback,
  useContext,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useSyncExternalStore,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type Ref,
  type RefObject,
} from 'react';
import { createEditor, Editor, Text, type BaseEditor, type NodeEntry, type Range } from 'slate';
import { Editable, ReactEditor, Slate, withReact, type RenderChunkProps, type RenderElementProps, type RenderLeafProps } from 'slate-react';
import type { Article } from '../../main/contract/contract.ts';
import type { Span } from '../annotations/spanBoundaries.ts';
import type { ParagraphElement } from './articleDocument.ts';
import { ANNOTATION_MARK, createParagraphDecorator, SUGGESTION_MARK, type MarkKey, type ParagraphHighlights } from './decorations.ts';
import { createParagraphWindow, type ParagraphWindow } from './paragraphWindow.ts';
import { chunkParagraphs } from './slateChunks.ts';
import { SelectionKeeper } from './SelectionKeeper.tsx';
import { domSelectionToSpan, spanToRange } from './selectionOffsets.ts';

declare module 'slate' {
  interface CustomTypes {
    Editor: BaseEditor & ReactEditor;
    Element: ParagraphElement;
    Text: { text: string } & { [mark: MarkKey]: string };
  }
}

/** Paragraphs per Slate chunk: a re-render of the pane then revisits only the chunks that changed. */
const CHUNK_SIZE = 64;
/** How far outside the visible pane paragraphs are rendered ahead of scrolling. */
const RENDER_AHEAD = '1500px 0px';
/**
 * Beyond this distance from the visible pane a rendered paragraph becomes a
 * placeholder again. Twice the render-ahead, so that a paragraph scrolled just
 * out of reach and back is not rendered anew. With it the 50,000-word article
 * of `npm run bench:render` keeps a few hundred paragraphs rendered wherever
 * the analyst reads, instead of every paragraph read so far, which made each
 * tag re-decorate the whole read text.
 */
const KEEP_WITHIN = '3000px 0px';

interface Placement {
  window: ParagraphWindow;
  /** Watches a placeholder: it is rendered in full as it nears the viewport. */
  observe(element: HTMLElement, index: number): () => void;
  /** Watches a rendered paragraph: it turns back into a placeholder once far from the viewport and outside the text selection. */
  keep(element: HTMLElement, index: number): () => void;
  /** Watches a closed chunk: it opens (its paragraphs mount as placeholders) as it nears the viewport. */
  observeChunk(element: HTMLElement, first: number): () => void;
  /** Watches an open chunk: it closes once far from the viewport with none of its paragraphs shown. */
  keepChunk(element: HTMLElement, first: number): () => void;
}
const PlacementContext = createContext<Placement | null>(null);

export interface TextSelection {
  span: Span;
  rect: DOMRect;
}

export interface ReadingPaneHandle {
  /** Scrolls the span to the middle of the pane. */
  scrollToSpan(span: Span): void;
  clearSelection(): void;
  /** Caret mode: a collapsed selection at the start of the first paragraph in view, and the keyboard in the text. */
  placeCaret(): void;
}

export interface ReadingPaneProps {
  article: Article;
  paragraphs: ParagraphElement[];
  /** Highlight sources, painted in order; each must keep its identity until it changes. */
  sources: readonly ParagraphHighlights[];
  onSelectText(selection: TextSelection | null): void;
  /** A click on highlighted text: every annotation under the pointer. */
  onClickHighlight(annotationIds: number[], rect: DOMRect): void;
  /** A click on a suggestion (ghost) with no annotation under it: its place in the suggestion list. */
  onClickSuggestion(index: number, rect: DOMRect): void;
  ref?: Ref<ReadingPaneHandle>;
}

/** The article as read-only Slate paragraphs with its highlights; reports text selections and clicks on highlights. */
export const ReadingPane = memo(function ReadingPane({
  article,
  paragraphs,
  sources,
  onSelectText,
  onClickHighlight,
  onClickSuggestion,
  ref,
}: ReadingPaneProps) {
  const editor = useMemo(() => {
    const e = withReact(createEditor());
    e.getChunkSize = (node) => (Editor.isEditor(node) ? CHUNK_SIZE : null);
    // The pane reads the browser's selection itself. Slate keeping a copy would re-render the
    // whole pane on every selection change and put a stale selection back after tagging;
    // SelectionKeeper gives Slate the browser's selection just before each render instead.
    const { apply } = e;
    e.apply = (operation) => {
      if (operation.type !== 'set_selection') apply(operation);
    };
    return e;
    // A fresh editor for each article: Slate would otherwise keep the previous article's document and selection.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [article.id]);
  const rootRef = useRef<HTMLDivElement | null>(null);
  const decorateParagraph = useMemo(createParagraphDecorator, [article.id]);
  const placement = usePlacement(paragraphs, rootRef);

  const caretRef = useRef<HTMLDivElement>(null);
  const reportSelection = useCallback(() => {
    const root = rootRef.current;
    const span = root && domSelectionToSpan(editor, paragraphs, root);
    onSelectText(span ? { span, rect: window.getSelection()!.getRangeAt(0).getBoundingClientRect() } : null);
    drawCaret(caretRef.current, root);
  }, [editor, paragraphs, onSelectText]);

  // Decorating text nodes rather than paragraphs: only rendered paragraphs have text nodes, so placeholders cost nothing.
  const decorate = useCallback(
    ([node, path]: NodeEntry): Range[] => (Text.isText(node) && path.length === 2 ? decorateParagraph(sources, path[0]!) : []),
    [decorateParagraph, sources],
  );

  useImperativeHandle(
    ref,
    () => ({
      scrollToSpan(span) {
        const range = spanToRange(paragraphs, span);
        placement.window.show([range.anchor.path[0]!, range.focus.path[0]!]);
        // The paragraphs render in the next commit; scroll once they exist.
        requestAnimationFrame(() => ReactEditor.toDOMRange(editor, range).startContainer.parentElement?.scrollIntoView({ block: 'center' }));
      },
      clearSelection() {
        window.getSelection()?.removeAllRanges();
      },
      placeCaret() {
        const root = rootRef.current;
        if (!root) return;
        const scroller = scrollParent(root);
        const top = scroller ? scroller.getBoundingClientRect().top : 0;
        const strings = [...root.querySelectorAll<HTMLElement>('[data-slate-string]')];
        const first = strings.find((node) => node.getBoundingClientRect().bottom > top) ?? strings[0];
        root.focus({ preventScroll: true });
        if (first?.firstChild) window.getSelection()?.collapse(first.firstChild, 0);
        reportSelection();
      },
    }),
    [editor, paragraphs, placement, reportSelection],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.altKey || !event.key.startsWith('Arrow')) return;
      const selection = window.getSelection()!;
      const caretHere = selection.rangeCount > 0 && rootRef.current!.contains(selection.focusNode);
      // Plain arrows move a caret placed in the text (caret mode); without one they scroll, as the browser does.
      if (!event.shiftKey && !caretHere) return;
      // The pane is not editable, so the browser moves no caret: move or extend the selection ourselves.
      event.preventDefault();
      event.stopPropagation();
      if (selection.rangeCount === 0 || !rootRef.current!.contains(selection.focusNode)) {
        const first = rootRef.current!.querySelector('[data-slate-string], [data-slate-zero-width]');
        if (!first) return;
        selection.collapse(first.firstChild ?? first, 0);
      }
      const forward = event.key === 'ArrowRight' || event.key === 'ArrowDown';
      const unit = event.key === 'ArrowUp' || event.key === 'ArrowDown' ? 'line' : event.ctrlKey || event.metaKey ? 'word' : 'character';
      selection.modify(event.shiftKey ? 'extend' : 'move', forward ? 'forward' : 'backward', unit);
      reportSelection();
    },
    [reportSelection],
  );

  const onClick = useCallback(
    (event: MouseEvent<HTMLDivElement>) => {
      if (!window.getSelection()?.isCollapsed) return;
      // By position rather than event target: a re-render between mousedown and mouseup retargets the click to a parent.
      const leaf = document.elementFromPoint(event.clientX, event.clientY)?.closest<HTMLElement>('[data-annotation-ids], [data-suggestion]');
      if (leaf?.dataset.annotationIds) onClickHighlight(leaf.dataset.annotationIds.split(' ').map(Number), leaf.getBoundingClientRect());
      else if (leaf?.dataset.suggestion) onClickSuggestion(Number(leaf.dataset.suggestion), leaf.getBoundingClientRect());
    },
    [onClickHighlight, onClickSuggestion],
  );

  return (
    <PlacementContext value={placement}>
      <Slate key={article.id} editor={editor} initialValue={paragraphs}>
        <SelectionKeeper editor={editor}>
          <Editable
            ref={rootRef}
            className="article-text"
            readOnly
            tabIndex={0}
            decorate={decorate}
            renderElement={renderParagraph}
            renderChunk={renderChunk}
            renderLeaf={renderLeaf}
            onMouseUp={reportSelection}
            onKeyUp={(event) => (event.shiftKey || event.key.startsWith('Arrow')) && reportSelection()}
            onKeyDown={onKeyDown}
            onClick={onClick}
            aria-label="Article text"
            onBlur={() => drawCaret(caretRef.current, null)}
          />
        </SelectionKeeper>
      </Slate>
      <div ref={caretRef} className="text-caret" aria-hidden="true" hidden />
    </PlacementContext>
  );
});

/**
 * The text is read-only, so the browser draws no caret for a collapsed
 * selection in it: caret mode draws its own, placed by hand so that moving
 * it re-renders nothing.
 */
function drawCaret(caret: HTMLDivElement | null, root: HTMLElement | null): void {
  if (!caret) return;
  const selection = window.getSelection();
  const inside = root && selection && selection.rangeCount > 0 && selection.isCollapsed && root.contains(selection.focusNode);
  const rect = inside ? (selection.getRangeAt(0).getClientRects()[0] ?? null) : null;
  caret.hidden = !rect;
  if (rect) Object.assign(caret.style, { left: `${rect.left}px`, top: `${rect.top}px`, height: `${rect.height}px` });
}

/**
 * The paragraph window of this article, with one observer that renders
 * paragraphs as they near the viewport and one that turns them back into
 * placeholders once far from it. A paragraph holding an end of the text
 * selection, or lying between its ends, is never hidden: the selection would
 * lose its place. It is hidden when the selection moves off it.
 */
function usePlacement(paragraphs: readonly ParagraphElement[], rootRef: RefObject<HTMLDivElement | null>): Placement {
  const paragraphWindow = useMemo(() => createParagraphWindow(paragraphs), [paragraphs]);
  const placement = useMemo(() => {
    const observed = new Map<Element, number>();
    /** Chunk elements watched, by their first paragraph. */
    const chunks = new Map<Element, number>();
    /** Rendered paragraphs far from the viewport, with the height they were laid out at. */
    const far = new Map<number, number>();
    /** Open chunks far from the viewport, with the height they were laid out at. */
    const farChunks = new Map<number, number>();
    let observers: Record<'near' | 'far', IntersectionObserver> | null = null;
    const hideFar = () => {
      if (far.size > 0) {
        const [first, last] = selectedParagraphs(observed);
        const hidden = [...far.keys()].filter((index) => index < first || index > last);
        for (const index of hidden) {
          paragraphWindow.laidOut(index, far.get(index)!);
          far.delete(index);
        }
        paragraphWindow.hide(hidden);
      }
      // A far chunk closes once its paragraphs are all hidden (the window keeps it open while one is shown).
      for (const [first, height] of farChunks) paragraphWindow.closeChunk(first, height);
    };
    const watch = () => {
      if (observers) return observers;
      const root = scrollParent(rootRef.current);
      const near = new IntersectionObserver(
        (entries) => {
          const nearing = entries.filter((e) => e.isIntersecting);
          for (const entry of nearing) {
            const first = chunks.get(entry.target);
            if (first !== undefined) paragraphWindow.openChunk(first);
          }
          paragraphWindow.show(nearing.flatMap((e) => observed.get(e.target) ?? []));
        },
        { root, rootMargin: RENDER_AHEAD },
      );
      const farAway = new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            const chunk = chunks.get(entry.target);
            if (chunk !== undefined) {
              if (entry.isIntersecting) farChunks.delete(chunk);
              else farChunks.set(chunk, entry.boundingClientRect.height);
              continue;
            }
            const index = observed.get(entry.target)!;
            if (entry.isIntersecting) far.delete(index);
            else far.set(index, entry.boundingClientRect.height);
          }
          hideFar();
        },
        { root, rootMargin: KEEP_WITHIN },
      );
      return (observers = { near, far: farAway });
    };
    /** Watches paragraphs (`observed`, `far`) or chunks (`chunks`, `farChunks`) by their index or first paragraph. */
    const tracker = (registry: Map<Element, number>, farOnes: Map<number, number>) => (which: 'near' | 'far') => (element: HTMLElement, key: number) => {
      registry.set(element, key);
      watch()[which].observe(element);
      return () => {
        registry.delete(element);
        farOnes.delete(key);
        observers?.[which].unobserve(element);
      };
    };
    const track = tracker(observed, far);
    const trackChunk = tracker(chunks, farChunks);
    const placement: Placement = {
      window: paragraphWindow,
      observe: track('near'),
      keep: track('far'),
      observeChunk: trackChunk('near'),
      keepChunk: trackChunk('far'),
    };
    const stop = () => {
      observers?.near.disconnect();
      observers?.far.disconnect();
      observers = null;
    };
    return { placement, hideFar, stop };
  }, [paragraphWindow, rootRef]);
  useEffect(() => {
    document.addEventListener('selectionchange', placement.hideFar);
    return () => {
      document.removeEventListener('selectionchange', placement.hideFar);
      placement.stop();
    };
  }, [placement]);
  return placement.placement;
}

/** The first and last paragraph the text selection touches, or an empty range when nothing is selected. */
function selectedParagraphs(observed: ReadonlyMap<Element, number>): [number, number] {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0) return [1, 0];
  const at = (node: Node | null) => {
    const element = node instanceof Element ? node : (node?.parentElement ?? null);
    const paragraph = element?.closest('p[data-offset]');
    return paragraph ? observed.get(paragraph) : undefined;
  };
  const anchor = at(selection.anchorNode);
  const focus = at(selection.focusNode);
  if (anchor === undefined || focus === undefined) return [1, 0];
  return [Math.min(anchor, focus), Math.max(anchor, focus)];
}

function scrollParent(element: HTMLElement | null): HTMLElement | null {
  for (let node = element?.parentElement ?? null; node; node = node.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(node).overflowY)) return node;
  }
  return null;
}

const renderParagraph = (props: RenderElementProps) => <Paragraph {...props} />;

const renderChunk = ({ attributes, children, lowest }: RenderChunkProps) => {
  const range = lowest ? chunkParagraphs(children) : null;
  return range ? (
    <Chunk attributes={attributes} first={range[0]} last={range[1]}>
      {children}
    </Chunk>
  ) : (
    children
  );
};

/**
 * A run of paragraphs (Slate's lowest chunk): mounted while near the viewport
 * or holding a shown paragraph, else one empty block of its height, so that
 * paragraphs far from the viewport cost nothing at all, not even a placeholder
 * element each. `flow-root` keeps its last paragraph's margin inside it, so
 * the block it becomes has exactly its laid-out height.
 */
function Chunk({ attributes, children, first, last }: { attributes: RenderChunkProps['attributes']; children: ReactNode; first: number; last: number }) {
  const placement = useContext(PlacementContext)!;
  const subscribe = useCallback((onChange: () => void) => placement.window.subscribeChunk(first, last, onChange), [placement, first, last]);
  const open = useSyncExternalStore(subscribe, () => placement.window.isChunkOpen(first, last));
  const own = useRef<HTMLDivElement | null>(null);
  useEffect(() => (own.current ? (open ? placement.keepChunk : placement.observeChunk)(own.current, first) : undefined), [open, placement, first]);
  return open ? (
    <div {...attributes} ref={own} className="paragraph-chunk">
      {children}
    </div>
  ) : (
    <div {...attributes} ref={own} className="paragraph-chunk placeholder" style={{ height: placement.window.chunkHeight(first, last) }} />
  );
}

/** A paragraph in full, or until it nears the viewport an empty placeholder of about its height. */
function Paragraph({ attributes, children, element }: RenderElementProps) {
  const placement = useContext(PlacementContext)!;
  const { index } = element;
  const subscribe = useCallback((onChange: () => void) => placement.window.subscribe(index, onChange), [placement, index]);
  const shown = useSyncExternalStore(subscribe, () => placement.window.isShown(index));
  const own = useRef<HTMLParagraphElement | null>(null);
  const slateRef = attributes.ref as (node: HTMLElement | null) => void;
  const ref = useCallback(
    (node: HTMLParagraphElement | null) => {
      own.current = node;
      slateRef(node);
    },
    [slateRef],
  );
  useEffect(() => (own.current ? (shown ? placement.keep : placement.observe)(own.current, index) : undefined), [shown, placement, index]);
  const empty = element.children[0].text === '';
  return (
    <p
      {...attributes}
      ref={ref}
      className={empty ? 'blank-line' : shown ? undefined : 'placeholder'}
      data-offset={element.start}
      style={shown ? undefined : { height: placement.window.placeholderHeight(element) }}
    >
      {shown ? children : null}
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
  let suggestion: string | undefined;
  for (const key of Object.keys(leaf)) {
    if (!key.startsWith('hl_')) continue;
    const value = leaf[key as MarkKey] ?? '';
    const annotation = ANNOTATION_MARK.exec(key);
    const ghost = SUGGESTION_MARK.exec(key);
    if (annotation) {
      ids.push(annotation[1]!);
      tags.push(value);
    } else {
      if (ghost) suggestion ??= ghost[1];
      classes.push(`mark-${value}`);
    }
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
      data-suggestion={suggestion}
      title={
        tags.length > 1
          ? `${tags.length} annotations: ${tags.join(', ')} (click to pick one)`
          : suggestion !== undefined && ids.length === 0
            ? 'Suggested span, not an annotation yet: click to accept or reject it'
            : undefined
      }
    >
      {children}
    </span>
  );
}
