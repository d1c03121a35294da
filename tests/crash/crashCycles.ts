import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { checkCorpusFile, listBackups } from '../../main/corpus/backups.ts';
import { openDatabase } from '../../main/corpus/database.ts';
import { sha256Hex } from '../../main/ingest/normalise.ts';
import { seededRandom } from '../bench/random.ts';
import { PROJECT_ROOT } from '../helpers/projectPaths.ts';

const NODE = join(PROJECT_ROOT, 'node_modules', '.bin', 'node');
const WORKER = join(PROJECT_ROOT, 'tests', 'crash', 'crashWorker.ts');

export interface CrashFigures {
  kills: number;
  /** Writes the worker acknowledged before it was killed, over all cycles. */
  acknowledged: number;
  /** Acknowledged writes missing or different after reopening: the target is 0. */
  lostWrites: number;
  integrityFailures: number;
  /** Articles without their import event or whose text does not match its checksum, annotations without their event. */
  halfWritten: number;
  /** Backups that list as complete but do not pass quick_check. */
  badBackups: number;
  problems: string[];
}

interface Acknowledged {
  articles: Map<number, string>;
  annotations: Map<number, { articleId: number; start: number; end: number }>;
  notes: Map<number, string>;
}

/**
 * When to kill: counted from spawn, so it can land in start-up (opening,
 * checking and migrating the corpus), or from the worker's first line, so it
 * lands in the write loop however long start-up takes on a big corpus.
 */
type KillMoment = { from: 'spawn' | 'ready'; ms: number };

/** Runs the worker until the kill moment, then SIGKILLs it; resolves with the complete lines it printed. */
function runUntilKilled(corpusPath: string, seed: number, moment: KillMoment): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [WORKER, corpusPath, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const killIn = (ms: number) => (timer ??= setTimeout(() => child.kill('SIGKILL'), ms));
    if (moment.from === 'spawn') killIn(moment.ms);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.startsWith('ready\n')) killIn(moment.ms);
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`the worker stopped by itself (${signal ?? code}): ${stderr.slice(0, 2000)}`));
      // A line without its newline was cut by the kill: not acknowledged.
      resolve(stdout.split('\n').slice(0, -1));
    });
  });
}

function record(lines: string[], acknowledged: Acknowledged): number {
  let count = 0;
  for (const line of lines) {
    const [kind, id, ...rest] = line.split(' ');
    if (kind === 'article') acknowledged.articles.set(Number(id), rest[0]!);
    else if (kind === 'annotation') acknowledged.annotations.set(Number(id), { articleId: Number(rest[0]), start: Number(rest[1]), end: Number(rest[2]) });
    else if (kind === 'note') acknowledged.notes.set(Number(id), rest.join(' '));
    else continue;
    count++;
  }
  return count;
}

/** Reopens the corpus as the app would and checks everything acknowledged so far is there, whole. */
function verify(corpusPath: string, acknowledged: Acknowledged, figures: CrashFigures, lostKeys: Set<string>): void {
  // A write found missing stays missing in later checks; it is counted once.
  const lost = (write: string, how: string) => {
    if (lostKeys.has(write)) return;
    lostKeys.add(write);
    figures.lostWrites++;
    figures.problems.push(`after kill ${figures.kills}: ${write} ${how}`);
  };
  const db = openDatabase(corpusPath);
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      figures.integrityFailures++;
      figures.problems.push(`integrity_check: ${String(integrity)}`);
    }
    const article = db.prepare('SELECT sha256, text FROM articles WHERE id = ?');
    for (const [id, sha] of acknowledged.articles) {
      const row = article.get(id) as { sha256: string; text: string } | undefined;
      if (row?.sha256 !== sha) lost(`article ${id}`, row ? 'different' : 'missing');
    }
    const annotation = db.prepare('SELECT article_id AS articleId, start, "end", note FROM annotations WHERE id = ?');
    for (const [id, expected] of acknowledged.annotations) {
      const row = annotation.get(id) as { articleId: number; start: number; end: number } | undefined;
      if (!row || row.articleId !== expected.articleId || row.start !== expected.start || row.end !== expected.end)
        lost(`annotation ${id}`, row ? 'different' : 'missing');
    }
    // A note edit committed just before the kill may lack its acknowledgement, so a newer note is fine
    // as long as the acknowledged one is in the log before it and the row matches the latest logged edit.
    const noteHistory = db
      .prepare(
        `SELECT json_extract(data, '$.after.note') FROM events WHERE entity = 'annotation' AND action = 'annotation.update' AND entity_id = ? ORDER BY id`,
      )
      .pluck();
    for (const [id, note] of acknowledged.notes) {
      const row = annotation.get(id) as { note: string } | undefined;
      const history = noteHistory.all(id) as string[];
      if (!row || !history.includes(note) || history.at(-1) !== row.note) lost(`note of annotation ${id}`, `acknowledged as "${note}" but is "${row?.note}"`);
    }
    const halfImported = db
      .prepare(
        `SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.entity = 'article' AND e.action = 'article.import' AND e.entity_id = a.id)`,
      )
      .pluck()
      .all();
    const mismatched = (db.prepare('SELECT id, sha256, text FROM articles').all() as Array<{ id: number; sha256: string; text: string }>).filter(
      (a) => sha256Hex(a.text) !== a.sha256,
    );
    const unlogged = db
      .prepare(
        `SELECT id FROM annotations n WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.entity = 'annotation' AND e.action = 'annotation.create' AND e.entity_id = n.id)`,
      )
      .pluck()
      .all();
    const orphans = db.pragma('foreign_key_check') as unknown[];
    const half = halfImported.length + mismatched.length + unlogged.length + orphans.length;
    if (half > 0) {
      figures.halfWritten += half;
      figures.problems.push(
        `half-written: ${halfImported.length} articles without import event, ${mismatched.length} with wrong checksum, ${unlogged.length} annotations without event, ${orphans.length} orphans`,
      );
    }
  } finally {
    db.close();
  }
  for (const backup of listBackups(corpusPath)) {
    const problem = checkCorpusFile(backup.path);
    if (problem) {
      figures.badBackups++;
      figures.problems.push(`backup ${backup.path}: ${problem}`);
    }
  }
}

/**
 * Kills the worker `kills` times at random moments (from mid-start-up to well
 * into its write loop) on one corpus, reopening and checking it after each.
 */
export async function runCrashCycles(options: {
  corpusPath: string;
  kills: number;
  seed?: number;
  maxRunMs?: number;
  onCycle?: (figures: CrashFigures) => void;
}): Promise<CrashFigures> {
  const random = seededRandom(options.seed ?? 1);
  const acknowledged: Acknowledged = { articles: new Map(), annotations: new Map(), notes: new Map() };
  const figures: CrashFigures = { kills: 0, acknowledged: 0, lostWrites: 0, integrityFailures: 0, halfWritten: 0, badBackups: 0, problems: [] };
  const maxRunMs = options.maxRunMs ?? 600;
  const lostKeys = new Set<string>();
  for (let cycle = 0; cycle < options.kills; cycle++) {
    // One kill in five lands in start-up: Node, type stripping, opening and checking the corpus.
    const moment: KillMoment = random() < 0.2 ? { from: 'spawn', ms: Math.floor(random() * 400) } : { from: 'ready', ms: Math.floor(random() * maxRunMs) };
    const lines = await runUntilKilled(options.corpusPath, (options.seed ?? 1) * 1000 + cycle, moment);
    figures.kills++;
    figures.acknowledged += record(lines, acknowledged);
    verify(options.corpusPath, acknowledged, figures, lostKeys);
    options.onCycle?.(figures);
  }
  return figures;
}
