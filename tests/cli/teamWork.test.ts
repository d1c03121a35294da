import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { openDatabase } from '../../main/corpus/database.ts';
import { runCli } from '../helpers/runCli.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const TEXT = 'The council said the library would stay open. Staff said it closes in June. The mayor denied any closure.';
const at = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });

/** A corpus where Ana and Ben tagged one article, and Ana drew a link between her two spans. */
function corpus(): { db: string; articleId: number; linkId: number } {
  const db = join(tempDir(), 'corpus.sqlite');
  const raw = openDatabase(db);
  const articleId = insertArticle(raw, { text: TEXT, title: 'Library', outlet: null, url: null, published: null, fileName: null }, 'ana').articleId;
  const ana = createHandlers({ db: raw, actor: 'ana' });
  const ben = createHandlers({ db: raw, actor: 'ben' });
  const a = ana['annotations.create']({ articleId, ...at('the library would stay open'), tag: 'claim' });
  const b = ana['annotations.create']({ articleId, ...at('it closes in June'), tag: 'claim' });
  ben['annotations.create']({ articleId, ...at('the library would stay open'), tag: 'attribution' });
  const linkId = ana['links.create']({ fromId: a.id, toId: b.id, type: 'contradicts', status: 'suggested' }).id;
  raw.close();
  return { db, articleId, linkId };
}

const as = (analyst: string) => ({ env: { CROSSCHECK_ANALYST: analyst } });

describe('crosscheck project, done and adjudicate', () => {
  it('turns four-eyes review on, after which the creator’s own confirmation is refused and a colleague’s counts', () => {
    const { db, linkId } = corpus();
    expect(runCli(['project', '--db', db], as('ana')).stdout).toMatch(/four-eyes\s+off\s+never set/);
    const set = runCli(['project', 'set', 'four-eyes', 'on', '--db', db], as('ana'));
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/four-eyes is on/);
    const own = runCli(['review-link', String(linkId), '--status', 'confirmed', '--db', db], as('ana'));
    expect(own.status).not.toBe(0);
    expect(own.stderr).toMatch(/Four-eyes review is on: link \d+ was drawn by you, so someone else must confirm it/);
    const theirs = runCli(['review-link', String(linkId), '--status', 'confirmed', '--db', db], as('ben'));
    expect(theirs.status, theirs.stderr).toBe(0);
    expect(JSON.parse(runCli(['project', '--db', db, '--json']).stdout)).toMatchObject({ fourEyes: true, setBy: { 'four-eyes': { analyst: 'ana' } } });
  });

  it('refuses an unknown option or value, changing nothing', () => {
    const { db } = corpus();
    const run = runCli(['project', 'set', 'secret', 'on', '--db', db], as('ana'));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/project set four-eyes\|blind on\|off/);
    expect(JSON.parse(runCli(['project', '--db', db, '--json']).stdout)).toMatchObject({ fourEyes: false, blind: false });
  });

  it('under blind annotation lists only the analyst’s own spans until they mark the article done', () => {
    const { db, articleId } = corpus();
    runCli(['project', 'set', 'blind', 'on', '--db', db], as('ana'));
    const listed = () => JSON.parse(runCli(['annotations', String(articleId), '--db', db, '--json'], as('ben')).stdout) as Array<{ tag: string }>;
    // Ben's own span is his attribution; Ana's two claims stay hidden.
    expect(listed().map((a) => a.tag)).toEqual(['attribution']);
    const done = runCli(['done', String(articleId), '--db', db], as('ben'));
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/done; done by ben/);
    expect(listed()).toHaveLength(3);
    runCli(['done', String(articleId), '--reopen', '--db', db], as('ben'));
    expect(listed()).toHaveLength(1);
  });

  it('shows two analysts’ spans side by side and keeps one side of a pair by its number', () => {
    const { db, articleId } = corpus();
    const shown = runCli(['adjudicate', String(articleId), '--analysts', 'ana,ben', '--db', db], as('cleo'));
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/1\s+claim .*“the library would stay open”\s+attribution .*tag differs/);
    expect(shown.stdout).toMatch(/2\s+claim .*“it closes in June”\s+—\s+only first/);
    const kept = runCli(['adjudicate', String(articleId), '--analysts', 'ana,ben', '--keep', '1:second', '--db', db], as('cleo'));
    expect(kept.status, kept.stderr).toBe(0);
    expect(kept.stdout).toMatch(/pair 1: kept second \(attribution .*\) in the curated layer/);
    const json = JSON.parse(runCli(['adjudicate', String(articleId), '--analysts', 'ana,ben', '--db', db, '--json']).stdout);
    expect(json.pairs[0].kept).toBe('second');
    expect(json.curated).toHaveLength(1);
    const missing = runCli(['adjudicate', String(articleId), '--keep', '9:first', '--db', db], as('cleo'));
    expect(missing.stderr).toMatch(/There is no pair 9/);
    const malformed = runCli(['adjudicate', String(articleId), '--keep', 'first', '--db', db], as('cleo'));
    expect(malformed.stderr).toMatch(/--keep is PAIR:first/);
  });
});
