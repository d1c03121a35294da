import { describe, expect, it } from 'vitest';
import { claimTimeline } from '../../main/provenance/claimTimeline.ts';
import { storePendingOrigins } from '../../main/provenance/storedReuse.ts';
import { random } from '../helpers/claimGroupEdits.ts';
import { groupMembers, liveTimeline, randomReuseEdit, reuseArticles } from '../helpers/reuseEdits.ts';
import { OrderingHub, syncDevice } from '../helpers/syncHarness.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

/** Seeded random edits: every group's timeline read with the stored text reuse against the one worked out from the texts, after every step. */
describe('stored text reuse under random edits', () => {
  for (const seed of [31, 32, 33, 34]) {
    it(`gives every claim group the timeline its texts give, through random edits, new versions, undo and redo (seed ${seed})`, () => {
      const { db } = tempCorpus();
      reuseArticles(db);
      const next = random(seed);
      let compared = 0;
      for (let step = 0; step < 150; step++) {
        randomReuseEdit(db, next() < 0.5 ? 'ana' : 'ben', next, { newVersions: true });
        for (const member of groupMembers(db)) {
          expect(claimTimeline(db, member), `group of ${member} after step ${step}`).toEqual(liveTimeline(db, member));
          compared++;
        }
      }
      // The edits made groups of several reports, so the comparison was not of empty timelines.
      expect(compared).toBeGreaterThan(50);
    });
  }

  for (const seed of [41, 42]) {
    it(`gives every device the timelines its texts give while a sync replays the others' edits (seed ${seed})`, () => {
      const next = random(seed);
      const hub = new OrderingHub();
      const devices = ['ana', 'ben', 'cho'].map((analyst) => ({ analyst, db: tempCorpus().db }));
      reuseArticles(devices[0]!.db);
      for (const d of devices) syncDevice(hub, d.db, d.analyst);
      let compared = 0;
      for (let round = 0; round < 100; round++) {
        const device = devices[Math.floor(next() * devices.length)]!;
        if (next() < 0.2) syncDevice(hub, device.db, device.analyst, { push: next() < 0.7, pull: next() < 0.7 });
        else randomReuseEdit(device.db, device.analyst, next);
        for (const member of groupMembers(device.db)) {
          expect(claimTimeline(device.db, member), `group of ${member} on ${device.analyst} after round ${round}`).toEqual(liveTimeline(device.db, member));
          compared++;
        }
      }
      for (let pass = 0; pass < 2; pass++) for (const d of devices) syncDevice(hub, d.db, d.analyst);
      for (const d of devices) {
        storePendingOrigins(d.db);
        for (const member of groupMembers(d.db)) expect(claimTimeline(d.db, member)).toEqual(liveTimeline(d.db, member));
      }
      expect(compared).toBeGreaterThan(50);
    });
  }
});
