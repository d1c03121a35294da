import Database from 'better-sqlite3';
import { sha256Hex } from '../../main/ingest/normalise.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../main/corpus/database.ts';
import { listSpeakers } from '../../main/corpus/speakers.ts';
import { suggestFor } from '../../main/matching/suggestions.ts';
import { ensureMatchIndex } from '../../main/matching/termIndex.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

/** A corpus as version 1 left it: two articles reporting one quote, attributions with speaker names. */
function versionOneCorpus(): string {
  const path = join(tempDir(), 'old.sqlite');
  const old = new Database(path);
  migrate(old, 1);
  const article = old.prepare("INSERT INTO articles (text, text_length, sha256, imported_at) VALUES (?, ?, ?, 'now')");
  const first = 'Kirby said these fighter planes will significantly strengthen Iran’s air force.';
  const second = 'These fighter jets will significantly strengthen Iran’s air force, Kirby said.';
  article.run(first, first.length, sha256Hex(first));
  article.run(second, second.length, sha256Hex(second));
  const add = old.prepare(
    `INSERT INTO annotations (uuid, article_id, start, "end", quote, prefix, suffix, tag, speaker, author, created_at, updated_at) VALUES (?, 1, ?, ?, ?, '', '', ?, ?, 'x', 'now', 'now')`,
  );
  add.run('u1', 11, first.length - 1, first.slice(11, -1), 'claim', 'John Kirby');
  add.run('u2', 0, 5, 'Kirby', 'attribution', 'john kirby');
  add.run('u3', 0, 5, 'Kirby', 'attribution', 'Woodward');
  old.close();
  return path;
}

describe('migration 003', () => {
  it('turns the speaker names of an older corpus into speakers, one per name whatever its case', () => {
    const db = openDatabase(versionOneCorpus());
    expect(listSpeakers(db).map((s) => [s.name, s.annotations])).toEqual([
      ['John Kirby', 2],
      ['Woodward', 1],
    ]);
    db.close();
  });

  it('indexes an older corpus’s articles once the background rebuild has run, and finds claims across them', () => {
    const db = openDatabase(versionOneCorpus());
    expect(db.prepare('SELECT count(*) FROM match_terms').pluck().get()).toBe(0);
    // A request does not build the index (minutes on a large corpus): it answers from the empty one.
    expect(suggestFor(db, 1)).toEqual([]);
    ensureMatchIndex(db);
    expect(suggestFor(db, 1).map((s) => s.quote)).toEqual(['These fighter jets will significantly strengthen Iran’s air force']);
    expect(db.prepare('SELECT count(DISTINCT article_id) FROM match_terms').pluck().get()).toBe(2);
    db.close();
  });

  it('looks terms up through the primary key, never by scanning the index', () => {
    const db = openDatabase(versionOneCorpus());
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT article_id FROM match_terms WHERE term = ?').all('fight') as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/SEARCH match_terms USING PRIMARY KEY \(term=\?\)/);
    db.close();
  });
});
