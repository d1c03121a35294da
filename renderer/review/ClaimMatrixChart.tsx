import { useMemo, useRef, type KeyboardEvent } from 'react';
import type { ClaimMatrix, Suggestion } from '../../main/contract/contract.ts';
import { useCall, useReportError } from '../data/DataProvider.tsx';
import { useWorkspace } from '../workspace/WorkspaceProvider.tsx';
import { wrapWhole } from './chartText.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { matrixCells, type MatrixCell, type MatrixCellState } from './matrixCells.ts';

const LABEL_WIDTH = 320;
const CELL_WIDTH = 130;
const LINE_HEIGHT = 14;
/** Characters per line at 12px system-ui: about 6.5 px a character, measured on the seed labels in Chromium. */
const LABEL_CHARS = 46;
/** Source names are bold, and file names are digits (about 8.1 px each in headless Chromium, measured on the seed file names): 14 fit a 124 px cell. */
const SOURCE_CHARS = 14;
const LEGEND_ROW = 20;
/** About 6.5 px a character at 12px system-ui (as LABEL_CHARS): the legend's longest line sets the least width. */
const CHAR_PX = 6.5;
/** Where a legend entry's meaning starts, right of its swatch (wide enough for "not annotated yet"). */
const LEGEND_TEXT_X = 130;
const NO_SUGGESTIONS: Suggestion[] = [];
/** Okabe–Ito, as the tag colours; each state also carries a word, so colour is never the only cue. */
const STATE_STYLE: Record<MatrixCellState, { fill: string; text: string; stroke?: string; label: string; meaning: string }> = {
  reported: { fill: '#0072b2', text: '#fff', label: 'reported', meaning: 'the source reports the claim (a linked annotation)' },
  denied: { fill: '#d55e00', text: '#fff', label: 'denied', meaning: 'the source denies or contradicts the claim' },
  suggested: {
    fill: '#fff',
    text: '#1d2129',
    stroke: '#5f6673',
    label: 'suggested?',
    meaning: 'nothing linked yet, but a suggestion in the source awaits review',
  },
  absent: {
    fill: '#f1f2f4',
    text: '#3d434d',
    label: 'not reported',
    meaning: 'not reported: the source’s articles are annotated, none of them with this claim, and nothing is suggested',
  },
  unannotated: {
    fill: '#fff',
    text: '#3d434d',
    stroke: '#9aa0aa',
    label: 'not annotated yet',
    meaning: 'not annotated yet: the source has articles nobody has annotated, so the claim may be there unseen',
  },
};
const STATE_NAME: Record<MatrixCellState, string> = {
  reported: 'reported',
  denied: 'denied',
  suggested: 'suggested, awaiting review',
  absent: 'not reported',
  unannotated: 'not annotated yet',
};

/**
 * Claims × sources: which outlet reported, denied or left out each claim
 * group, with pending suggestions shown as such. Cells open what they stand
 * for (the report, the suggestion, the source). Labels wrap rather than being
 * cut, and the legend is part of the picture, so a saved SVG or PNG reads
 * alone. Styles are attributes, so the saved file looks the same.
 */
export function ClaimMatrixChart({ matrix }: { matrix: ClaimMatrix }) {
  const svg = useRef<SVGSVGElement>(null);
  const { openAt, openArticle } = useWorkspace();
  // The stored suggestions come with the matrix page: the matrix never asks the matcher to run.
  const pending = matrix.suggestions ?? NO_SUGGESTIONS;
  const cells = useMemo(() => matrixCells(matrix, pending), [matrix, pending]);
  const call = useCall();
  const report = useReportError();
  /** The article of the source holding the annotation: a source (an outlet) may span several articles. */
  const articleOf = async (annotationId: number, sourceArticleId: number): Promise<number> => {
    const articles = matrix.sources.find((s) => s.articleId === sourceArticleId)?.articleIds ?? [sourceArticleId];
    if (articles.length === 1) return articles[0]!;
    for (const articleId of articles) {
      if ((await call('annotations.list', { articleId })).some((a) => a.id === annotationId)) return articleId;
    }
    return sourceArticleId;
  };
  // Whole labels, wrapped: rows and the header grow to hold them, so nothing is cut on screen or in a saved file.
  const groupLines = useMemo(() => matrix.groups.map((g) => wrapWhole(g.wholeLabel ?? g.label, LABEL_CHARS)), [matrix.groups]);
  const sourceLines = useMemo(() => matrix.sources.map((s) => wrapWhole(s.label, SOURCE_CHARS)), [matrix.sources]);
  if (matrix.groups.length === 0) return <p className="muted">No claim groups yet: confirm same-claim or paraphrase links to make one.</p>;
  const sourceLineCount = Math.max(1, ...sourceLines.map((lines) => lines.length));
  const headerHeight = 16 + LINE_HEIGHT * sourceLineCount + LINE_HEIGHT;
  const rowHeights = groupLines.map((lines) => Math.max(30, lines.length * LINE_HEIGHT + 12));
  const rowTops = rowHeights.map((_, i) => headerHeight + rowHeights.slice(0, i).reduce((a, b) => a + b, 0));
  const legendWidth = 6 + LEGEND_TEXT_X + Math.ceil(CHAR_PX * Math.max(...Object.values(STATE_STYLE).map((s) => s.meaning.length))) + 12;
  const width = Math.max(LABEL_WIDTH + CELL_WIDTH * matrix.sources.length, legendWidth);
  const tableHeight = headerHeight + rowHeights.reduce((a, b) => a + b, 0);
  const height = tableHeight + 12 + LEGEND_ROW * Object.keys(STATE_STYLE).length + 8;

  const open = (cell: MatrixCell, sourceArticleId: number) => {
    if (cell.suggestion) {
      const s = cell.suggestion;
      openAt(s.articleId, s.existingAnnotationId, s.start, { start: s.start, end: s.end });
    } else if (cell.annotationIds.length > 0) {
      void articleOf(cell.annotationIds[0]!, sourceArticleId).then((articleId) => openAt(articleId, cell.annotationIds[0]!, 0), report);
    } else openArticle(sourceArticleId);
  };
  const onKey = (event: KeyboardEvent, then: () => void) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    then();
  };

  return (
    <figure className="chart">
      <figcaption>
        Claims × sources <ExportButtons target={svg} name="claims-by-source" />
      </figcaption>
      <svg
        ref={svg}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="group"
        aria-label="Claims by source matrix"
        fontFamily="system-ui, sans-serif"
        fontSize="12"
      >
        <rect width={width} height={height} fill="#fff" />
        {matrix.sources.map((source, i) => (
          <g key={source.articleId} transform={`translate(${LABEL_WIDTH + i * CELL_WIDTH}, 0)`}>
            <title>{source.label}</title>
            <text textAnchor="middle" fontWeight="600" fill="#1d2129">
              {sourceLines[i]!.map((line, n) => (
                <tspan key={n} x={CELL_WIDTH / 2} y={16 + n * LINE_HEIGHT}>
                  {line}
                </tspan>
              ))}
            </text>
            <text x={CELL_WIDTH / 2} y={16 + sourceLineCount * LINE_HEIGHT} textAnchor="middle" fill="#5f6673" fontSize="11">
              {source.published ?? 'undated'}
            </text>
          </g>
        ))}
        {matrix.groups.map((group, row) => (
          <g key={group.id} transform={`translate(0, ${rowTops[row]})`} data-group={group.id}>
            <title>{group.originSummary ? `${group.wholeLabel ?? group.label} — ${group.originSummary}` : (group.wholeLabel ?? group.label)}</title>
            <text fill="#1d2129">
              {groupLines[row]!.map((line, n, lines) => (
                <tspan key={n} x={6} y={(rowHeights[row]! - lines.length * LINE_HEIGHT) / 2 + 11 + n * LINE_HEIGHT}>
                  {line}
                  {n === lines.length - 1 && group.origins !== undefined && (
                    <tspan fill="#5f6673" data-origins={group.origins}>
                      {` · ${group.origins} origin${group.origins === 1 ? '' : 's'}`}
                    </tspan>
                  )}
                </tspan>
              ))}
            </text>
            {matrix.sources.map((source, i) => {
              const cell = cells.get(`${group.id}:${source.articleId}`) ?? { state: 'absent' as const, annotationIds: [] };
              const style = STATE_STYLE[cell.state];
              const name = `${group.wholeLabel ?? group.label} in ${source.label}: ${STATE_NAME[cell.state]}; open`;
              return (
                <g
                  key={source.articleId}
                  transform={`translate(${LABEL_WIDTH + i * CELL_WIDTH}, 0)`}
                  data-state={cell.state}
                  role="link"
                  tabIndex={0}
                  aria-label={name}
                  className="matrix-cell"
                  onClick={() => open(cell, source.articleId)}
                  onKeyDown={(e) => onKey(e, () => open(cell, source.articleId))}
                >
                  <rect
                    x={3}
                    y={3}
                    width={CELL_WIDTH - 6}
                    height={rowHeights[row]! - 6}
                    rx={4}
                    fill={style.fill}
                    stroke={style.stroke ?? 'none'}
                    strokeDasharray={style.stroke ? '4 3' : undefined}
                  />
                  <text x={CELL_WIDTH / 2} y={rowHeights[row]! / 2 + 4} textAnchor="middle" fill={style.text}>
                    {style.label}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
        <g transform={`translate(6, ${tableHeight + 12})`} className="matrix-legend">
          {(Object.keys(STATE_STYLE) as MatrixCellState[]).map((state, i) => {
            const style = STATE_STYLE[state];
            return (
              <g key={state} transform={`translate(0, ${i * LEGEND_ROW})`} className="matrix-legend-entry">
                <rect
                  width={LEGEND_TEXT_X - 10}
                  height={16}
                  rx={3}
                  fill={style.fill}
                  stroke={style.stroke ?? 'none'}
                  strokeDasharray={style.stroke ? '4 3' : undefined}
                />
                <text x={(LEGEND_TEXT_X - 10) / 2} y={12} textAnchor="middle" fill={style.text}>
                  {style.label}
                </text>
                <text x={LEGEND_TEXT_X} y={12} fill="#1d2129">
                  {style.meaning}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
    </figure>
  );
}
