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

  it('shows keeping neither apart from an undecided pair, in the table and in --json', () => {
    const { db, articleId } = corpus();
    const table = () => runCli(['adjudicate', String(articleId), '--analysts', 'ana,ben', '--db', db], as('cleo')).stdout;
    expect(table()).toMatch(/2\s+claim .*“it closes in June”\s+—\s+only first\s+undecided/);
    const neither = runCli(['adjudicate', String(articleId), '--analysts', 'ana,ben', '--keep', '2:neither', '--db', db], as('cleo'));
    expect(neither.status, neither.stderr).toBe(0);
    expect(neither.stdout).toMatch(/pair 2: decided, keeping neither span/);
    expect(table()).toMatch(/1\s+claim .*tag differs\s+undecided/);
    expect(table()).toMatch(/2\s+claim .*only first\s+kept neither/);
    const json = JSON.parse(runCli(['adjudicate', String(articleId), '--analysts', 'ana,ben', '--db', db, '--json'], as('cleo')).stdout);
    expect(json.pairs.map((p: { kept: string | null }) => p.kept)).toEqual([null, 'neither']);
  });
});

describe('crosscheck team curator', () => {
  it('names curators, after which only a curator keeps spans into the curated layer and changes the list, with refusals in words', () => {
    const { db, articleId } = corpus();
    expect(runCli(['team', 'curators', '--db', db], as('ana')).stdout).toMatch(/no curator is named: anyone may keep spans/);
    const added = runCli(['team', 'curator', 'add', 'cleo', '--db', db], as('cleo'));
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/cleo is a curator/);
    expect(JSON.parse(runCli(['team', 'curators', '--db', db, '--json'], as('ben')).stdout)).toMatchObject({
      curators: [{ analyst: 'cleo', addedBy: 'cleo' }],
      anyoneMayCurate: false,
      youMayCurate: false,
    });
    const refused = runCli(['adjudicate', String(articleId), '--analysts', 'ana,ben', '--keep', '1:first', '--db', db], as('ben'));
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/Only a curator may keep spans into the curated layer, and ben is not one\. This project's curators: cleo\./);
    const selfNamed = runCli(['team', 'curator', 'add', 'ben', '--db', db], as('ben'));
    expect(selfNamed.status).not.toBe(0);
    expect(selfNamed.stderr).toMatch(/Only a curator may change who the curators are/);
    const kept = runCli(['adjudicate', String(articleId), '--analysts', 'ana,ben', '--keep', '1:first', '--db', db], as('cleo'));
    expect(kept.status, kept.stderr).toBe(0);
    const removed = runCli(['team', 'curator', 'remove', 'cleo', '--db', db], as('cleo'));
    expect(removed.stdout).toMatch(/cleo is not a curator[\s\S]*anyone may keep spans/);
    const malformed = runCli(['team', 'curator', 'promote', 'ben', '--db', db], as('cleo'));
    expect(malformed.stderr).toMatch(/expected: team curators, or team curator add\|remove NAME/);
  });
});
