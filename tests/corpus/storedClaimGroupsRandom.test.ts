import { describe, expect, it } from 'vitest';
import { claimGroupCount, claimGroupDrift } from '../../main/corpus/claimGroups.ts';
import { article, random, randomEdit } from '../helpers/claimGroupEdits.ts';
import { OrderingHub, syncDevice } from '../helpers/syncHarness.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

/** Seeded random edits: the stored groups against the groups the link graph gives, after every step (a seed replays a failure). */
describe('stored claim groups under random edits', () => {
  for (const seed of [11, 12, 13, 14]) {
    it(`always equal the groups the link graph gives, through random edits, undo and redo (seed ${seed})`, () => {
      const { db } = tempCorpus();
      article(db);
      const next = random(seed);
      for (let step = 0; step < 200; step++) {
        randomEdit(db, next() < 0.5 ? 'ana' : 'ben', next);
        expect(claimGroupDrift(db), `after step ${step}`).toEqual([]);
      }
    });
  }

  for (const seed of [21, 22, 23]) {
    it(`are the same on every device after a sync replays the others' link edits (seed ${seed})`, () => {
      const next = random(seed);
      const hub = new OrderingHub();
      const devices = ['ana', 'ben', 'cho'].map((analyst) => ({ analyst, db: tempCorpus().db }));
      article(devices[0]!.db);
      for (const d of devices) syncDevice(hub, d.db, d.analyst);
      for (let round = 0; round < 120; round++) {
        const device = devices[Math.floor(next() * devices.length)]!;
        if (next() < 0.2) syncDevice(hub, device.db, device.analyst, { push: next() < 0.7, pull: next() < 0.7 });
        else randomEdit(device.db, device.analyst, next);
        expect(claimGroupDrift(device.db)).toEqual([]);
      }
      for (let pass = 0; pass < 2; pass++) for (const d of devices) syncDevice(hub, d.db, d.analyst);
      const groups = devices.map((d) => {
        expect(claimGroupDrift(d.db)).toEqual([]);
        return claimGroupCount(d.db);
      });
      expect(new Set(groups).size).toBe(1);
    });
  }
});
