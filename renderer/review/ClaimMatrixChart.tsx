import { useRef } from 'react';
import type { ClaimMatrix } from '../../main/contract/contract.ts';
import { ExportButtons } from './ExportButtons.tsx';

const LABEL_WIDTH = 300;
const CELL_WIDTH = 130;
const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 44;
/** Okabe–Ito, as the tag colours; each state also carries a word, so colour is never the only cue. */
const STATE_STYLE = {
  reported: { fill: '#0072b2', text: '#fff', label: 'reported' },
  denied: { fill: '#d55e00', text: '#fff', label: 'denied' },
  absent: { fill: '#f1f2f4', text: '#5f6673', label: '—' },
} as const;

const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** Claims × sources: which outlet reported, denied or left out each claim group. Styles are attributes, so the saved file looks the same. */
export function ClaimMatrixChart({ matrix }: { matrix: ClaimMatrix }) {
  const svg = useRef<SVGSVGElement>(null);
  if (matrix.groups.length === 0) return <p className="muted">No claim groups yet: confirm same-claim or paraphrase links to make one.</p>;
  const width = LABEL_WIDTH + CELL_WIDTH * matrix.sources.length;
  const height = HEADER_HEIGHT + ROW_HEIGHT * matrix.groups.length;
  const cell = new Map(matrix.cells.map((c) => [`${c.groupId}:${c.articleId}`, c]));
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
        role="img"
        aria-label="Claims by source matrix"
        fontFamily="system-ui, sans-serif"
        fontSize="12"
      >
        <rect width={width} height={height} fill="#fff" />
        {matrix.sources.map((source, i) => (
          <g key={source.articleId} transform={`translate(${LABEL_WIDTH + i * CELL_WIDTH}, 0)`}>
            <title>{source.label}</title>
            <text x={CELL_WIDTH / 2} y={18} textAnchor="middle" fontWeight="600" fill="#1d2129">
              {clip(source.label, 15)}
            </text>
            <text x={CELL_WIDTH / 2} y={34} textAnchor="middle" fill="#5f6673" fontSize="11">
              {source.published ?? 'undated'}
            </text>
          </g>
        ))}
        {matrix.groups.map((group, row) => (
          <g key={group.id} transform={`translate(0, ${HEADER_HEIGHT + row * ROW_HEIGHT})`} data-group={group.id}>
            <title>{group.originSummary ? `${group.label} — ${group.originSummary}` : group.label}</title>
            <text x={6} y={ROW_HEIGHT / 2 + 4} fill="#1d2129">
              {clip(group.label, group.origins === undefined ? 44 : 34)}
              {group.origins !== undefined && (
                <tspan fill="#5f6673" data-origins={group.origins}>
                  {` · ${group.origins} origin${group.origins === 1 ? '' : 's'}`}
                </tspan>
              )}
            </text>
            {matrix.sources.map((source, i) => {
              const state = cell.get(`${group.id}:${source.articleId}`)?.state ?? 'absent';
              const style = STATE_STYLE[state];
              return (
                <g key={source.articleId} transform={`translate(${LABEL_WIDTH + i * CELL_WIDTH}, 0)`} data-state={state}>
                  <rect x={3} y={3} width={CELL_WIDTH - 6} height={ROW_HEIGHT - 6} rx={4} fill={style.fill} />
                  <text x={CELL_WIDTH / 2} y={ROW_HEIGHT / 2 + 4} textAnchor="middle" fill={style.text}>
                    {style.label}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
    </figure>
  );
}
