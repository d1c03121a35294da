import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { openDatabase } from '../../main/corpus/database.ts';
import { OrderingHub, syncDevice } from '../helpers/syncHarness.ts';
import { runCli } from '../helpers/runCli.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const TEXT = 'Kirby said Russia was offering Iran military and technical support. Tehran denied it.';

/** Two analysts' corpora that retagged one annotation differently from the same version, then synced. */
function conflictedCorpus(): string {
  const dir = tempDir();
  const hub = new OrderingHub();
  const ana = openDatabase(join(dir, 'ana.sqlite'));
  const ben = openDatabase(join(dir, 'ben.sqlite'));
  const articleId = insertArticle(ana, { text: TEXT, title: 'One', outlet: null, url: null, published: null, fileName: null }, 'ana').articleId;
  const a = createHandlers({ db: ana, actor: 'ana' })['annotations.create']({ articleId, start: 40, end: 62, tag: 'claim' });
  syncDevice(hub, ana, 'ana');
  syncDevice(hub, ben, 'ben');
  createHandlers({ db: ana, actor: 'ana' })['annotations.update']({ id: a.id, tag: 'denial' });
  const benApi = createHandlers({ db: ben, actor: 'ben' });
  benApi['annotations.update']({ id: benApi['annotations.list']({})[0]!.id, tag: 'attribution' });
  syncDevice(hub, ben, 'ben');
  syncDevice(hub, ana, 'ana');
  ana.close();
  ben.close();
  return join(dir, 'ana.sqlite');
}

describe('crosscheck conflicts', () => {
  it('lists both values of a conflict and keeps the side named, through the contract', () => {
    const db = conflictedCorpus();
    const listed = runCli(['conflicts', '--db', db, '--json']);
    expect(listed.status, listed.stderr).toBe(0);
    const [conflict] = JSON.parse(listed.stdout);
    expect(conflict.sides.map((s: { analyst: string; value: { tag: string } }) => `${s.analyst}:${s.value.tag}`).sort()).toEqual([
      'ana:denial',
      'ben:attribution',
    ]);
    const table = runCli(['conflicts', '--db', db]);
    expect(table.stdout).toMatch(/ben .*attribution/);

    const resolved = runCli(['conflicts', 'resolve', String(conflict.id), '--keep', 'ben', '--db', db]);
    expect(resolved.status, resolved.stderr).toBe(0);
    expect(resolved.stdout).toMatch(/kept ben’s version \(attribution/);
    expect(JSON.parse(runCli(['annotations', '--db', db, '--json']).stdout)[0].tag).toBe('attribution');
    expect(runCli(['conflicts', '--db', db]).stdout).toMatch(/no open conflicts/);
  });

  it('refuses a side that names neither value, changing nothing', () => {
    const db = conflictedCorpus();
    const [conflict] = JSON.parse(runCli(['conflicts', '--db', db, '--json']).stdout);
    const run = runCli(['conflicts', 'resolve', String(conflict.id), '--keep', 'carol', '--db', db]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/does not name one side of conflict/);
    expect(JSON.parse(runCli(['conflicts', '--db', db, '--json']).stdout)).toHaveLength(1);
  });
});
