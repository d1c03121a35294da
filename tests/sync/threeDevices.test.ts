import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listConflicts } from '../../main/corpus/conflicts.ts';
import { syncStatus } from '../../main/corpus/syncDevice.ts';
import { openDeviceLog } from '../../main/sync/corpusDeviceLog.ts';
import { parseHubAddress } from '../../main/sync/hubAddress.ts';
import { HubClient } from '../../main/sync/hubClient.ts';
import { syncWithHub } from '../../main/sync/syncWithHub.ts';
import { startTestHub, type TestHub } from '../helpers/hubFixture.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres.ts';
import { logicalDump } from '../helpers/syncHarness.ts';
import { addArticles, makeDevice, offlineEdits, syncUntilQuiet, type Device } from '../helpers/syncTeam.ts';

/** Offline edits per device: a quick count here; CROSSCHECK_SYNC_DEVICE_OPS=10000 runs the full reliability case. */
const EDITS = Number(process.env.CROSSCHECK_SYNC_DEVICE_OPS ?? 60);

/** The full case prints how long each phase took (for docs/benchmarks.md); the quick one stays quiet. */
let phaseStart = performance.now();
function phase(name: string): void {
  const now = performance.now();
  if (EDITS > 1000) console.log(`three devices, ${EDITS} edits each: ${name} took ${((now - phaseStart) / 1000).toFixed(1)} s`);
  phaseStart = now;
}

let postgres: RunningPostgres;
let hub: TestHub;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop(), 60_000);
afterEach(async () => hub?.close(), 60_000);

async function hubCount(sql: string): Promise<number> {
  return Number((await hub.pool.query(sql)).rows[0].n);
}

describe('three devices syncing through the hub', () => {
  it(
    'converge to identical corpora with every conflict listed, whatever order they sync in',
    async () => {
      hub = await startTestHub(postgres);
      const [ana, ben, cy] = ['ana', 'ben', 'cy'].map((name) => makeDevice(hub, name)) as [Device, Device, Device];
      // Ana brings the articles and a first annotation; everyone starts from her work.
      const [first] = addArticles(ana, 3, 100);
      const shared = ana.api['annotations.create']({ articleId: first!, start: 10, end: 40, tag: 'claim' });
      await syncUntilQuiet([ana, ben, cy]);
      expect(logicalDump(ben.db)).toEqual(logicalDump(ana.db));

      // Offline: all three retag the shared annotation from the same version, then work on.
      const uuid = ana.db.prepare('SELECT uuid FROM annotations WHERE id = ?').pluck().get(shared.id) as string;
      const localId = (device: Device) => device.db.prepare('SELECT id FROM annotations WHERE uuid = ?').pluck().get(uuid) as number;
      phase('setup');
      ana.api['annotations.update']({ id: localId(ana), tag: 'denial' });
      ben.api['annotations.update']({ id: localId(ben), tag: 'attribution' });
      cy.api['annotations.update']({ id: localId(cy), note: 'checked with the ministry' });
      const done = [ana, ben, cy].map((device, i) => offlineEdits(device, EDITS, 1000 + i));
      expect(Math.min(...done)).toBeGreaterThan(EDITS / 2);
      phase(`offline edits (${done.join(' + ')} carried out)`);

      // Each in a different order: Cy first, then Ben, then Ana; then everyone until nothing moves.
      for (const device of [cy, ben, ana]) {
        const report = await device.sync();
        phase(`${device.analyst}'s first sync (pushed ${report.pushed}, pulled ${report.pulled}, applied ${report.applied}, conflicts ${report.conflicts})`);
      }
      const rounds = await syncUntilQuiet([ben, ana, cy]);
      phase(`syncing until quiet (${rounds} rounds)`);

      const dumps = [ana, ben, cy].map((device) => logicalDump(device.db));
      expect(dumps[1]).toEqual(dumps[0]);
      expect(dumps[2]).toEqual(dumps[0]);
      phase('comparing logical dumps');
      const conflicts = listConflicts(ana.db, { all: true });
      const onShared = conflicts.filter((c) => c.entity === uuid);
      expect(onShared.length).toBeGreaterThan(0);
      expect(new Set(onShared.flatMap((c) => c.sides.map((s) => s.analyst)))).toEqual(new Set(['ana', 'ben', 'cy']));
      for (const device of [ben, cy])
        expect(
          listConflicts(device.db, { all: true })
            .map((c) => c.uuid)
            .sort(),
        ).toEqual(conflicts.map((c) => c.uuid).sort());
      for (const device of [ana, ben, cy]) expect(syncStatus(device.db).pending).toBe(0);

      // The hub holds each operation once, numbered without gaps.
      expect(await hubCount('SELECT count(*) - count(DISTINCT id) AS n FROM operations')).toBe(0);
      expect(await hubCount('SELECT count(*) - max(seq) AS n FROM operations')).toBe(0);
      phase(`checking conflicts and the hub (${conflicts.length} conflicts, ${await hubCount('SELECT count(*) AS n FROM operations')} operations on the hub)`);
    },
    EDITS > 1000 ? 3_600_000 : 300_000,
  );

  it('brings articles to a device that lacks them by their hash, and sends a device’s own new articles up', async () => {
    hub = await startTestHub(postgres);
    const [ana, ben] = ['ana', 'ben'].map((name) => makeDevice(hub, name)) as [Device, Device];
    addArticles(ana, 2, 200);
    addArticles(ben, 1, 300);
    expect(ana.api['sync.status']({})).toMatchObject({ pending: 2, lastPulledSeq: 0, openConflicts: 0 });
    const anaReport = await ana.sync();
    expect(ana.api['sync.status']({})).toMatchObject({ pending: 0, lastPulledSeq: 2, openConflicts: 0 });
    expect(anaReport.articlesSent).toBe(2);
    const benReport = await ben.sync();
    expect(benReport).toMatchObject({ articlesSent: 1, articlesReceived: 2 });
    expect((await ana.sync()).articlesReceived).toBe(1);
    const texts = (device: Device) => device.db.prepare('SELECT sha256, text FROM articles ORDER BY sha256').all();
    expect(texts(ben)).toEqual(texts(ana));
    expect(texts(ana)).toHaveLength(3);
  });

  it('refuses to sync a corpus whose edits are another analyst’s, storing nothing on the hub', async () => {
    hub = await startTestHub(postgres);
    const ana = makeDevice(hub, 'ana');
    addArticles(ana, 1, 400);
    // A device whose outbox is Ana's, synced with Ben's token.
    await expect(syncWithHub(openDeviceLog(ana.db, 'ana'), new HubClient(parseHubAddress(hub.url), hub.tokens.ben!))).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await hubCount('SELECT count(*) AS n FROM operations')).toBe(0);
    expect(syncStatus(ana.db).pending).toBeGreaterThan(0);
  });
});
