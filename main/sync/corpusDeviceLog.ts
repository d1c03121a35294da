/** A corpus as the sync sees it: its outbox, cursor and applier (corpus/syncDevice.ts) behind the DeviceLog the transport drives. */
import type { Db } from '../corpus/database.ts';
import { applyPulledOperations, articlesNeeded, articleTexts, lastPulledSeq, markPushed, pendingOperations, setLastPulledSeq } from '../corpus/syncDevice.ts';
import type { DeviceLog } from './syncWithHub.ts';

export function openDeviceLog(db: Db, analyst: string): DeviceLog {
  return {
    pendingOperations: (limit) => pendingOperations(db, analyst, limit),
    markPushed: (acknowledged) =>
      markPushed(
        db,
        acknowledged.map((a) => a.id),
        new Map(acknowledged.map((a) => [a.id, a.seq])),
      ),
    lastPulledSeq: () => lastPulledSeq(db),
    articlesToUpload: (operations) => articleTexts(db, operations as Parameters<typeof articleTexts>[1]),
    articlesNeeded: (operations) => articlesNeeded(db, operations as Parameters<typeof articlesNeeded>[1]),
    applyPulled(operations, lastSeq, texts) {
      const counts = applyPulledOperations(db, operations as Parameters<typeof applyPulledOperations>[1], { articleText: (sha256) => texts.get(sha256) });
      // A page whose operations were all here already still moves the cursor.
      setLastPulledSeq(db, lastSeq);
      return { applied: counts.applied, conflicts: counts.conflicts };
    },
  };
}
