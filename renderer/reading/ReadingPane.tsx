import { useCallback, useMemo } from 'react';
import { createEditor, Element, type BaseEditor, type NodeEntry, type Range } from 'slate';
import { Editable, Slate, withReact, type ReactEditor, type RenderElementProps, type RenderLeafProps } from 'slate-react';
import type { Annotation, Article, Tag } from '../../main/api/contract.ts';
import { toParagraphs, type ParagraphElement } from './articleDocument.ts';
import { highlightsByParagraph } from './decorations.ts';

/** A leaf carries one `hl<annotationId>: tag` mark per annotation over it, so overlapping spans never overwrite each other. */
type HighlightMarks = { [key: `hl${number}`]: Tag };

declare module 'slate' {
  interface CustomTypes {
    Editor: BaseEditor & ReactEditor;
    Element: ParagraphElement;
    Text: { text: string } & HighlightMarks;
  }
}

export interface ReadingPaneProps {
  article: Article;
  annotations: readonly Annotation[];
}

/** The article as read-only Slate paragraphs with every annotation highlighted in its tag's colour. */
export function ReadingPane({ article, annotations }: ReadingPaneProps) {
  const editor = useMemo(() => withReact(createEditor()), [article.id]);
  const paragraphs = useMemo(() => toParagraphs(article.text), [article.text]);
  const highlights = useMemo(() => highlightsByParagraph(paragraphs, annotations), [paragraphs, annotations]);

  const decorate = useCallback(
    ([node, path]: NodeEntry): Range[] => {
      if (!Element.isElement(node) || path.length !== 1) return [];
      return (highlights.get(path[0]!) ?? []).map((h) => ({
        anchor: { path: [path[0]!, 0], offset: h.start },
        focus: { path: [path[0]!, 0], offset: h.end },
        [`hl${h.annotationId}`]: h.tag,
      }));
    },
    [highlights],
  );

  return (
    <Slate key={article.id} editor={editor} initialValue={paragraphs}>
      <Editable className="article-text" readOnly decorate={decorate} renderElement={renderParagraph} renderLeaf={renderLeaf} aria-label="Article text" />
    </Slate>
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

function renderLeaf({ attributes, children, leaf }: RenderLeafProps) {
  const marks = Object.keys(leaf).filter((key): key is `hl${number}` => key.startsWith('hl'));
  if (marks.length === 0) return <span {...attributes}>{children}</span>;
  const tags = marks.map((key) => leaf[key]);
  return (
    <span
      {...attributes}
      className={`hl hl-${tags[tags.length - 1]}`}
      data-tags={tags.join(' ')}
      data-annotation-ids={marks.map((key) => key.slice(2)).join(' ')}
      data-depth={Math.min(marks.length, 3)}
    >
      {children}
    </span>
  );
}
