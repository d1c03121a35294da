import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { applyOperation, pendingOperations } from '../../main/corpus/syncDevice.ts';
import { logicalDump } from '../helpers/syncHarness.ts';
import { threeAnalysts } from '../helpers/threeAnalysts.ts';
import type { tempCorpus } from '../helpers/tempCorpus.ts';

const TEXT = 'The mayor said the tunnel opens in June. Engineers said the pumps failed twice. The operator denied any delay.';

/** Ana and Ben annotate one article on their own laptops; Cleo adjudicates on hers. */
function team() {
  const devices = threeAnalysts(TEXT, 'Tunnel');
  const { anaApi, benApi, articleId, at, sync } = devices;
  anaApi['annotations.create']({ articleId, ...at('the tunnel opens in June'), tag: 'claim' });
  anaApi['annotations.create']({ articleId, ...at('the pumps failed twice'), tag: 'claim' });
  benApi['annotations.create']({ articleId, ...at('the tunnel opens in June'), tag: 'attribution' });
  benApi['annotations.create']({ articleId, ...at('denied any delay'), tag: 'denial' });
  sync();
  return devices;
}

const curatedCount = (db: ReturnType<typeof tempCorpus>['db']) => db.prepare('SELECT count(*) FROM annotations WHERE curated_from IS NOT NULL').pluck().get();

describe('the curator role', () => {
  it('lets anyone curate while the project names no curator, as a lone analyst’s or an older project does', () => {
    const { anaApi, articleId } = team();
    expect(anaApi['team.curators']({})).toEqual({ curators: [], anyoneMayCurate: true, youMayCurate: true });
    const pair = anaApi['adjudication.compare']({ articleId, analysts: ['ana', 'ben'] }).pairs.find((p) => p.first && p.second)!;
    expect(anaApi['adjudication.keep']({ articleId, first: pair.first!.id, second: pair.second!.id, keep: 'second' }).kept).toBe('second');
  });

  it('refuses, in words, a non-curator’s decision once a curator is named, changing nothing; the curator decides', () => {
    const { cleo, cleoApi, articleId } = team();
    // Ben works on Cleo's laptop for a moment: the rule is by person, not by device.
    const benHere = createHandlers({ db: cleo, actor: 'ben' });
    cleoApi['team.setCurator']({ analyst: 'cleo', curator: true });
    expect(cleoApi['team.curators']({})).toMatchObject({ curators: [{ analyst: 'cleo', addedBy: 'cleo' }], anyoneMayCurate: false, youMayCurate: true });
    expect(benHere['team.curators']({})).toMatchObject({ anyoneMayCurate: false, youMayCurate: false });
    const pair = cleoApi['adjudication.compare']({ articleId, analysts: ['ana', 'ben'] }).pairs.find((p) => p.first && p.second)!;
    const decision = { articleId, first: pair.first!.id, second: pair.second!.id };
    const before = logicalDump(cleo);
    for (const keep of ['first', 'second', 'neither'] as const)
      expect(() => benHere['adjudication.keep']({ ...decision, keep })).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(logicalDump(cleo)).toEqual(before);
    expect(cleoApi['adjudication.keep']({ ...decision, keep: 'first' }).kept).toBe('first');
    expect(curatedCount(cleo)).toBe(1);
  });

  it('replicates the naming, and a non-curator is then refused on their own laptop with the curators named', () => {
    const { ana, ben, cleo, anaApi, cleoApi, articleId, sync } = team();
    cleoApi['team.setCurator']({ analyst: 'cleo', curator: true });
    sync();
    expect(anaApi['team.curators']({})).toMatchObject({ curators: [{ analyst: 'cleo' }], anyoneMayCurate: false, youMayCurate: false });
    const pair = anaApi['adjudication.compare']({ articleId, analysts: ['ana', 'ben'] }).pairs.find((p) => p.first && p.second)!;
    const before = logicalDump(ana);
    expect(() => anaApi['adjudication.keep']({ articleId, first: pair.first!.id, second: pair.second!.id, keep: 'first' })).toThrow(
      /Only a curator may keep spans into the curated layer, and ana is not one\. This project's curators: cleo\./,
    );
    expect(logicalDump(ana)).toEqual(before);
    expect(() => anaApi['team.setCurator']({ analyst: 'ana', curator: true })).toThrow(/Only a curator may change who the curators are/);
    expect(logicalDump(ana)).toEqual(before);
    // A curator can name another, who may then decide.
    cleoApi['team.setCurator']({ analyst: 'ana', curator: true });
    sync();
    expect(anaApi['adjudication.keep']({ articleId, first: pair.first!.id, second: pair.second!.id, keep: 'first' }).kept).toBe('first');
    sync();
    expect(logicalDump(ben)).toEqual(logicalDump(ana));
    expect(logicalDump(cleo)).toEqual(logicalDump(ana));
  });

  it('makes naming and removing a curator undo steps; removing the last opens curation to anyone again', () => {
    const { cleoApi } = team();
    cleoApi['team.setCurator']({ analyst: 'cleo', curator: true });
    expect(cleoApi['history.state']({}).undo).toMatchObject({ action: 'setting', quote: 'cleo named curator' });
    cleoApi['history.undo']({});
    expect(cleoApi['team.curators']({}).anyoneMayCurate).toBe(true);
    cleoApi['history.redo']({});
    expect(cleoApi['team.curators']({}).curators.map((c) => c.analyst)).toEqual(['cleo']);
    // Naming what already holds changes nothing and adds no step.
    const steps = cleoApi['history.state']({}).undo;
    cleoApi['team.setCurator']({ analyst: 'cleo', curator: true });
    expect(cleoApi['history.state']({}).undo).toEqual(steps);
    cleoApi['team.setCurator']({ analyst: 'cleo', curator: false });
    expect(cleoApi['team.curators']({})).toMatchObject({ curators: [], anyoneMayCurate: true });
  });

  it('refuses an empty name, and an operation whose curator does not match its entity, changing nothing', () => {
    const { ben, cleo, cleoApi } = team();
    expect(() => cleoApi['team.setCurator']({ analyst: '   ', curator: true })).toThrow(/analyst name of 1 to 300 characters/);
    cleoApi['team.setCurator']({ analyst: 'cleo', curator: true });
    const [op] = pendingOperations(cleo, 'cleo', 10).filter((o) => o.kind === 'team.curator');
    const forged = { ...op!, id: '00000000-0000-4000-8000-0000000000aa', payload: { ...(op!.payload as object), analyst: 'mallory' }, seq: 999 };
    const before = logicalDump(ben);
    expect(() => applyOperation(ben, forged)).toThrow(/does not belong to the name/);
    expect(logicalDump(ben)).toEqual(before);
  });
});

describe('the curator under blind annotation', () => {
  it('shows a named curator everyone’s spans, while an ordinary analyst sees only their own, in the article and in adjudication', () => {
    const { anaApi, cleoApi, articleId, sync } = team();
    anaApi['project.setOption']({ name: 'blind', enabled: true });
    sync();
    // Nobody named: nobody is exempt, so adjudication shows Cleo (who wrote nothing) no one's spans.
    expect(cleoApi['annotations.list']({ articleId })).toEqual([]);
    expect(cleoApi['adjudication.compare']({ articleId }).authors).toEqual([]);
    expect(anaApi['adjudication.compare']({ articleId }).authors).toEqual(['ana']);
    cleoApi['team.setCurator']({ analyst: 'cleo', curator: true });
    sync();
    expect(
      cleoApi['annotations.list']({ articleId })
        .map((a) => a.author)
        .sort(),
    ).toEqual(['ana', 'ana', 'ben', 'ben']);
    const view = cleoApi['adjudication.compare']({ articleId, analysts: ['ana', 'ben'] });
    expect(view.pairs.filter((p) => p.first && p.second)).toHaveLength(1);
    expect(cleoApi['articles.doneState']({ id: articleId }).hidden).toBe(0);
    // Ana is still blind to Ben's spans, in every view.
    expect(anaApi['annotations.list']({ articleId }).map((a) => a.author)).toEqual(['ana', 'ana']);
    expect(anaApi['adjudication.compare']({ articleId }).authors).toEqual(['ana']);
    expect(() => anaApi['adjudication.compare']({ articleId, analysts: ['ana', 'ben'] }).pairs.forEach((p) => expect(p.second).toBeNull())).not.toThrow();
    expect(anaApi['articles.doneState']({ id: articleId }).hidden).toBe(2);
  });
});

describe('keeping neither span', () => {
  it('is a decision shown apart from an undecided pair, replicated, undone back to undecided, and replaced by keeping a side', () => {
    const { ana, cleo, anaApi, cleoApi, articleId, sync } = team();
    const view = () => cleoApi['adjudication.compare']({ articleId, analysts: ['ana', 'ben'] });
    const index = view().pairs.findIndex((p) => p.first && p.second);
    const pair = view().pairs[index]!;
    expect(pair.kept).toBeNull();
    expect(cleoApi['adjudication.keep']({ articleId, first: pair.first!.id, second: pair.second!.id, keep: 'neither' })).toEqual({
      kept: 'neither',
      curated: null,
    });
    expect(view().pairs[index]!.kept).toBe('neither');
    expect(view().pairs.filter((p) => p.kept === null)).toHaveLength(view().pairs.length - 1);
    sync();
    expect(anaApi['adjudication.compare']({ articleId, analysts: ['ana', 'ben'] }).pairs[index]!.kept).toBe('neither');
    expect(logicalDump(ana)).toEqual(logicalDump(cleo));
    cleoApi['history.undo']({});
    expect(view().pairs[index]!.kept).toBeNull();
    cleoApi['history.redo']({});
    expect(view().pairs[index]!.kept).toBe('neither');
    cleoApi['adjudication.keep']({ articleId, first: pair.first!.id, second: pair.second!.id, keep: 'first' });
    expect(view().pairs[index]).toMatchObject({ kept: 'first', curated: { quote: 'the tunnel opens in June' } });
    expect(cleo.prepare('SELECT count(*) FROM kept_neither').pluck().get()).toBe(0);
    sync();
    expect(ana.prepare('SELECT count(*) FROM kept_neither').pluck().get()).toBe(0);
    expect(logicalDump(ana)).toEqual(logicalDump(cleo));
  });
});
