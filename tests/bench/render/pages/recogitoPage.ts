// The peer: @recogito/text-annotator over the same article and spans, laid out
// with Crosscheck's own article typography so both tools paint the same text.
import { createTextAnnotator, type Color, type TextAnnotation } from '@recogito/text-annotator';
import '@recogito/text-annotator/text-annotator.css';
import '../../../../renderer/styles.css';
import './benchPage.css';
import type { Tag } from '../../../../main/contract/contract.ts';
import { paragraphAt, toParagraphs } from '../../../../renderer/reading/articleDocument.ts';
import { fetchBenchArticle, renderArticleLines, spanId, type AddedSpan } from './benchArticle.ts';

/** Crosscheck's tag colours (styles.css), as Recogito takes a fill and an opacity rather than a class. */
const TAG_FILL: Record<Tag, Color> = { claim: '#0072b2', denial: '#d55e00', attribution: '#009e73' };

const { text, spans } = await fetchBenchArticle();
renderArticleLines(text);
// Recogito counts offsets over the container's text nodes, which hold no newlines:
// an offset into the stored text moves back by one for every line before it.
const lines = toParagraphs(text);
const linesBefore = (position: number) => paragraphAt(lines, position);
const tags = new Map<string, Tag>();
const toAnnotation = (id: number, { start, end, tag }: Omit<AddedSpan, 'id'>): TextAnnotation => {
  const key = String(id);
  tags.set(key, tag);
  const quote = text.slice(start, end).replaceAll('\n', '');
  // No `range`: the annotator revives it from start and end, which is the work being measured.
  return {
    id: key,
    bodies: [],
    target: {
      annotation: key,
      selector: [{ quote, start: start - linesBefore(start), end: end - linesBefore(end) } as TextAnnotation['target']['selector'][number]],
    },
  };
};

const annotator = createTextAnnotator<TextAnnotation, TextAnnotation>(document.getElementById('article')!, {
  style: (annotation) => ({ fill: TAG_FILL[tags.get(annotation.id) ?? 'claim'], fillOpacity: 0.16 }),
});
annotator.setAnnotations(spans.map((span, i) => toAnnotation(spanId(i), span)));
window.benchTool = { addHighlight: (span) => annotator.addAnnotation(toAnnotation(span.id, span)) };
