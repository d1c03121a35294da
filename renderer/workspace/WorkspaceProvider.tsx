import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Annotation, Article, HistoryState, LinkType, Tag } from '../../main/contract/contract.ts';
import type { Span } from '../annotations/spanBoundaries.ts';
import { useMutate, useQuery, useReportError } from '../data/DataProvider.tsx';
import type { ReadPatch } from '../data/queryCache.ts';
import type { Scope } from '../keys/keyTable.ts';
import { AnnotationEdits, type AnnotationChange } from './annotationEdits.ts';
import { usePin, type Pin } from './usePin.ts';

export interface OpenArticle {
  article: Article;
  /** In text order (start, end, id), as the side panel lists them. */
  annotations: Annotation[];
}

/** A request to bring a span into view; `seq` makes a repeated request for the same span count. */
export interface FocusRequest {
  articleId: number;
  span: Span;
  seq: number;
  /** A search hit: marked until the analyst does something else, not flashed for a moment. */
  lasting?: boolean;
}

export type View = 'read' | 'review';
export type DialogName = 'import' | 'export' | 'orphans' | 'details' | 'settings' | 'source';

/** False for an annotation still being stored: it has a provisional id, which main has never seen. */
export const isStored = (annotation: Annotation): boolean => annotation.id > 0;

/** An annotation being stored, as it will be stored: what the side panel edits until main answers. */
function provisionalAnnotation(id: number, article: Article, span: Span, tag: Tag): Annotation {
  const text = article.text;
  return {
    id,
    articleId: article.id,
    start: span.start,
    end: span.end,
    quote: text.slice(span.start, span.end),
    prefix: '',
    suffix: '',
    tag,
    note: '',
    speaker: null,
    author: '',
    createdAt: '',
    updatedAt: '',
  };
}

const byTextOrder = (a: Annotation, b: Annotation) => a.start - b.start || a.end - b.end || a.id - b.id;
const NO_HISTORY: HistoryState = { undo: null, redo: null };
/** An article's annotation list brought up to date by one of the analyst's own edits, kept in text order. */
const listPatch = (articleId: number, change: (list: Annotation[]) => Annotation[]): ReadPatch<'annotations.list'> => ({
  method: 'annotations.list',
  input: { articleId },
  apply: (list) => change(list).sort(byTextOrder),
});

/**
 * What the analyst is working on, shared by the top bar, the Read view and the
 * Review desk: the view, the open article and its annotations, the selected
 * annotation, the pin, the undo history and the open dialog. Every change goes
 * to main first and the screen shows what came back.
 */
function useWorkspaceState() {
  const mutate = useMutate();
  const report = useReportError();
  const [view, setView] = useState<View>('read');
  const [articleId, setArticleId] = useState<number | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  /** An annotation being stored: selected, painted and editable before main has answered. */
  const [pending, setPending] = useState<Annotation | null>(null);
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const [help, setHelp] = useState<Scope[] | null>(null);
  const [snap, setSnap] = useState(true);
  const [linkType, setLinkType] = useState<LinkType>('same-claim');
  const seq = useRef(0);
  /** Bumped by openAt, so that a request into the article already open is carried out too. */
  const [targetSeq, setTargetSeq] = useState(0);
  /** Set by openAt: the annotation (or offset) to select and show once its article's annotations arrive. */
  const target = useRef<{ articleId: number; annotationId: number | null; offset: number; span?: Span } | null>(null);

  const articleQuery = useQuery('articles.get', articleId === null ? null : { id: articleId });
  const annotationsQuery = useQuery('annotations.list', articleId === null ? null : { articleId });
  const history = useQuery('history.state', {}).data ?? NO_HISTORY;
  const open = useMemo<OpenArticle | null>(() => {
    const article = articleQuery.data;
    const annotations = annotationsQuery.data;
    return article && article.id === articleId && annotations ? { article, annotations } : null;
  }, [articleQuery.data, annotationsQuery.data, articleId]);

  // What the queued edits read as "the annotation now": the list on screen, once it has caught up with their answers.
  const shownList = useRef<readonly Annotation[]>([]);
  const [edits] = useState(() => new AnnotationEdits((id) => shownList.current.find((a) => a.id === id)));
  useEffect(() => {
    shownList.current = open?.annotations ?? [];
    edits.caughtUp();
  }, [open, edits]);

  const focusSpan = useCallback(
    (article: number, span: Span, lasting = false) => setFocus({ articleId: article, span, seq: ++seq.current, ...(lasting ? { lasting } : {}) }),
    [],
  );

  // A followed link or suggestion: select and show its annotation (or offset) once the article is open.
  useEffect(() => {
    const wanted = target.current;
    if (!open || wanted?.articleId !== open.article.id) return;
    target.current = null;
    const annotation = open.annotations.find((a) => a.id === wanted.annotationId);
    setSelectedId(annotation?.id ?? null);
    if (!annotation && wanted.span) focusSpan(open.article.id, wanted.span, true);
    else focusSpan(open.article.id, annotation ?? { start: wanted.offset, end: Math.min(wanted.offset + 1, open.article.length) });
  }, [open, focusSpan, targetSeq]);

  const openArticle = useCallback((id: number) => {
    setView('read');
    setArticleId(id);
    setSelectedId(null);
  }, []);

  /** Opens an article and shows an annotation in it, or the text at an offset (a link or a suggestion followed). */
  const openAt = useCallback((id: number, annotationId: number | null, offset: number, span?: Span) => {
    target.current = { articleId: id, annotationId, offset, span };
    setView('read');
    setArticleId(id);
    setSelectedId(null);
    setTargetSeq((n) => n + 1);
  }, []);

  const create = useCallback(
    async (span: Span, tag: Tag) => {
      if (!open) return;
      const article = open.article;
      const id = edits.provisionalId();
      // Selected at once, so that a key pressed before main answers (a note, a resize, a retag) edits it.
      setPending(provisionalAnnotation(id, article, span, tag));
      setSelectedId(id);
      const created = await edits.create(id, () =>
        mutate('annotations.create', { articleId: article.id, start: span.start, end: span.end, tag }, undefined, (stored) =>
          listPatch(stored.articleId, (list) => [...list.filter((a) => a.id !== stored.id), stored]),
        ),
      );
      setPending((shown) => (shown?.id === id ? null : shown));
      setSelectedId((current) => (current === id ? (created?.id ?? null) : current));
    },
    [open, mutate, edits],
  );

  /** Changes an annotation by what `change` makes of it once the edits before it are done (a resize grows what the last resize left). */
  const update = useCallback(
    async (id: number, change: AnnotationChange) => {
      await edits.update(id, change, (patch) =>
        mutate('annotations.update', patch, undefined, (updated) =>
          listPatch(updated.articleId, (list) => list.map((a) => (a.id === updated.id ? updated : a))),
        ),
      );
    },
    [mutate, edits],
  );

  const remove = useCallback(
    async (id: number) => {
      const removed = await edits.remove(id, async (storedId) => {
        const articleId = open?.annotations.find((a) => a.id === storedId)?.articleId;
        const answer = await mutate('annotations.delete', { id: storedId }, undefined, () =>
          articleId === undefined ? null : listPatch(articleId, (list) => list.filter((a) => a.id !== storedId)),
        );
        return answer !== undefined;
      });
      if (removed === null) return;
      setSelectedId((current) => (current === removed || current === id ? null : current));
    },
    [open, mutate, edits],
  );

  /**
   * Undo or redo. In the Read view the step's article is opened and its
   * annotation shown; in the Review desk the desk stays where it is and its
   * tables refresh.
   */
  const replay = useCallback(
    async (direction: 'undo' | 'redo') => {
      // In its turn: Ctrl+Z right after a tag key undoes that tag, even before main has answered it.
      const replayed = await edits.after(() => mutate(`history.${direction}`, {}));
      const applied = replayed?.applied;
      // A step about a speaker belongs to no article: nothing to open.
      if (!applied || applied.articleId === null || view !== 'read') return;
      const stepArticle = applied.articleId;
      if (stepArticle !== articleId) {
        target.current = { articleId: stepArticle, annotationId: applied.annotationId, offset: 0 };
        setTargetSeq((n) => n + 1);
      }
      setArticleId(stepArticle);
      setSelectedId(applied.annotationId);
      if (stepArticle === articleId && open) {
        const shown = open.annotations.find((a) => a.id === applied.annotationId);
        if (shown) focusSpan(stepArticle, shown);
      }
    },
    [mutate, view, articleId, open, focusSpan, edits],
  );

  const pin = usePin();

  /** The selected annotation, stored or still being stored (a negative id: see `isStored`). */
  const selected = (pending?.id === selectedId ? pending : open?.annotations.find((a) => a.id === selectedId)) ?? null;

  return {
    view,
    setView,
    articleId,
    open,
    openArticle,
    openAt,
    selectedId,
    selected,
    setSelectedId,
    focus,
    focusSpan,
    pending,
    create,
    update,
    remove,
    settled: useCallback((id: number) => edits.settled(id), [edits]),
    editorKey: useCallback((id: number) => edits.keyOf(id), [edits]),
    replay,
    history,
    dialog,
    setDialog,
    help,
    setHelp,
    snap,
    setSnap,
    linkType,
    setLinkType,
    pin,
    report,
  };
}

export type Workspace = ReturnType<typeof useWorkspaceState> & { pin: Pin };

const WorkspaceContext = createContext<Workspace | null>(null);

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const workspace = useWorkspaceState();
  return <WorkspaceContext value={workspace}>{children}</WorkspaceContext>;
}

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace needs a WorkspaceProvider above it.');
  return workspace;
}
