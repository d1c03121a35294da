// Crosscheck's real reading pane, mounted alone with the benchmark article, the
// way the app mounts it once an article is opened. Loaded as a chunk of its own
// beside the article's fetch (crosscheckPage.ts), as the app loads the pane.
import { useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Annotation, Article } from '../../../../main/contract/contract.ts';
import { toParagraphs } from '../../../../renderer/reading/articleDocument.ts';
import { ReadingPane } from '../../../../renderer/reading/ReadingPane.tsx';
import { useAnnotationIndex } from '../../../../renderer/reading/useAnnotationIndex.ts';
import { spanId, type AddedSpan, type BenchArticle } from './benchArticle.ts';

/** Mounts the reading pane on `#article` with the article and its spans as annotations. */
export function mountReadingPane({ text, spans }: BenchArticle): void {
  const CREATED = '2026-01-01T00:00:00.000Z';
  const toAnnotation = (id: number, { start, end, tag }: Omit<AddedSpan, 'id'>): Annotation => ({
    id,
    articleId: 1,
    start,
    end,
    quote: text.slice(start, end),
    prefix: '',
    suffix: '',
    tag,
    note: '',
    speaker: null,
    author: 'bench',
    createdAt: CREATED,
    updatedAt: CREATED,
  });
  const article: Article = {
    id: 1,
    title: 'Benchmark article',
    outlet: null,
    published: null,
    url: null,
    fileName: null,
    length: text.length,
    importedAt: CREATED,
    text,
    sha256: '0'.repeat(64),
  };

  const ignore = () => {};

  function BenchReadingPane() {
    const [annotations, setAnnotations] = useState(() => spans.map((span, i) => toAnnotation(spanId(i), span)));
    window.benchTool = { addHighlight: (span) => setAnnotations((list) => [...list, toAnnotation(span.id, span)]) };
    const paragraphs = useMemo(() => toParagraphs(text), []);
    const highlights = useAnnotationIndex(paragraphs, annotations);
    const sources = useMemo(() => [highlights], [highlights]);
    return (
      <ReadingPane article={article} paragraphs={paragraphs} sources={sources} onSelectText={ignore} onClickHighlight={ignore} onClickSuggestion={ignore} />
    );
  }

  createRoot(document.getElementById('article')!).render(<BenchReadingPane />);
}
