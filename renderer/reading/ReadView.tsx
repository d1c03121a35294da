import { useVisibleAnnotations } from '../team/analystFilter.ts';
import { useMe } from '../team/Who.tsx';
import { Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { TAGS } from '../../main/contract/vocabulary.ts';
import type { Annotation, AnnotationPatch, Suggestion, Tag } from '../../main/contract/contract.ts';
import { AnnotationPanel, withTags } from '../annotations/AnnotationPanel.tsx';
import { HighlightPicker } from '../annotations/HighlightPicker.tsx';
import { resizeSpan, snapToWords, trimSpan, type Span } from '../annotations/spanBoundaries.ts';
import { TagToolbar } from '../annotations/TagToolbar.tsx';
import { ArticleList } from '../articles/ArticleList.tsx';
import { articleTitle } from '../articles/articleTitle.ts';
import { useMutate, useQuery } from '../data/DataProvider.tsx';
import { useKeyScope } from '../keys/KeyRouter.tsx';
import { LinksPanel } from '../links/LinksPanel.tsx';
import { acceptInput, rejectInput } from '../links/suggestionActions.ts';
import { SuggestionPopover } from '../links/SuggestionPopover.tsx';
import { VersionNotice } from '../versions/VersionNotice.tsx';
import { isStored, useWorkspace } from '../workspace/WorkspaceProvider.tsx';
import { toParagraphs } from './articleDocument.ts';
import { ReadingPane } from '../shell/onDemand.ts';
import type { ReadingPaneHandle, TextSelection } from './ReadingPane.tsx';
import { useHighlightSources } from './useHighlightSources.ts';
import { DoneControl } from '../team/DoneControl.tsx';

/** How long a shown annotation or followed link is flashed; a search hit stays marked until the next action. */
const FLASH_MS = 1200;
const NO_SUGGESTIONS: Suggestion[] = [];
const ALL_TAGS: ReadonlySet<Tag> = new Set(TAGS);

/** The Read view: the article list, the article with its highlights, and the side panels of the selected annotation. */
export function ReadView() {
  const workspace = useWorkspace();
  const { view, open, selected, selectedId, setSelectedId, focus, focusSpan, pending, snap, setSnap, pin, linkType, report, dialog } = workspace;
  const mutate = useMutate();
  const [textSelection, setTextSelection] = useState<TextSelection | null>(null);
  const [picker, setPicker] = useState<{ ids: number[]; rect: DOMRect } | null>(null);
  const [ghostCard, setGhostCard] = useState<{ index: number; rect: DOMRect } | null>(null);
  const [flash, setFlash] = useState<Span | null>(null);
  const [noteRequest, setNoteRequest] = useState(0);
  /** Tags shown in the side panel and painted in the text: hiding one hides both. */
  const [shownTags, setShownTags] = useState<ReadonlySet<Tag>>(ALL_TAGS);
  const paneRef = useRef<ReadingPaneHandle>(null);
  const scroller = useRef<HTMLElement>(null);
  const active = view === 'read';

  // Keyed by the text alone (strings compare by value): `open` changes with every annotation stored, and new
  // paragraphs would reset the pane's paragraph window, collapsing the text being read into placeholders.
  const openText = open?.article.text;
  const paragraphs = useMemo(() => (openText === undefined ? [] : toParagraphs(openText)), [openText]);
  // Ghosts follow the pinned annotation from article to article. Only a pin shows them: ghosts for whatever
  // happens to be selected would sit on the words the analyst is about to select.
  const suggestions = useQuery('suggestions.list', pin.pinned ? { annotationId: pin.pinned.id } : null).data ?? NO_SUGGESTIONS;
  // Whose annotations show (mine / everyone's / one analyst), then which tags: the highlights and the side panel alike.
  const visible = useVisibleAnnotations(open?.annotations, useMe());
  const shownAnnotations = useMemo(() => (visible ? withTags(visible, shownTags) : undefined), [visible, shownTags]);
  const sources = useHighlightSources({
    paragraphs,
    articleId: open?.article.id ?? null,
    annotations: shownAnnotations,
    selected,
    pending: pending && pending.articleId === open?.article.id ? pending : null,
    flash,
    suggestions,
  });

  // A newly opened article starts at its top, not at the previous one's scroll position.
  const openId = open?.article.id;
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setTextSelection(null);
    setPicker(null);
    setGhostCard(null);
    setFlash(null);
  }, [openId]);

  // A focus request is carried out once its article is on screen.
  useEffect(() => {
    if (!focus || openId !== focus.articleId) return;
    paneRef.current?.scrollToSpan(focus.span);
    setFlash(focus.span);
    if (focus.lasting) return;
    const timer = setTimeout(() => setFlash(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [focus, openId]);

  const selectAnnotation = useCallback(
    (annotation: Annotation) => {
      setSelectedId(annotation.id);
      setPicker(null);
      focusSpan(annotation.articleId, annotation);
    },
    [setSelectedId, focusSpan],
  );

  /** Selects an annotation the analyst is looking at (clicked, or picked where it was clicked): nothing scrolls. */
  const selectInPlace = useCallback(
    (annotation: Annotation) => {
      setSelectedId(annotation.id);
      setPicker(null);
    },
    [setSelectedId],
  );

  const clearTextSelection = () => {
    paneRef.current?.clearSelection();
    setTextSelection(null);
  };

  const tag = (tagName: Tag): boolean => {
    if (!open) return false;
    if (textSelection) {
      const text = open.article.text;
      const span = trimSpan(text, snap ? snapToWords(text, textSelection.span) : textSelection.span);
      clearTextSelection();
      if (span) void workspace.create(span, tagName);
      return true;
    }
    if (!selected) return false;
    void workspace.update(selected.id, (current) => (current.tag === tagName ? null : { tag: tagName }));
    return true;
  };

  const step = (by: 1 | -1) => {
    const list = open?.annotations ?? [];
    const index = list.findIndex((a) => a.id === selectedId);
    const next = list[index < 0 ? (by > 0 ? 0 : list.length - 1) : index + by];
    if (next) selectAnnotation(next);
  };
  const resize = (edge: 'start' | 'end', how: 'grow' | 'shrink') => {
    if (!selected || !open) return false;
    const text = open.article.text;
    // From the span as the edits before this key leave it: a second Shift+→ pressed before the first is answered grows it again.
    void workspace.update(selected.id, (current) => resizeSpan(text, current, edge, how));
  };
  const applyPatch = ({ id, ...change }: AnnotationPatch) => void workspace.update(id, () => change);
  /** A key that needs the selected annotation stored (pin, link): it waits for one still being stored. */
  const needSelected = (then: (annotation: Annotation) => void) => () => {
    if (!selected) {
      report('Select an annotation first: click its highlight, pick it from the side panel, or press j.');
      return;
    }
    void workspace.settled(selected.id).then((stored) => stored && then(stored));
  };

  useKeyScope(
    'read',
    {
      'tag.claim': () => tag('claim'),
      'tag.denial': () => tag('denial'),
      'tag.attribution': () => tag('attribution'),
      caret: () => paneRef.current?.placeCaret(),
      snap: () => setSnap(!snap),
      next: () => step(1),
      previous: () => step(-1),
      'grow.end': () => resize('end', 'grow'),
      'shrink.end': () => resize('end', 'shrink'),
      'grow.start': () => resize('start', 'grow'),
      'shrink.start': () => resize('start', 'shrink'),
      note: () => (selected ? setNoteRequest((n) => n + 1) : false),
      delete: () => (selected ? void workspace.remove(selected.id) : false),
      pin: needSelected((annotation) => pin.toggle(annotation)),
      unpin: () => pin.unpin(),
      link: needSelected((annotation) => {
        if (!pin.pinned) return report('Pin an annotation first (p), then select the one to link it to and press L.');
        void mutate('links.create', { fromId: pin.pinned.id, toId: annotation.id, type: linkType });
      }),
      escape: () => {
        if (textSelection || window.getSelection()?.rangeCount) clearTextSelection();
        setPicker(null);
        setGhostCard(null);
        setSelectedId(null);
        setFlash(null);
      },
    },
    active && dialog === null,
  );

  const clickHighlight = useRef<(ids: number[], rect: DOMRect) => void>(null!);
  clickHighlight.current = (ids, rect) => {
    const annotations = ids.flatMap((id) => open?.annotations.find((a) => a.id === id) ?? []);
    // Selected where it was clicked, without scrolling to it: the click may be the first of a double-click
    // selecting a word to tag, and text moved under the pointer would put the second click on other words.
    if (annotations.length === 1) selectInPlace(annotations[0]!);
    else setPicker({ ids, rect });
  };
  // Stable, so that the reading pane does not re-render when only the annotation list changed.
  const onClickHighlight = useCallback((ids: number[], rect: DOMRect) => clickHighlight.current(ids, rect), []);
  const onClickSuggestion = useCallback((index: number, rect: DOMRect) => setGhostCard({ index, rect }), []);
  // A text selection made through a ghost or an overlap (a double-click, a drag) is for tagging: the card or picker gives way.
  const onSelectText = useCallback((selection: TextSelection | null) => {
    setTextSelection(selection);
    if (!selection) return;
    // A double-click on overlapping highlights opens the picker with its first click: the word it then selects wins.
    setPicker(null);
    setGhostCard(null);
    setFlash(null);
  }, []);

  // The editor shows the selected annotation unless the analyst filter hides it; one still being stored is the analyst's own.
  const editing = selected && (!isStored(selected) || (visible ?? open?.annotations ?? []).some((a) => a.id === selected.id)) ? selected : null;

  const card = ghostCard ? suggestions[ghostCard.index] : undefined;
  const decide = async (suggestion: Suggestion, accept: boolean) => {
    setGhostCard(null);
    if (!accept) return void (await mutate('suggestions.reject', rejectInput(suggestion)));
    const result = await mutate('suggestions.accept', acceptInput(suggestion, linkType));
    if (result) setSelectedId(result.annotation.id);
  };

  return (
    <>
      <nav className="sidebar" aria-label="Articles" hidden={!active}>
        <ArticleList selectedId={workspace.articleId} onSelect={workspace.openArticle} />
      </nav>
      <main ref={scroller} className="reading" hidden={!active}>
        {open ? (
          <article aria-labelledby="article-heading">
            <header className="article-header">
              <p className="article-meta">
                <span>{open.article.outlet ?? 'Unknown outlet'}</span>
                <span>{open.article.published ?? 'undated'}</span>
                <span>{open.annotations.length} annotations</span>
                <button type="button" className="quiet-button" onClick={() => workspace.setDialog('details')}>
                  Edit details
                </button>
                <button type="button" className="quiet-button" onClick={() => workspace.setDialog('source')}>
                  Source as captured
                </button>
                <DoneControl articleId={open.article.id} />
              </p>
              <h2 id="article-heading" className={articleTitle(open.article).known ? undefined : 'unknown'}>
                {articleTitle(open.article).text}
              </h2>
              <VersionNotice articleId={open.article.id} onOpen={workspace.openArticle} />
            </header>
            <Suspense fallback={<p className="muted">Loading the article…</p>}>
              <ReadingPane
                ref={paneRef}
                article={open.article}
                paragraphs={paragraphs}
                sources={sources}
                onSelectText={onSelectText}
                onClickHighlight={onClickHighlight}
                onClickSuggestion={onClickSuggestion}
              />
            </Suspense>
          </article>
        ) : (
          <p className="empty">Select an article on the left to read it.</p>
        )}
      </main>
      {open && active && (
        <div className="right-column">
          <AnnotationPanel
            annotations={visible ?? open.annotations}
            authors={[...new Set(open.annotations.map((a) => a.author))]}
            selected={editing}
            editorKey={workspace.editorKey}
            noteRequest={noteRequest}
            suggestionCount={suggestions.filter((s) => s.articleId === open.article.id).length}
            shownTags={shownTags}
            onShownTagsChange={setShownTags}
            onSelect={(id) => selectAnnotation(open.annotations.find((a) => a.id === id)!)}
            onUpdate={applyPatch}
            onDelete={(id) => void workspace.remove(id)}
          />
          <LinksPanel selected={selected && isStored(selected) ? selected : null} onFollow={workspace.openAt} />
        </div>
      )}
      {active && textSelection && <TagToolbar rect={textSelection.rect} onTag={tag} />}
      {active && picker && open && (
        <HighlightPicker
          annotations={picker.ids.flatMap((id) => open.annotations.find((a) => a.id === id) ?? [])}
          rect={picker.rect}
          onPick={(id) => selectInPlace(open.annotations.find((a) => a.id === id)!)}
          onClose={() => setPicker(null)}
        />
      )}
      {active && card && ghostCard && (
        <SuggestionPopover
          suggestion={card}
          rect={ghostCard.rect}
          onAccept={() => void decide(card, true)}
          onReject={() => void decide(card, false)}
          onClose={() => setGhostCard(null)}
        />
      )}
    </>
  );
}
