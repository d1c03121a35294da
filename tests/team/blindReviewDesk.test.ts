import { describe, expect, it } from 'vitest';
import { refreshSuggestions } from '../../main/matching/suggestionRefresh.ts';
import { desk } from './blindDesk.ts';

const endsOf = (page: { links: Array<{ fromId: number; toId: number }> }) => page.links.map((l) => [l.fromId, l.toId]);
const groupMembers = (groups: Array<{ rows: Array<{ annotation: { id: number } }> }>) =>
  groups.map((g) => g.rows.map((r) => r.annotation.id).sort((a, b) => a - b));

describe('blind annotation on the review desk', () => {
  it('leaves a link to a colleague’s hidden span out of the Links table, its total included, until the analyst marks that article done', () => {
    const { anaApi, benApi, first, anaFirst, anaSecond, benFirst } = desk();
    const page = anaApi['links.page']({ offset: 0, limit: 50 });
    expect(page.total).toBe(1);
    expect(endsOf(page)).toEqual([[anaFirst.id, anaSecond.id]]);
    expect(page.ends.map((a) => a.id)).not.toContain(benFirst.id);
    // Ben sees his own link, but not the one between Ana's spans (neither end is his, he finished neither article).
    expect(endsOf(benApi['links.page']({ offset: 0, limit: 50 }))).toEqual([]);
    anaApi['articles.markDone']({ id: first, done: true });
    const after = anaApi['links.page']({ offset: 0, limit: 50 });
    expect(after.total).toBe(2);
    expect(endsOf(after)).toEqual([
      [anaFirst.id, anaSecond.id],
      [benFirst.id, anaSecond.id],
    ]);
    expect(anaApi['links.page']({ status: 'confirmed', offset: 0, limit: 50 }).total).toBe(1);
  });

  it('shows every link in the Links table when blind annotation is off', () => {
    const { anaApi, benApi } = desk();
    anaApi['project.setOption']({ name: 'blind', enabled: false });
    expect(anaApi['links.page']({ offset: 0, limit: 50 }).total).toBe(2);
    expect(benApi['links.page']({ offset: 0, limit: 50 }).total).toBe(2);
  });

  it('shows a claim group without the colleague’s hidden member, and whole once the analyst marks its article done', () => {
    const { anaApi, first, second, anaSecond, benFirst } = desk();
    expect(groupMembers(anaApi['review.groups']({}))).toEqual([[anaSecond.id]]);
    const page = anaApi['review.groupsPage']({ offset: 0, limit: 10 });
    expect(page.total).toBe(1);
    expect(page.groups[0]!.links).toEqual([]);
    anaApi['claimRatings.set']({ annotationId: anaSecond.id, ratingValue: 2, alternateName: 'Mostly false' });
    expect(anaApi['review.groups']({})[0]!.verdict).toMatchObject({ alternateName: 'Mostly false' });
    anaApi['articles.markDone']({ id: first, done: true });
    const [group] = anaApi['review.groups']({});
    expect(groupMembers([group!])).toEqual([[anaSecond.id, benFirst.id].sort((a, b) => a - b)]);
    expect(group!.links).toHaveLength(1);
    expect(group!.rows.map((r) => r.annotation.author).sort()).toEqual(['ana', 'ben']);
    // Marking the other article done is not what opens Ben's span.
    anaApi['articles.markDone']({ id: first, done: false });
    anaApi['articles.markDone']({ id: second, done: true });
    expect(groupMembers(anaApi['review.groups']({}))).toEqual([[anaSecond.id]]);
  });

  it('drops a claim group none of whose members the analyst may see, from the page and from its total', () => {
    const { benApi, anaApi } = desk();
    expect(benApi['review.groupsPage']({ offset: 0, limit: 10 })).toMatchObject({ total: 1, groups: [{ rows: [{ annotation: { author: 'ben' } }] }] });
    anaApi['project.setOption']({ name: 'blind', enabled: false });
    expect(groupMembers(benApi['review.groups']({}))[0]).toHaveLength(2);
    expect(benApi['review.groupsPage']({ offset: 0, limit: 10 }).total).toBe(1);
  });

  it('hides a suggestion found for, or pointing at, a colleague’s hidden span in the queue until the analyst marks its article done', () => {
    const { db, anaApi, first, anaSecond, benFirst } = desk({ link: false });
    refreshSuggestions(db);
    const pairs = (items: Array<{ sourceId: number; existingAnnotationId: number | null }>) =>
      items.filter((s) => s.existingAnnotationId !== null).map((s) => [s.sourceId, s.existingAnnotationId]);
    // Blind off first: the matcher's pairs between Ben's span and Ana's.
    anaApi['project.setOption']({ name: 'blind', enabled: false });
    const everyone = pairs(anaApi['suggestions.page']({ limit: 50 }).items);
    expect(everyone).toEqual(
      expect.arrayContaining([
        [anaSecond.id, benFirst.id],
        [benFirst.id, anaSecond.id],
      ]),
    );
    expect(pairs(anaApi['suggestions.queue']({}))).toEqual(expect.arrayContaining([[anaSecond.id, benFirst.id]]));
    anaApi['project.setOption']({ name: 'blind', enabled: true });
    const mentionsBen = (items: Array<{ sourceId: number; existingAnnotationId: number | null }>) =>
      items.filter((s) => s.sourceId === benFirst.id || s.existingAnnotationId === benFirst.id);
    expect(mentionsBen(anaApi['suggestions.page']({ limit: 50 }).items)).toEqual([]);
    expect(mentionsBen(anaApi['suggestions.queue']({}))).toEqual([]);
    expect(mentionsBen(anaApi['suggestions.list']({ annotationId: anaSecond.id }))).toEqual([]);
    anaApi['articles.markDone']({ id: first, done: true });
    expect(pairs(anaApi['suggestions.page']({ limit: 50 }).items)).toEqual(everyone);
    expect(pairs(anaApi['suggestions.list']({ annotationId: anaSecond.id }))).toEqual([[anaSecond.id, benFirst.id]]);
  });
});
