import type { IntegrityReport } from '../contract/contract.ts';
import { openForChecking } from '../corpus/database.ts';
import { describeIntegrity, verifyCorpus } from '../corpus/integrity.ts';

export { describeIntegrity };

/**
 * `crosscheck verify` on a corpus file: opened read-only for checking only,
 * so a corpus the ordinary open refuses (an article's text changed) is still
 * checked, and the report names what changed.
 */
export function checkCorpusFile(file: string, { full }: { full: boolean }): IntegrityReport {
  const db = openForChecking(file);
  try {
    return verifyCorpus(db, { full });
  } finally {
    db.close();
  }
}
