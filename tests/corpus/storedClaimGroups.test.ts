import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { article, spans, TEXT } from '../helpers/claimGroupEdits.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { deleteArticle } from '../../main/corpus/articleDeletion.ts';
import { claimGroupCount, claimGroupDrift, claimGroupIdPage, claimGroupIds, claimGroupMemberIds, claimGroupOf } from '../../main/corpus/claimGroups.ts';
import { storedClaimGroups } from '../../main/corpus/migrations/019_stored_claim_groups.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

describe('stored claim groups', () => {
  it('name each group by its smallest member and join two groups when a link bridges them', () => {
    const { db } = tempCorpus();
    const api = createHandlers({ db, actor: 'ana' });
    const [a, b, c, d, e] = spans(db, article(db), 5) as [number, number, number, number, number];
    api['links.create']({ fromId: d, toId: e, type: 'same-claim' });
    api['links.create']({ fromId: b, toId: c, type: 'paraphrase' });
    expect(Object.fromEntries(claimGroupIds(db))).toEqual({ [b]: b, [c]: b, [d]: d, [e]: d });
    api['links.create']({ fromId: e, toId: c, type: 'same-claim' });
    expect(Object.fromEntries(claimGroupIds(db))).toEqual({ [b]: b, [c]: b, [d]: b, [e]: b });
    expect(claimGroupOf(db, a)).toBeNull();
    expect(claimGroupMemberIds(db, b)).toEqual([b, c, d, e]);
    expect(claimGroupCount(db)).toBe(1);
  });

  it('split a group in two when the link holding it together is rejected, each part named by its smallest member', () => {
    const { db } = tempCorpus();
    const api = createHandlers({ db, actor: 'ana' });
    const [a, b, c, d] = spans(db, article(db), 4) as [number, number, number, number];
    api['links.create']({ fromId: a, toId: b, type: 'same-claim' });
    const bridge = api['links.create']({ fromId: b, toId: c, type: 'same-claim' });
    api['links.create']({ fromId: c, toId: d, type: 'paraphrase' });
    expect(claimGroupCount(db)).toBe(1);
    api['links.review']({ id: bridge.id, status: 'rejected' });
    expect(Object.fromEntries(claimGroupIds(db))).toEqual({ [a]: a, [b]: a, [c]: c, [d]: c });
    expect(claimGroupIdPage(db, 0, 10)).toEqual([a, c]);
    expect(claimGroupIdPage(db, 1, 10)).toEqual([c]);
  });

  it('keep a group whole when a link goes that another path still covers', () => {
    const { db } = tempCorpus();
    const api = createHandlers({ db, actor: 'ana' });
    const [a, b, c] = spans(db, article(db), 3) as [number, number, number];
    const ab = api['links.create']({ fromId: a, toId: b, type: 'same-claim' });
    api['links.create']({ fromId: b, toId: c, type: 'same-claim' });
    api['links.create']({ fromId: c, toId: a, type: 'same-claim' });
    api['links.review']({ id: ab.id, status: 'rejected' });
    expect(Object.fromEntries(claimGroupIds(db))).toEqual({ [a]: a, [b]: a, [c]: a });
  });

  it('drop an annotation from its group when it is deleted, renaming the group when it was the smallest member', () => {
    const { db } = tempCorpus();
    const api = createHandlers({ db, actor: 'ana' });
    const [a, b, c] = spans(db, article(db), 3) as [number, number, number];
    api['links.create']({ fromId: a, toId: b, type: 'same-claim' });
    api['links.create']({ fromId: a, toId: c, type: 'same-claim' });
    api['links.create']({ fromId: b, toId: c, type: 'same-claim' });
    api['annotations.delete']({ id: a });
    expect(Object.fromEntries(claimGroupIds(db))).toEqual({ [b]: b, [c]: b });
    api['history.undo']({});
    expect(claimGroupDrift(db)).toEqual([]);
  });

  it('follow an undone and a redone link', () => {
    const { db } = tempCorpus();
    const api = createHandlers({ db, actor: 'ana' });
    const [a, b] = spans(db, article(db), 2) as [number, number];
    api['links.create']({ fromId: a, toId: b, type: 'same-claim' });
    expect(claimGroupCount(db)).toBe(1);
    api['history.undo']({});
    expect(claimGroupCount(db)).toBe(0);
    api['history.redo']({});
    expect(Object.fromEntries(claimGroupIds(db))).toEqual({ [a]: a, [b]: a });
  });

  it('lose the groups of an article that is deleted, and keep the others', () => {
    const { db } = tempCorpus();
    const api = createHandlers({ db, actor: 'ana' });
    const first = article(db, 'first');
    const second = insertArticle(db, { text: `${TEXT} more`, title: 'second', outlet: null, url: null, published: null, fileName: null }, 'ana').articleId;
    const [a, b] = spans(db, first, 2) as [number, number];
    const [c, d] = spans(db, second, 2) as [number, number];
    api['links.create']({ fromId: a, toId: c, type: 'same-claim' });
    api['links.create']({ fromId: b, toId: d, type: 'same-claim' });
    api['links.create']({ fromId: c, toId: d, type: 'same-claim' });
    deleteArticle(db, first, 'ana');
    expect(Object.fromEntries(claimGroupIds(db))).toEqual({ [c]: c, [d]: c });
  });

  it('are filled from the links already there when the corpus is migrated', () => {
    const { db } = tempCorpus();
    const api = createHandlers({ db, actor: 'ana' });
    const [a, b, c] = spans(db, article(db), 3) as [number, number, number];
    api['links.create']({ fromId: c, toId: b, type: 'same-claim' });
    api['links.create']({ fromId: b, toId: a, type: 'same-claim' });
    db.exec(`DROP VIEW claim_group_reach; DROP TABLE claim_group_members; DROP TABLE claim_group_join; DROP TABLE claim_group_seeds;
      DROP TRIGGER claim_groups_on_annotation_delete; DROP TRIGGER claim_groups_on_link_insert;
      DROP TRIGGER claim_groups_on_link_update; DROP TRIGGER claim_groups_on_link_delete;`);
    db.transaction(() => storedClaimGroups.up(db))();
    expect(Object.fromEntries(claimGroupIds(db))).toEqual({ [a]: a, [b]: a, [c]: a });
  });
});
