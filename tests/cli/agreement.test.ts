import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { openDatabase } from '../../main/corpus/database.ts';
import { runCli } from '../helpers/runCli.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const TEXT = 'Kirby said Russia was offering Iran military and technical support. Tehran denied it.';
const at = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });

describe('crosscheck agreement', () => {
  it('prints kappa and unitizing alpha per tag for the two analysts named, as JSON and as a table', () => {
    const path = join(tempDir(), 'c.sqlite');
    const db = openDatabase(path);
    const articleId = insertArticle(db, { text: TEXT, title: null, outlet: null, url: null, published: null, fileName: null }, 'ana').articleId;
    createHandlers({ db, actor: 'ana' })['annotations.create']({ articleId, ...at('military and technical support'), tag: 'claim' });
    createHandlers({ db, actor: 'bo' })['annotations.create']({ articleId, ...at('military and technical'), tag: 'claim' });
    createHandlers({ db, actor: 'bo' })['annotations.create']({ articleId, ...at('Tehran denied it'), tag: 'denial' });
    db.close();
    const run = runCli(['agreement', String(articleId), '--analysts', 'ana,bo', '--db', path, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.analysts).toEqual(['ana', 'bo']);
    expect(report.kappa.perTag.claim.kappa).toBeGreaterThan(0);
    expect(report.kappa.perTag.claim.kappa).toBeLessThan(1);
    expect(report.alpha.perTag.claim.alpha).toBeLessThan(1);
    expect(report.spans).toEqual({ ana: { claim: 1, denial: 0, attribution: 0 }, bo: { claim: 1, denial: 1, attribution: 0 } });
    const table = runCli(['agreement', '--analysts', 'ana,bo', '--db', path]);
    expect(table.stdout).toMatch(/claim/);
    expect(table.stdout).toMatch(/overall/);
    const wrong = runCli(['agreement', '--analysts', 'ana', '--db', path]);
    expect(wrong.status).toBe(1);
  });
});
