import { useCallback, useEffect, useRef, useState } from 'react';
import type { Annotation, AnnotationPatch, Article, HistoryState, Tag } from '../../main/api/contract.ts';
import type { Client } from '../api/client.ts';
import type { Span } from './spanBoundaries.ts';

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
}

const byTextOrder = (a: Annotation, b: Annotation) => a.start - b.start || a.end - b.end || a.id - b.id;

/**
 * The open article, its annotations, the selected annotation and the undo
 * history: every change goes to main first and the screen shows what came back.
 */
export function useWorkspace(client: Client, onError: (message: string) => void) {
  const [articleId, setArticleId] = useState<number | null>(null);
  const [open, setOpen] = useState<OpenArticle | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [history, setHistory] = useState<HistoryState>({ undo: null, redo: null });
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  /** A span being tagged: painted at once, until the corpus answers with the stored annotation (or an error). */
  const [pending, setPending] = useState<{ span: Span; tag: Tag } | null>(null);
  const seq = useRef(0);
  /** Set by openAt: the annotation (or offset) to select and show once its article's annotations arrive. */
  const target = useRef<{ articleId: number; annotationId: number | null; offset: number } | null>(null);
  const [reloads, setReloads] = useState(0);
  const report = useCallback((error: Error) => onError(error.message), [onError]);

  const refreshHistory = useCallback(() => {
    client.call('history.state', {}).then(setHistory, report);
  }, [client, report]);
  useEffect(refreshHistory, [refreshHistory]);

  const focusSpan = useCallback((target: number, span: Span) => setFocus({ articleId: target, span, seq: ++seq.current }), []);

  useEffect(() => {
    if (articleId === null) return;
    let current = true;
    Promise.all([client.call('articles.get', { id: articleId }), client.call('annotations.list', { articleId })]).then(([article, annotations]) => {
      if (!current) return;
      setOpen({ article, annotations });
      const wanted = target.current;
      if (wanted?.articleId !== articleId) return;
      target.current = null;
      const annotation = annotations.find((a) => a.id === wanted.annotationId);
      setSelectedId(annotation?.id ?? null);
      focusSpan(articleId, annotation ?? { start: wanted.offset, end: Math.min(wanted.offset + 1, article.length) });
    }, (error: Error) => current && report(error));
    return () => {
      current = false;
    };
  }, [client, articleId, reloads, report]);


  /** Opens an article and shows an annotation in it, or the text at an offset (a link or a suggestion followed). */
  const openAt = useCallback((id: number, annotationId: number | null, offset: number) => {
    target.current = { articleId: id, annotationId, offset };
    setArticleId(id);
    setReloads((n) => n + 1);
  }, []);

  /** Reads the open article's annotations again, after a change made elsewhere (a link accepted into it). */
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  const openArticle = useCallback((id: number) => {
    setArticleId(id);
    setSelectedId(null);
  }, []);

  const replace = useCallback((change: (annotations: Annotation[]) => Annotation[]) => {
    setOpen((current) => current && { ...current, annotations: change(current.annotations) });
  }, []);

  const create = useCallback(
    async (span: Span, tag: Tag) => {
      if (!open) return;
      setPending({ span, tag });
      try {
        const created = await client.call('annotations.create', { articleId: open.article.id, start: span.start, end: span.end, tag });
        replace((list) => [...list, created].sort(byTextOrder));
        setSelectedId(created.id);
        refreshHistory();
      } catch (error) {
        report(error as Error);
      } finally {
        setPending(null);
      }
    },
    [client, open, replace, refreshHistory, report],
  );

  const update = useCallback(
    async (patch: AnnotationPatch) => {
      try {
        const updated = await client.call('annotations.update', patch);
        replace((list) => list.map((a) => (a.id === updated.id ? updated : a)).sort(byTextOrder));
        refreshHistory();
      } catch (error) {
        report(error as Error);
      }
    },
    [client, replace, refreshHistory, report],
  );

  const remove = useCallback(
    async (id: number) => {
      try {
        await client.call('annotations.delete', { id });
        replace((list) => list.filter((a) => a.id !== id));
        setSelectedId((current) => (current === id ? null : current));
        refreshHistory();
      } catch (error) {
        report(error as Error);
      }
    },
    [client, replace, refreshHistory, report],
  );

  /** Undo or redo, wherever the step happened: its article is opened and the annotation shown. */
  const replay = useCallback(
    async (direction: 'undo' | 'redo') => {
      try {
        const { applied, state } = await client.call(`history.${direction}`, {});
        setHistory(state);
        // A step about a speaker belongs to no article: nothing to open.
        if (!applied || applied.articleId === null) return;
        const articleId = applied.articleId;
        const annotations = await client.call('annotations.list', { articleId });
        if (open?.article.id === articleId) setOpen({ article: open.article, annotations });
        else setArticleId(articleId);
        const shown = annotations.find((a) => a.id === applied.annotationId);
        setSelectedId(shown ? shown.id : null);
        if (shown) focusSpan(articleId, shown);
      } catch (error) {
        report(error as Error);
      }
    },
    [client, open, focusSpan, report],
  );

  return { articleId, open, openArticle, openAt, reload, selectedId, setSelectedId, history, focus, focusSpan, pending, create, update, remove, replay };
}
