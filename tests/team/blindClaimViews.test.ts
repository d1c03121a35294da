import { describe, expect, it } from 'vitest';
import { createDownloads } from '../../main/api/downloads.ts';
import type { Db } from '../../main/corpus/database.ts';
import { desk } from './blindDesk.ts';

/** The app's ClaimReview download, parsed: one review per claim group. */
async function claimReviews(
  db: Db,
  analyst: string | undefined,
  group?: number,
): Promise<Array<{ itemReviewed: { appearance: Array<{ headline: string }> } }>> {
  const downloads = createDownloads(db, analyst);
  const answer =
    group === undefined
      ? downloads('/export/claimreviews.json', new URLSearchParams())
      : downloads('/export/claimreview.json', new URLSearchParams({ group: String(group) }));
  if (!answer.ok) throw new Error(answer.error.message);
  let text = '';
  for await (const chunk of answer.value.chunks) text += chunk;
  const parsed = JSON.parse(text) as unknown;
  return (Array.isArray(parsed) ? parsed : [parsed]) as Array<{ itemReviewed: { appearance: Array<{ headline: string }> } }>;
}
const headlines = (reviews: Array<{ itemReviewed: { appearance: Array<{ headline: string }> } }>) =>
  reviews.map((r) => r.itemReviewed.appearance.map((a) => a.headline));

describe('blind annotation in the claim views', () => {
  it('leaves a colleague’s hidden span out of the matrix’s cells and sources until the analyst marks its article done', () => {
    const { anaApi, first, anaSecond, benFirst } = desk();
    const before = anaApi['review.matrix']({});
    expect(before.groups).toHaveLength(1);
    expect(before.sources.map((s) => s.label)).toEqual(['Daily']);
    expect(before.cells.flatMap((c) => c.annotationIds)).toEqual([anaSecond.id]);
    // The first article carries only Ben's hidden span and Ana's own unlinked one; its outlet is not a column.
    anaApi['articles.markDone']({ id: first, done: true });
    const after = anaApi['review.matrix']({});
    expect(after.sources.map((s) => s.label)).toEqual(['Wire', 'Daily']);
    expect(after.cells.flatMap((c) => c.annotationIds).sort((a, b) => a - b)).toEqual([anaSecond.id, benFirst.id].sort((a, b) => a - b));
  });

  it('shows the whole matrix when blind annotation is off', () => {
    const { anaApi } = desk();
    anaApi['project.setOption']({ name: 'blind', enabled: false });
    expect(anaApi['review.matrix']({}).sources.map((s) => s.label)).toEqual(['Wire', 'Daily']);
  });

  it('opens a source’s column to the analyst who marks its article done, and to no one else', () => {
    const { anaApi, benApi, second } = desk();
    // Ben sees his span on the first article (Wire); Ana's span on the second article (Daily) is hidden from him.
    const bens = benApi['review.matrix']({});
    expect(bens.sources.map((s) => s.label)).toEqual(['Wire']);
    expect(bens.cells.flatMap((c) => c.annotationIds)).toHaveLength(1);
    benApi['articles.markDone']({ id: second, done: true });
    expect(benApi['review.matrix']({}).sources.map((s) => s.label)).toEqual(['Wire', 'Daily']);
    expect(anaApi['review.matrix']({}).sources.map((s) => s.label)).toEqual(['Daily']);
  });

  it('shows a claim’s timeline without the colleague’s hidden appearance, and refuses a timeline asked for by that span, until its article is done', () => {
    const { anaApi, first, anaSecond, benFirst } = desk();
    const before = anaApi['review.timeline']({ annotationId: anaSecond.id });
    expect(before.appearances.map((a) => a.annotationId)).toEqual([anaSecond.id]);
    expect(before.reports).toBe(1);
    expect(() => anaApi['review.timeline']({ annotationId: benFirst.id })).toThrow(/There is no annotation/);
    anaApi['articles.markDone']({ id: first, done: true });
    const after = anaApi['review.timeline']({ annotationId: benFirst.id });
    expect(after.appearances.map((a) => a.annotationId)).toEqual([benFirst.id, anaSecond.id]);
    expect(after.reports).toBe(2);
  });

  it('shows the whole timeline when blind annotation is off', () => {
    const { anaApi, anaSecond, benFirst } = desk();
    anaApi['project.setOption']({ name: 'blind', enabled: false });
    expect(anaApi['review.timeline']({ annotationId: anaSecond.id }).appearances.map((a) => a.annotationId)).toEqual([benFirst.id, anaSecond.id]);
  });

  it('lists only the appearances the analyst may see in the app’s ClaimReview download, and all of them once the article is done', async () => {
    const { db, anaApi, first, anaSecond, benFirst } = desk();
    expect(headlines(await claimReviews(db, 'ana'))).toEqual([['Strike']]);
    expect(headlines(await claimReviews(db, 'ana', anaSecond.id))).toEqual([['Strike']]);
    // Asked for by Ben's hidden span, the group is not there for her.
    const hidden = createDownloads(db, 'ana')('/export/claimreview.json', new URLSearchParams({ group: String(benFirst.id) }));
    expect(hidden).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Without an analyst (the command line's export) every appearance is there.
    expect(headlines(await claimReviews(db, undefined))).toEqual([['Port', 'Strike']]);
    anaApi['articles.markDone']({ id: first, done: true });
    expect(headlines(await claimReviews(db, 'ana'))).toEqual([['Port', 'Strike']]);
    expect(headlines(await claimReviews(db, 'ana', benFirst.id))).toEqual([['Port', 'Strike']]);
  });

  it('puts every appearance in the app’s ClaimReview download when blind annotation is off', async () => {
    const { db, anaApi } = desk();
    anaApi['project.setOption']({ name: 'blind', enabled: false });
    expect(headlines(await claimReviews(db, 'ana'))).toEqual([['Port', 'Strike']]);
  });
});
