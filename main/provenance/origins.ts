/**
 * Reports of one claim grouped into independent origins: reports joined by
 * copied text, a cites link or an attribution to another report's outlet share
 * an origin; the rest stand alone. Pure: reports and edges in, origins out.
 */
export interface OriginReport {
  articleId: number;
  outlet: string | null;
  title: string | null;
  published: string | null;
}

export interface OriginEdge {
  a: number;
  b: number;
  kind: 'copy' | 'cites' | 'attributed';
}

export interface Origin {
  index: number;
  label: string;
  /** single: one report; copy: joined by copied text; attributed: joined only by citation or attribution. */
  kind: 'single' | 'copy' | 'attributed';
  firstArticleId: number;
  articleIds: number[];
}

/** Earlier first by the date the source gives; undated last; then in import order. */
export function byPublication(a: OriginReport, b: OriginReport): number {
  return (a.published ?? '\uffff').localeCompare(b.published ?? '\uffff') || a.articleId - b.articleId;
}

export function groupOrigins(reports: readonly OriginReport[], edges: readonly OriginEdge[]): Origin[] {
  const parent = new Map(reports.map((r) => [r.articleId, r.articleId]));
  const find = (x: number): number => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (const { a, b } of edges) {
    if (!parent.has(a) || !parent.has(b)) continue;
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const members = new Map<number, OriginReport[]>();
  for (const report of reports) {
    const root = find(report.articleId);
    members.set(root, [...(members.get(root) ?? []), report]);
  }
  const groups = [...members.values()].map((list) => list.sort(byPublication)).sort((x, y) => byPublication(x[0]!, y[0]!));
  return groups.map((list, index) => {
    const ids = new Set(list.map((r) => r.articleId));
    const copied = edges.some((e) => e.kind === 'copy' && ids.has(e.a) && ids.has(e.b));
    const kind = list.length === 1 ? 'single' : copied ? 'copy' : 'attributed';
    const first = list[0]!;
    const name = first.outlet ?? first.title ?? `article ${first.articleId}`;
    const label = kind === 'single' ? name : kind === 'copy' ? `${name} copy ×${list.length}` : `${name}-based ×${list.length}`;
    return { index, label, kind, firstArticleId: first.articleId, articleIds: list.map((r) => r.articleId) };
  });
}

/** "7 reports, 3 independent origins (AP copy ×4, Anadolu, BBC-based ×2)". */
export function describeOrigins(reports: number, origins: readonly Origin[]): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(reports, 'report')}, ${plural(origins.length, 'independent origin')} (${origins.map((o) => o.label).join(', ')})`;
}
