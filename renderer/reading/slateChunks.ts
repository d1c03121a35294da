import type { ParagraphElement } from './articleDocument.ts';

/** Slate's chunk tree as it hands a chunk's content to `renderChunk` (slate-react 0.146): a chunk's nodes are chunks or paragraph leaves. */
interface ChunkNode {
  type: 'chunk' | 'leaf';
  node?: ParagraphElement;
  children?: ChunkNode[];
}

/**
 * The first and last paragraph of the chunk whose content is `children`, or
 * null if Slate's chunk content does not have the shape this pane knows, in
 * which case the chunk is simply always mounted.
 */
export function chunkParagraphs(children: unknown): [number, number] | null {
  const chunk = (children as { props?: { ancestor?: ChunkNode } } | null)?.props?.ancestor;
  const end = (from: 'first' | 'last') => {
    let node = chunk;
    while (node?.type === 'chunk') node = from === 'first' ? node.children?.[0] : node.children?.[node.children.length - 1];
    return node?.type === 'leaf' && typeof node.node?.index === 'number' ? node.node.index : null;
  };
  const first = end('first');
  const last = end('last');
  return first === null || last === null ? null : [first, last];
}
