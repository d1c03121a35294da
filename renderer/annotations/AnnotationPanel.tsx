import { useEffect, useMemo, useRef, useState } from 'react';
import { TAGS } from '../../main/contract/vocabulary.ts';
import type { Annotation, AnnotationPatch, Tag } from '../../main/contract/contract.ts';
import { AnalystFilterControl, AnnotationAuthor } from '../team/Who.tsx';
import { SpeakerField } from './SpeakerField.tsx';

/** Rows are one fixed height so that only the visible ones need to exist (articles can carry thousands). */
const ROW_HEIGHT = 48;
const OVERSCAN = 8;

export interface AnnotationPanelProps {
  annotations: readonly Annotation[];
  /** Who made the open article's annotations, whatever the analyst filter shows. */
  authors?: readonly string[];
  /** The annotation the editor shows: the selected one, which may still be being stored (not yet in the list). */
  selected: Annotation | null;
  /** Keeps the editor of an annotation the same while it goes from being stored to stored. */
  editorKey(id: number): number;
  /** Increments when the note of the selected annotation should take the keyboard (key `n`). */
  noteRequest: number;
  /** Suggested spans shown in the article (ghosts), so an empty list does not read as "nothing here". */
  suggestionCount?: number;
  /** The tags shown, in this list and as highlights in the text. */
  shownTags: ReadonlySet<Tag>;
  onShownTagsChange(tags: ReadonlySet<Tag>): void;
  onSelect(id: number): void;
  onUpdate(patch: AnnotationPatch): void;
  onDelete(id: number): void;
}

/** The open article's annotations in text order, filterable by tag (the text's highlights follow the filter), with an editor for the selected one. */
export function AnnotationPanel({
  annotations,
  authors = [],
  selected,
  editorKey,
  noteRequest,
  suggestionCount = 0,
  shownTags: filter,
  onShownTagsChange,
  onSelect,
  onUpdate,
  onDelete,
}: AnnotationPanelProps) {
  const shown = useMemo(() => withTags(annotations, filter), [annotations, filter]);
  const selectedId = selected?.id ?? null;
  const toggle = (tag: Tag) => {
    const next = new Set(filter);
    if (!next.delete(tag)) next.add(tag);
    onShownTagsChange(next);
  };

  return (
    <aside className="annotation-panel" aria-label="Annotations">
      <div className="panel-filter" role="group" aria-label="Show tags">
        {TAGS.map((tag) => (
          <label key={tag} className={`filter-${tag}`}>
            <input type="checkbox" checked={filter.has(tag)} onChange={() => toggle(tag)} /> {tag}
          </label>
        ))}
        <AnalystFilterControl authors={authors} />
        <span className="panel-count">
          {shown.length} of {annotations.length}
        </span>
      </div>
      <AnnotationRows annotations={shown} selectedId={selectedId} suggestionCount={suggestionCount} onSelect={onSelect} />
      {selected && <AnnotationEditor key={editorKey(selected.id)} annotation={selected} noteRequest={noteRequest} onUpdate={onUpdate} onDelete={onDelete} />}
    </aside>
  );
}

/** The annotations whose tag is shown; the very list when every tag is. */
export const withTags = <T extends { tag: Tag }>(annotations: readonly T[], tags: ReadonlySet<Tag>): readonly T[] =>
  TAGS.every((tag) => tags.has(tag)) ? annotations : annotations.filter((a) => tags.has(a.tag));

function AnnotationRows({
  annotations,
  selectedId,
  suggestionCount,
  onSelect,
}: Pick<AnnotationPanelProps, 'annotations' | 'onSelect'> & { selectedId: number | null; suggestionCount: number }) {
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const list = listRef.current!;
    const observer = new ResizeObserver(() => setHeight(list.clientHeight));
    observer.observe(list);
    return () => observer.disconnect();
  }, []);

  // Keeps the selected row in view, e.g. after a click on its highlight or j/k.
  useEffect(() => {
    const index = annotations.findIndex((a) => a.id === selectedId);
    const list = listRef.current;
    if (index < 0 || !list) return;
    const top = index * ROW_HEIGHT;
    if (top < list.scrollTop || top + ROW_HEIGHT > list.scrollTop + list.clientHeight) list.scrollTop = top - list.clientHeight / 2;
  }, [annotations, selectedId]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(annotations.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  return (
    <div
      ref={listRef}
      className="annotation-rows"
      role="listbox"
      aria-label="Annotations in text order"
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div style={{ height: annotations.length * ROW_HEIGHT, position: 'relative' }}>
        {annotations.slice(first, last).map((a, i) => (
          <div
            key={a.id}
            role="option"
            aria-selected={a.id === selectedId}
            className="annotation-row"
            style={{ top: (first + i) * ROW_HEIGHT, height: ROW_HEIGHT }}
            onClick={() => onSelect(a.id)}
            data-annotation-id={a.id}
          >
            <span className={`tag-chip hl-${a.tag}`}>{a.tag}</span>
            {a.speaker && <span className="row-speaker">{a.speaker}</span>}
            <AnnotationAuthor author={a.author} />
            {a.note && <span className="row-note">{a.note}</span>}
            <span className="row-quote">{a.quote}</span>
          </div>
        ))}
      </div>
      {annotations.length === 0 && (
        <p className="empty">
          {suggestionCount > 0
            ? `No annotations yet; ${suggestionCount} suggested span${suggestionCount === 1 ? '' : 's'} (dashed) in the text: click one to accept or reject it.`
            : 'No annotations yet. Select text (drag, or press v for a caret and Shift+arrows) and press c, d or a.'}
        </p>
      )}
    </div>
  );
}

function AnnotationEditor({
  annotation,
  noteRequest,
  onUpdate,
  onDelete,
}: { annotation: Annotation; noteRequest: number } & Pick<AnnotationPanelProps, 'onUpdate' | 'onDelete'>) {
  const [note, setNote] = useState(annotation.note);
  const [speaker, setSpeaker] = useState(annotation.speaker ?? '');
  const noteRef = useRef<HTMLTextAreaElement>(null);
  // Only a request made while this annotation is selected takes the keyboard, not one left from before.
  const requestAtMount = useRef(noteRequest);
  useEffect(() => setNote(annotation.note), [annotation.note]);
  useEffect(() => setSpeaker(annotation.speaker ?? ''), [annotation.speaker]);
  useEffect(() => {
    if (noteRequest !== requestAtMount.current) noteRef.current?.focus();
  }, [noteRequest]);

  const saveNote = () => note !== annotation.note && onUpdate({ id: annotation.id, note });
  const saveSpeaker = (picked = speaker) => {
    const value = picked.trim() === '' ? null : picked.trim();
    if (value !== annotation.speaker) onUpdate({ id: annotation.id, speaker: value });
  };

  return (
    <section className="annotation-editor" aria-label="Selected annotation">
      <p className="editor-quote">
        <q>{annotation.quote}</q>{' '}
        <span className="editor-offsets">
          {annotation.start}–{annotation.end}
        </span>
      </p>
      <label>
        Tag{' '}
        <select value={annotation.tag} onChange={(e) => onUpdate({ id: annotation.id, tag: e.target.value as Tag })}>
          {TAGS.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </label>
      <label>
        Speaker <SpeakerField value={speaker} onChange={setSpeaker} onSave={saveSpeaker} />
      </label>
      <label>
        Note
        <textarea
          ref={noteRef}
          value={note}
          rows={3}
          onChange={(e) => setNote(e.target.value)}
          onBlur={saveNote}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) saveNote();
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
        />
      </label>
      <button type="button" className="delete-button" onClick={() => onDelete(annotation.id)}>
        Delete annotation
      </button>
    </section>
  );
}
