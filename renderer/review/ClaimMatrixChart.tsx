import { useMemo, useRef, type KeyboardEvent } from 'react';
import type { ClaimMatrix, Suggestion } from '../../main/contract/contract.ts';
import { useCall, useReportError } from '../data/DataProvider.tsx';
import { useWorkspace } from '../workspace/WorkspaceProvider.tsx';
import { wrapLabel } from './chartText.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { matrixCells, type MatrixCell, type MatrixCellState } from './matrixCells.ts';

const LABEL_WIDTH = 320;
const CELL_WIDTH = 130;
const LINE_HEIGHT = 14;
/** Characters per line at 12px system-ui: about 6.5 px a character, measured on the seed labels in Chromium. */
const LABEL_CHARS = 46;
const SOURCE_CHARS = 18;
const LABEL_LINES = 3;
const SOURCE_LINES = 2;
const LEGEND_HEIGHT = 96;
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
  absent: { fill: '#f1f2f4', text: '#3d434d', label: '—', meaning: 'not reported: nothing linked and nothing suggested in the source' },
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
  const groupLines = useMemo(() => matrix.groups.map((g) => wrapLabel(g.label, LABEL_CHARS, LABEL_LINES)), [matrix.groups]);
  if (matrix.groups.length === 0) return <p className="muted">No claim groups yet: confirm same-claim or paraphrase links to make one.</p>;
  const headerHeight = 16 + LINE_HEIGHT * SOURCE_LINES + LINE_HEIGHT;
  const rowHeights = groupLines.map((lines) => Math.max(30, lines.length * LINE_HEIGHT + 12));
  const rowTops = rowHeights.map((_, i) => headerHeight + rowHeights.slice(0, i).reduce((a, b) => a + b, 0));
  const width = Math.max(LABEL_WIDTH + CELL_WIDTH * matrix.sources.length, 720);
  const tableHeight = headerHeight + rowHeights.reduce((a, b) => a + b, 0);
  const height = tableHeight + LEGEND_HEIGHT;

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
              {wrapLabel(source.label, SOURCE_CHARS, SOURCE_LINES).map((line, n) => (
                <tspan key={n} x={CELL_WIDTH / 2} y={16 + n * LINE_HEIGHT}>
                  {line}
                </tspan>
              ))}
            </text>
            <text x={CELL_WIDTH / 2} y={16 + SOURCE_LINES * LINE_HEIGHT} textAnchor="middle" fill="#5f6673" fontSize="11">
              {source.published ?? 'undated'}
            </text>
          </g>
        ))}
        {matrix.groups.map((group, row) => (
          <g key={group.id} transform={`translate(0, ${rowTops[row]})`} data-group={group.id}>
            <title>{group.originSummary ? `${group.label} — ${group.originSummary}` : group.label}</title>
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
              const name = `${group.label} in ${source.label}: ${cell.state === 'absent' ? 'not reported' : cell.state === 'suggested' ? 'suggested, awaiting review' : cell.state}; open`;
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
              <g key={state} transform={`translate(0, ${i * 20})`} className="matrix-legend-entry">
                <rect width={70} height={16} rx={3} fill={style.fill} stroke={style.stroke ?? 'none'} strokeDasharray={style.stroke ? '4 3' : undefined} />
                <text x={35} y={12} textAnchor="middle" fill={style.text}>
                  {style.label}
                </text>
                <text x={80} y={12} fill="#1d2129">
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
