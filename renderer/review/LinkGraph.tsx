import { useMemo, useRef } from 'react';
import type { Annotation, ArticleSummary, Link, LinkType } from '../../main/contract/contract.ts';
import { useWorkspace } from '../workspace/WorkspaceProvider.tsx';
import { wrapLabel } from './chartText.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { COLUMN_WIDTH, edgePath, edgeRoute, NODE_HEIGHT, NODE_WIDTH, nodeBox, ROW_GAP, TOP } from './graphLayout.ts';

/** A column heading's characters per line: bold 11 px system-ui fits about 30 in a column (measured in Chromium). */
const HEADING_WIDTH = 30;
const TYPE_COLOUR: Record<LinkType, string> = {
  'same-claim': '#0072b2',
  paraphrase: '#56b4e9',
  contradicts: '#d55e00',
  denies: '#cc79a7',
  'attributed-to': '#009e73',
  cites: '#e69f00',
};

/** A node's two lines: its tag and speaker, and the start of its quote (the whole quote is its tooltip). */
const nodeHeading = (node: Annotation) => `${node.tag}${node.speaker ? ` · ${node.speaker.slice(0, 20)}` : ''}`;
const nodeQuote = (node: Annotation) => (node.quote.length > 30 ? `${node.quote.slice(0, 29)}…` : node.quote);

export interface LinkGraphProps {
  articles: readonly ArticleSummary[];
  annotations: readonly Annotation[];
  links: readonly Link[];
}

/**
 * Every linked annotation as a node in its source's column (sources by date,
 * annotations in text order), every link as an edge coloured by type; a
 * suggested link is dashed, a rejected one is left out. A node opens its
 * annotation in the Read view, by click or by Enter.
 */
export function LinkGraph({ articles, annotations, links }: LinkGraphProps) {
  const svg = useRef<SVGSVGElement>(null);
  const { openAt } = useWorkspace();
  const layout = useMemo(() => {
    const shown = links.filter((l) => l.status !== 'rejected');
    const ids = new Set(shown.flatMap((l) => [l.fromId, l.toId]));
    const nodes = annotations.filter((a) => ids.has(a.id));
    const columns = articles.filter((article) => nodes.some((n) => n.articleId === article.id));
    const position = new Map<number, { x: number; y: number }>();
    columns.forEach((article, c) => {
      nodes
        .filter((n) => n.articleId === article.id)
        .sort((a, b) => a.start - b.start)
        .forEach((n, r) => position.set(n.id, nodeBox(c, r)));
    });
    const rows = Math.max(1, ...columns.map((a) => nodes.filter((n) => n.articleId === a.id).length));
    // Only nodes in a drawn column: the caller may pass fewer articles than the links reach (a summarised graph).
    return {
      shown,
      nodes: nodes.filter((n) => position.has(n.id)),
      columns,
      position,
      width: 40 + Math.max(1, columns.length) * COLUMN_WIDTH,
      height: TOP + rows * (NODE_HEIGHT + ROW_GAP) + 40,
    };
  }, [articles, annotations, links]);

  if (layout.nodes.length === 0)
    return <p className="muted">No links to draw yet: in the Read view, pin an annotation with p and press L on its report in another article.</p>;
  const { position } = layout;
  return (
    <figure className="chart">
      <figcaption>
        Link graph <ExportButtons target={svg} name="link-graph" />
      </figcaption>
      <svg
        ref={svg}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={layout.width}
        height={layout.height}
        role="group"
        aria-label="Link graph"
        fontFamily="system-ui, sans-serif"
        fontSize="11"
      >
        <defs>
          {Object.entries(TYPE_COLOUR).map(([type, colour]) => (
            <marker key={type} id={`arrow-${type}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill={colour} />
            </marker>
          ))}
        </defs>
        <rect width={layout.width} height={layout.height} fill="#fff" />
        {layout.columns.map((article, c) => {
          const heading = article.outlet ?? article.title ?? article.fileName ?? `article ${article.id}`;
          return (
            <text key={article.id} x={nodeBox(c, 0).x} y={20} fontWeight="600" fill="#1d2129">
              <title>{heading}</title>
              {wrapLabel(heading, HEADING_WIDTH, 2).map((line, i) => (
                <tspan key={i} x={nodeBox(c, 0).x} dy={i === 0 ? 0 : 14}>
                  {line}
                </tspan>
              ))}
            </text>
          );
        })}
        {layout.nodes.map((node) => {
          const at = position.get(node.id)!;
          return (
            <g key={node.id} transform={`translate(${at.x}, ${at.y})`} data-node={node.id}>
              <title>{node.quote}</title>
              <rect
                width={NODE_WIDTH}
                height={NODE_HEIGHT}
                rx={6}
                fill="#f6f7f9"
                stroke={node.tag === 'claim' ? '#0072b2' : node.tag === 'denial' ? '#d55e00' : '#009e73'}
              />
              <text x={8} y={17} fill="#5f6673">
                {nodeHeading(node)}
              </text>
              <text x={8} y={33} fill="#1d2129">
                {nodeQuote(node)}
              </text>
              {/* The node's control lies over its drawing: a control holding the drawn words would have to be named by exactly them. */}
              <rect
                width={NODE_WIDTH}
                height={NODE_HEIGHT}
                rx={6}
                fill="transparent"
                role="link"
                tabIndex={0}
                aria-label={`${node.tag}${node.speaker ? ` (${node.speaker})` : ''}: ${node.quote}; open`}
                className="graph-node"
                onClick={() => openAt(node.articleId, node.id, node.start)}
                onKeyDown={(event) => {
                  if (event.key !== 'Enter' && event.key !== ' ') return;
                  event.preventDefault();
                  openAt(node.articleId, node.id, node.start);
                }}
              />
            </g>
          );
        })}
        {/* Edges after the nodes, routed through the gaps between them (graphLayout.ts), so none hides a node's words. */}
        {layout.shown.map((link, i) => {
          const from = position.get(link.fromId);
          const to = position.get(link.toId);
          if (!from || !to) return null;
          const directed = link.type !== 'same-claim' && link.type !== 'paraphrase';
          return (
            <path
              key={link.id}
              d={edgePath(edgeRoute(from, to, i))}
              fill="none"
              stroke={TYPE_COLOUR[link.type]}
              strokeWidth={2}
              strokeOpacity={0.85}
              pointerEvents="none"
              strokeDasharray={link.status === 'suggested' ? '6 4' : undefined}
              markerEnd={directed ? `url(#arrow-${link.type})` : undefined}
              data-link={link.id}
            >
              <title>{`${link.type} (${link.status})`}</title>
            </path>
          );
        })}
        <g transform={`translate(20, ${layout.height - 18})`}>
          {Object.entries(TYPE_COLOUR).map(([type, colour], i) => (
            <g key={type} transform={`translate(${i * 110}, 0)`}>
              <line x1={0} y1={-4} x2={18} y2={-4} stroke={colour} strokeWidth={2} />
              <text x={22} y={0} fill="#1d2129">
                {type}
              </text>
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}
