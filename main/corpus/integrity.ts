import { createHash } from 'node:crypto';
import type { IntegrityReport } from '../contract/contract.ts';
import type { Db } from './connection.ts';
import { chainHead, eventHash, GENESIS, type EventRow } from './eventChain.ts';
import { verifyAllTexts, verifyTextsInTurn } from './textIntegrity.ts';

/**
 * Whether the corpus is as its own evidence says: the event log against its
 * hash chain, each article's text against the sha256 stored with it, each
 * captured source against its hash. The full check reads everything; the
 * quick one, run on open and before a backup, reads the chain's links and
 * counts, the newest events' hashes and the next stretch of article texts in
 * turn (bounded, so opening stays quick on any corpus), but not the captured bytes.
 */
export interface VerifyOptions {
  full: boolean;
}

/** Events whose hashes the quick check recomputes, newest first: the ones a recent edit of the file would touch. */
const QUICK_RECENT_EVENTS = 1_000;

export function verifyCorpus(db: Db, { full }: VerifyOptions): IntegrityReport {
  const problems: IntegrityReport['problems'] = [];
  const events = checkEvents(db, full, problems);
  const articles = checkArticles(db, full, problems);
  const sources = full ? checkSources(db, problems) : 0;
  const firstBadEvent = problems.find((p) => p.kind === 'event')?.id ?? null;
  const firstBadArticle = problems.find((p) => p.kind === 'article')?.id ?? null;
  return { ok: problems.length === 0, full, events, articles, sources, head: chainHead(db), firstBadEvent, firstBadArticle, problems: problems.slice(0, 100) };
}

/** One line for a person: what is wrong first, or that all is well. */
export function describeIntegrity(report: IntegrityReport): string {
  if (report.ok)
    return `verified ${report.events} events, ${report.articles} articles${report.full ? `, ${report.sources} captured sources` : ''}: all as recorded`;
  const first = report.problems[0]!;
  const more = report.problems.length > 1 ? ` (${report.problems.length - 1} more problem${report.problems.length > 2 ? 's' : ''})` : '';
  return `the corpus does not match its own record: ${first.kind} ${first.id}: ${first.message}${more}`;
}

function checkEvents(db: Db, full: boolean, problems: IntegrityReport['problems']): number {
  const { events, links } = db.prepare('SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM event_chain) AS links').get() as {
    events: number;
    links: number;
  };
  // Every event has its link and no link is left without its event.
  const unlinked = db
    .prepare('SELECT e.id FROM events e LEFT JOIN event_chain c ON c.event_id = e.id WHERE c.event_id IS NULL ORDER BY e.id LIMIT 1')
    .pluck()
    .get() as number | undefined;
  if (unlinked !== undefined)
    problems.push({ kind: 'event', id: unlinked, message: 'it is not in the hash chain (added to the file afterwards, or the chain was cut)' });
  const orphanLink = db
    .prepare('SELECT c.event_id FROM event_chain c LEFT JOIN events e ON e.id = c.event_id WHERE e.id IS NULL ORDER BY c.event_id LIMIT 1')
    .pluck()
    .get() as number | undefined;
  if (orphanLink !== undefined) problems.push({ kind: 'event', id: orphanLink, message: 'it was removed from the log; its link in the hash chain remains' });
  // Each link names the hash of the one before it.
  const broken = db
    .prepare(
      `SELECT event_id AS id FROM (SELECT event_id, previous, lag(hash, 1, ?) OVER (ORDER BY event_id) AS expected FROM event_chain) WHERE previous <> expected ORDER BY event_id LIMIT 1`,
    )
    .pluck()
    .get(GENESIS) as number | undefined;
  if (broken !== undefined)
    problems.push({ kind: 'event', id: broken, message: 'its link does not follow the one before it: an event before it was removed or the chain rewritten' });
  // Each hash is the hash of its event: all of them, or the newest few.
  const rows = db
    .prepare(
      full
        ? 'SELECT c.previous AS chainPrevious, c.hash AS chainHash, e.* FROM events e JOIN event_chain c ON c.event_id = e.id ORDER BY e.id'
        : 'SELECT * FROM (SELECT c.previous AS chainPrevious, c.hash AS chainHash, e.* FROM events e JOIN event_chain c ON c.event_id = e.id ORDER BY e.id DESC LIMIT ?) ORDER BY id',
    )
    .iterate(...(full ? [] : [QUICK_RECENT_EVENTS])) as Iterable<EventRow & { chainPrevious: string; chainHash: string }>;
  for (const { chainPrevious, chainHash, ...row } of rows) {
    if (eventHash(chainPrevious, row) !== chainHash) {
      problems.push({ kind: 'event', id: row.id as number, message: 'it was changed after it was recorded: its hash no longer matches' });
      break;
    }
  }
  problems.sort((a, b) => a.id - b.id);
  return Math.max(events, links);
}

/** Article texts against their sha256: all of them, or on the quick path the next stretch in turn (see textIntegrity.ts). */
function checkArticles(db: Db, full: boolean, problems: IntegrityReport['problems']): number {
  for (const { id, title, fileName } of full ? verifyAllTexts(db) : verifyTextsInTurn(db)) {
    const name = title ? ` ("${title}")` : fileName ? ` (${fileName})` : '';
    problems.push({ kind: 'article', id, message: `its text${name} does not match the sha256 stored when it was imported` });
  }
  return db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
}

function checkSources(db: Db, problems: IntegrityReport['problems']): number {
  let count = 0;
  // The capture's hash as the log recorded it, so bytes and stored hash swapped together still disagree with the log.
  const logged = db
    .prepare("SELECT json_extract(data, '$.sha256') FROM events WHERE action = 'article.capture' AND entity_id = ? ORDER BY id DESC LIMIT 1")
    .pluck();
  for (const { articleId, sha256, bytes } of db
    .prepare('SELECT article_id AS articleId, sha256, bytes FROM article_sources ORDER BY article_id')
    .iterate() as Iterable<{ articleId: number; sha256: string; bytes: Buffer }>) {
    count++;
    if (createHash('sha256').update(bytes).digest('hex') !== sha256)
      problems.push({ kind: 'source', id: articleId, message: 'the captured bytes do not match their stored sha256' });
    else if ((logged.get(articleId) ?? sha256) !== sha256)
      problems.push({ kind: 'source', id: articleId, message: 'the captured source is not the one the event log recorded' });
  }
  return count;
}
