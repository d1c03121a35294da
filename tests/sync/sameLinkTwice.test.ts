import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listConflicts } from '../../main/corpus/conflicts.ts';
import { syncStatus } from '../../main/corpus/syncDevice.ts';
import { startTestHub, type TestHub } from '../helpers/hubFixture.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres.ts';
import { logicalDump } from '../helpers/syncHarness.ts';
import { addArticles, makeDevice, syncUntilQuiet, type Device } from '../helpers/syncTeam.ts';

let postgres: RunningPostgres;
let hub: TestHub;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop(), 60_000);
afterEach(async () => hub?.close(), 60_000);

/** Two analysts who share two annotations, then work offline. */
async function twoAnalystsSharingTwoSpans(): Promise<{ ana: Device; ben: Device; spans: [string, string] }> {
  hub = await startTestHub(postgres);
  const [ana, ben] = ['ana', 'ben'].map((name) => makeDevice(hub, name)) as [Device, Device];
  const [first, second] = addArticles(ana, 2, 700);
  const a = ana.api['annotations.create']({ articleId: first!, start: 0, end: 30, tag: 'claim' });
  const b = ana.api['annotations.create']({ articleId: second!, start: 5, end: 40, tag: 'claim' });
  await syncUntilQuiet([ana, ben]);
  const uuid = (id: number) => ana.db.prepare('SELECT uuid FROM annotations WHERE id = ?').pluck().get(id) as string;
  return { ana, ben, spans: [uuid(a.id), uuid(b.id)] };
}

const idOn = (device: Device, uuid: string) => device.db.prepare('SELECT id FROM annotations WHERE uuid = ?').pluck().get(uuid) as number;
const linksOn = (device: Device) => device.db.prepare('SELECT uuid, created_by AS createdBy, status FROM links').all();

describe('two analysts who make the same link independently', () => {
  for (const firstToSync of ['ana', 'ben'] as const) {
    it(`end with one link, made by whoever made it first, and both reviews kept (${firstToSync} syncs first)`, async () => {
      const { ana, ben, spans } = await twoAnalystsSharingTwoSpans();
      ana.api['links.create']({ fromId: idOn(ana, spans[0]), toId: idOn(ana, spans[1]), type: 'same-claim' });
      await new Promise((resolve) => setTimeout(resolve, 5));
      // Ben draws it the other way round: a same-claim link has no direction, so it is the same link.
      ben.api['links.create']({ fromId: idOn(ben, spans[1]), toId: idOn(ben, spans[0]), type: 'same-claim', status: 'rejected' });
      const order = firstToSync === 'ana' ? [ana, ben] : [ben, ana];
      await syncUntilQuiet(order);

      expect(logicalDump(ben.db)).toEqual(logicalDump(ana.db));
      const links = linksOn(ana);
      expect(links).toHaveLength(1);
      expect(links[0]).toMatchObject({ createdBy: 'ana' });
      const reviewers = ana.db.prepare('SELECT reviewer, status FROM link_reviews ORDER BY reviewer').all();
      expect(reviewers).toEqual([
        { reviewer: 'ana', status: 'confirmed' },
        { reviewer: 'ben', status: 'rejected' },
      ]);
      // Nobody disagreed about anything: the same link twice is one link, not a conflict.
      expect(listConflicts(ana.db, { all: true })).toEqual([]);
      for (const device of [ana, ben]) expect(syncStatus(device.db).pending).toBe(0);
    });
  }

  for (const [firstToSync, outcome] of [
    ['ana', [{ createdBy: 'ben' }]],
    ['ben', []],
  ] as const) {
    it(`settle on the last word in the hub's order when one of them removed it before syncing (${firstToSync} syncs first)`, async () => {
      const { ana, ben, spans } = await twoAnalystsSharingTwoSpans();
      ana.api['links.create']({ fromId: idOn(ana, spans[0]), toId: idOn(ana, spans[1]), type: 'contradicts' });
      ana.api['history.undo']({});
      expect(linksOn(ana)).toEqual([]);
      ben.api['links.create']({ fromId: idOn(ben, spans[0]), toId: idOn(ben, spans[1]), type: 'contradicts' });
      // Ana's drawing and removal reach the hub before Ben's drawing, or after it.
      await syncUntilQuiet(firstToSync === 'ana' ? [ana, ben] : [ben, ana]);
      expect(logicalDump(ben.db)).toEqual(logicalDump(ana.db));
      expect(linksOn(ana)).toMatchObject(outcome);
      expect(listConflicts(ana.db, { all: true })).toEqual([]);
    });
  }

  it('still cannot make the same link twice on one device', async () => {
    const { ana, spans } = await twoAnalystsSharingTwoSpans();
    ana.api['links.create']({ fromId: idOn(ana, spans[0]), toId: idOn(ana, spans[1]), type: 'paraphrase' });
    expect(() => ana.api['links.create']({ fromId: idOn(ana, spans[1]), toId: idOn(ana, spans[0]), type: 'paraphrase' })).toThrow(/already linked/);
  });
});
