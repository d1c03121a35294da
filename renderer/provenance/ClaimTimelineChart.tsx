import { useRef, type KeyboardEvent } from 'react';
import type { ClaimTimeline } from '../../main/contract/contract.ts';
import { ExportButtons } from '../review/ExportButtons.tsx';
import './timeline.css';

const LABEL_WIDTH = 190;
const COLUMN_WIDTH = 120;
const ROW_HEIGHT = 34;
const LEGEND_HEIGHT = 64;
const AXIS_HEIGHT = 26;
const RADIUS = 8;
/** Okabe–Ito, readable by the colour-blind; each origin is also named in the legend and the node's title, so colour is never the only cue. */
const ORIGIN_COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000', '#f0e442'];
const EDGE_STYLE = {
  copy: { dash: undefined, label: 'copies text of' },
  cites: { dash: '6 4', label: 'cites' },
  attributed: { dash: '2 3', label: 'names as its source' },
} as const;

const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);
export const originColour = (index: number) => ORIGIN_COLOURS[index % ORIGIN_COLOURS.length]!;

interface Node {
  articleId: number;
  annotationId: number;
  name: string;
  published: string | null;
  origin: number;
  quote: string;
  x: number;
  y: number;
}

/**
 * A claim's spread as a picture: time runs left to right (one column per date
 * a source gives, undated last), one row per reporting article, each report a
 * dot in its origin's colour; lines join reports that copy (solid, arrow from
 * the earlier), cite (dashed) or name one another as source (dotted). Clicking
 * a report opens it. Styles are attributes, so the saved SVG and PNG look the same.
 */
export function ClaimTimelineChart({ timeline, onOpen }: { timeline: ClaimTimeline; onOpen(articleId: number, annotationId: number): void }) {
  const svg = useRef<SVGSVGElement>(null);
  const dates = [...new Set(timeline.appearances.map((a) => a.published).filter((d): d is string => d !== null))].sort();
  const undated = timeline.appearances.some((a) => a.published === null);
  const columns = [...dates, ...(undated ? [null] : [])];
  const nodes: Node[] = [];
  for (const a of timeline.appearances) {
    if (nodes.some((n) => n.articleId === a.articleId)) continue;
    nodes.push({
      articleId: a.articleId,
      annotationId: a.annotationId,
      name: a.outlet ?? a.title ?? `article ${a.articleId}`,
      published: a.published,
      origin: a.origin,
      quote: a.quote,
      x: LABEL_WIDTH + COLUMN_WIDTH * (columns.indexOf(a.published) + 0.5),
      y: LEGEND_HEIGHT + AXIS_HEIGHT + ROW_HEIGHT * (nodes.length + 0.5),
    });
  }
  const at = new Map(nodes.map((n) => [n.articleId, n]));
  const width = LABEL_WIDTH + COLUMN_WIDTH * Math.max(1, columns.length) + 20;
  const height = LEGEND_HEIGHT + AXIS_HEIGHT + ROW_HEIGHT * nodes.length + 10;
  const open = (node: Node) => onOpen(node.articleId, node.annotationId);
  const onKey = (node: Node) => (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    event.stopPropagation();
    open(node);
  };
  return (
    <figure className="chart timeline-chart">
      <figcaption>
        Timeline and spread <ExportButtons target={svg} name={`claim-${timeline.groupId}-timeline`} />
      </figcaption>
      <svg
        ref={svg}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="group"
        aria-label={`Timeline of the claim: ${timeline.summary}`}
        fontFamily="system-ui, sans-serif"
        fontSize="12"
      >
        <rect width={width} height={height} fill="#fff" />
        <defs>
          <marker id="timeline-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#5f6673" />
          </marker>
        </defs>
        <text x={8} y={18} fontWeight="600" fill="#1d2129">
          {clip(timeline.summary, 120)}
        </text>
        <g transform="translate(8, 30)">
          {timeline.origins.map((origin, i) => (
            <g key={origin.index} transform={`translate(${(i % 4) * 210}, ${Math.floor(i / 4) * 16})`} data-origin={origin.index}>
              <circle cx={6} cy={6} r={5} fill={originColour(origin.index)} />
              <text x={16} y={10} fill="#1d2129">
                {clip(origin.label, 30)}
              </text>
            </g>
          ))}
        </g>
        {columns.map((date, i) => (
          <text
            key={date ?? 'undated'}
            x={LABEL_WIDTH + COLUMN_WIDTH * (i + 0.5)}
            y={LEGEND_HEIGHT + AXIS_HEIGHT / 2 + 4}
            textAnchor="middle"
            fill="#5f6673"
            fontSize="11"
          >
            {date ?? 'undated'}
          </text>
        ))}
        <line x1={LABEL_WIDTH} x2={width - 20} y1={LEGEND_HEIGHT + AXIS_HEIGHT} y2={LEGEND_HEIGHT + AXIS_HEIGHT} stroke="#d0d4da" />
        {nodes.map((node) => (
          <line key={node.articleId} x1={LABEL_WIDTH} x2={width - 20} y1={node.y} y2={node.y} stroke="#f1f2f4" />
        ))}
        {timeline.edges.map((edge, i) => {
          const from = at.get(edge.fromArticleId);
          const to = at.get(edge.toArticleId);
          if (!from || !to) return null;
          // Bowed to the side, so an edge between two reports of one date does not run through the reports between them.
          const bend = 24 + 6 * (i % 4);
          // Leaves and meets each dot at its right edge, so the arrowhead shows beside the dot, not under it.
          const [x1, x2] = [from.x + RADIUS + 1, to.x + RADIUS + 2];
          const path = `M ${x1} ${from.y} C ${x1 + bend} ${from.y}, ${x2 + bend} ${to.y}, ${x2} ${to.y}`;
          const style = EDGE_STYLE[edge.kind];
          return (
            <path
              key={`${edge.kind}:${edge.fromArticleId}:${edge.toArticleId}`}
              d={path}
              fill="none"
              stroke="#5f6673"
              strokeWidth={1.5}
              strokeDasharray={style.dash}
              markerEnd={edge.directed ? 'url(#timeline-arrow)' : undefined}
              data-edge={edge.kind}
            >
              <title>{`${to.name} ${style.label} ${from.name}${edge.kind === 'copy' ? ` (${edge.sharedWords} words shared)` : ''}`}</title>
            </path>
          );
        })}
        {nodes.map((node) => (
          <g
            key={node.articleId}
            role="button"
            tabIndex={0}
            aria-label={`${node.name}, ${node.published ?? 'undated'}, origin ${timeline.origins[node.origin]?.label ?? node.origin + 1}: open the report`}
            data-article={node.articleId}
            className="timeline-node"
            onClick={() => open(node)}
            onKeyDown={onKey(node)}
          >
            <title>{`${node.name} (${node.published ?? 'undated'}): “${clip(node.quote, 160)}”`}</title>
            <text x={8} y={node.y + 4} fill="#1d2129">
              {clip(node.name, 26)}
            </text>
            <circle cx={node.x} cy={node.y} r={RADIUS} fill={originColour(node.origin)} stroke="#fff" strokeWidth={2} />
          </g>
        ))}
      </svg>
    </figure>
  );
}
