import { once } from 'node:events';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../main/corpus/database.ts';
import { leadSnapshot, snapshotSignal } from '../../main/exchange/sharedSnapshot.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const SHARED_SNAPSHOT = pathToFileURL(fileURLToPath(new URL('../../main/exchange/sharedSnapshot.ts', import.meta.url))).href;
const ticks = (reader: Db) => (reader.prepare('SELECT count(*) AS n FROM ticks').get() as { n: number }).n;

/** A thread committing one row after another, as fast as SQLite lets it, until told to stop. */
function busyWriter(path: string): { stop(): Promise<void> } {
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const Database = require('better-sqlite3');
     const { workerData } = require('node:worker_threads');
     const db = new Database(workerData.path, { timeout: 10000 });
     db.pragma('synchronous = OFF');
     const insert = db.prepare('INSERT INTO ticks VALUES (1)');
     while (Atomics.load(workerData.stop, 0) === 0) insert.run();
     db.close();`,
    { eval: true, workerData: { path, stop } },
  );
  return {
    async stop() {
      Atomics.store(stop, 0, 1);
      await once(worker, 'exit');
    },
  };
}

/** A thread that, for each signal it is sent, parks a reader on the shared snapshot and reports what it sees. */
function follower(path: string) {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     import(workerData.module).then(({ openFollowerReader, followSnapshot }) => {
       parentPort.on('message', (signal) => {
         const reader = openFollowerReader(workerData.path);
         parentPort.postMessage('parked');
         followSnapshot(reader, signal);
         parentPort.postMessage(reader.prepare('SELECT count(*) AS n FROM ticks').get().n);
         reader.close();
       });
     });`,
    { eval: true, workerData: { path, module: SHARED_SNAPSHOT } },
  );
  const next = async () => (await once(worker, 'message'))[0] as unknown;
  return { worker, next };
}

describe('shared snapshot', () => {
  it('lets no commit fall between the readers it starts, however busy the writers', async () => {
    const { db, path } = tempCorpus();
    db.exec('CREATE TABLE ticks (n INTEGER)');
    const writer = busyWriter(path);
    const { worker, next } = follower(path);
    try {
      let before = 0;
      for (let round = 0; round < 30; round++) {
        // Each round starts while the writer is committing.
        while (ticks(db) <= before) await new Promise((resolve) => setTimeout(resolve, 1));
        const signal = snapshotSignal();
        worker.postMessage(signal);
        expect(await next()).toBe('parked');
        const reader = leadSnapshot(path, signal, 1);
        const leaderSees = ticks(reader);
        reader.close();
        expect(await next()).toBe(leaderSees);
        before = leaderSees;
      }
    } finally {
      await writer.stop();
      await worker.terminate();
    }
  });

  it('releases the write lock once the readers have begun, and the readers keep their view of the corpus', () => {
    const { db, path } = tempCorpus();
    db.exec('CREATE TABLE ticks (n INTEGER); INSERT INTO ticks VALUES (1)');
    const reader = leadSnapshot(path, snapshotSignal(), 0);
    try {
      db.pragma('busy_timeout = 0');
      db.prepare('INSERT INTO ticks VALUES (2)').run();
      expect(ticks(db)).toBe(2);
      expect(ticks(reader)).toBe(1);
    } finally {
      reader.close();
    }
  });
});
