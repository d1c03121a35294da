import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getArticle } from '../../main/corpus/articles.ts';
import { syncStatus } from '../../main/corpus/syncDevice.ts';
import { importContent } from '../../main/ingest/importFiles.ts';
import { startTestHub, type TestHub } from '../helpers/hubFixture.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres.ts';
import { logicalDump } from '../helpers/syncHarness.ts';
import { addArticles, makeDevice, syncUntilQuiet, type Device } from '../helpers/syncTeam.ts';

let postgres: RunningPostgres;
let hub: TestHub;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop(), 60_000);
afterEach(async () => hub?.close(), 60_000);

async function team(): Promise<[Device, Device]> {
  hub = await startTestHub(postgres);
  return ['ana', 'ben'].map((name) => makeDevice(hub, name)) as [Device, Device];
}

const uuidOf = (device: Device, id: number) => device.db.prepare('SELECT uuid FROM annotations WHERE id = ?').pluck().get(id) as string;
const idOf = (device: Device, uuid: string) => device.db.prepare('SELECT id FROM annotations WHERE uuid = ?').pluck().get(uuid) as number;
const articleCount = (device: Device) => device.db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
/** Which text replaced which, by the texts' hashes: the same on every device. */
const versions = (device: Device) =>
  device.db
    .prepare('SELECT o.sha256 AS old, n.sha256 AS new FROM article_supersessions s JOIN articles o ON o.id = s.old_id JOIN articles n ON n.id = s.new_id')
    .all();

/** An invented wire story and its corrected version: a paragraph added on top, one sentence reworded. */
const page = (paragraphs: string[]) =>
  new TextEncoder().encode(
    `<html><head><meta property="og:site_name" content="Harbour Gazette"><meta property="og:title" content="Ferry operator suspends night crossings">` +
      `<link rel="canonical" href="https://gazette.example.test/ferry"></head><body><article>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
  );
const FIRST = [
  'The ferry operator said on Tuesday that night crossings would stop for six weeks while the harbour lights are replaced.',
  'The port authority denied that the lights had failed during last month’s storm, a spokeswoman said.',
  'Union officials said the suspension would cost crews a third of their shifts.',
];
const CORRECTED = [
  'CORRECTION: an earlier version misstated the length of the suspension.',
  FIRST[0]!,
  'The port authority did not confirm whether the lights had failed during last month’s storm, a spokeswoman said.',
  FIRST[2]!,
];

describe('article changes replicated between analysts', () => {
  it('removes a deleted article, with its annotations and links, from every device, including work a colleague did on it offline', async () => {
    const [ana, ben] = await team();
    const [doomed, kept] = addArticles(ana, 2, 900);
    const onDoomed = ana.api['annotations.create']({ articleId: doomed!, start: 0, end: 25, tag: 'claim' });
    const onKept = ana.api['annotations.create']({ articleId: kept!, start: 0, end: 25, tag: 'claim' });
    await syncUntilQuiet([ana, ben]);
    // Offline, Ben links the two spans and tags another on the article Ana is about to delete.
    ben.api['links.create']({ fromId: idOf(ben, uuidOf(ana, onDoomed.id)), toId: idOf(ben, uuidOf(ana, onKept.id)), type: 'same-claim' });
    const benDoomed = ben.db.prepare('SELECT id FROM articles WHERE sha256 = (SELECT sha256 FROM articles WHERE id = ?)').pluck().get(doomed) as number;
    ben.api['annotations.create']({ articleId: benDoomed, start: 30, end: 60, tag: 'denial' });
    ana.api['articles.delete']({ id: doomed! });
    await syncUntilQuiet([ben, ana]);
    expect(logicalDump(ben.db)).toEqual(logicalDump(ana.db));
    for (const device of [ana, ben]) {
      expect(articleCount(device)).toBe(1);
      expect(device.db.prepare('SELECT count(*) FROM links').pluck().get()).toBe(0);
      expect(device.db.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(1);
      expect(syncStatus(device.db).pending).toBe(0);
    }
  });

  it('delivers an article imported and deleted before the first sync as a removal, the hub keeping its text for the import', async () => {
    const [ana, ben] = await team();
    const [doomed] = addArticles(ana, 2, 950);
    ana.api['annotations.create']({ articleId: doomed!, start: 0, end: 25, tag: 'claim' });
    ana.api['articles.delete']({ id: doomed! });
    await syncUntilQuiet([ana, ben]);
    expect(articleCount(ben)).toBe(1);
    expect(logicalDump(ben.db)).toEqual(logicalDump(ana.db));
  });

  it('brings an article imported again after its removal back on every device', async () => {
    const [ana, ben] = await team();
    const [article] = addArticles(ana, 1, 980);
    await syncUntilQuiet([ana, ben]);
    const text = getArticle(ana.db, article!).text;
    ana.api['articles.delete']({ id: article! });
    await syncUntilQuiet([ana, ben]);
    expect(articleCount(ben)).toBe(0);
    addArticles(ben, 1, 980);
    await syncUntilQuiet([ben, ana]);
    expect(ana.db.prepare('SELECT text FROM articles').pluck().all()).toEqual([text]);
    expect(logicalDump(ben.db)).toEqual(logicalDump(ana.db));
  });

  it('shows a colleague the new version, the annotations it moved and the orphan placed by hand', async () => {
    const [ana, ben] = await team();
    const { articleId: oldId } = importContent(ana.db, 'ferry.html', page(FIRST), 'ana');
    const text = getArticle(ana.db, oldId!).text;
    const span = (quote: string, tag: 'claim' | 'denial') =>
      ana.api['annotations.create']({ articleId: oldId!, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, tag });
    const stop = span('night crossings would stop for six weeks', 'claim');
    const denial = span('The port authority denied that the lights had failed', 'denial');
    await syncUntilQuiet([ana, ben]);

    const update = importContent(ana.db, 'ferry-corrected.html', page(CORRECTED), 'ana');
    expect(update).toMatchObject({ supersedes: oldId, moved: 1, orphaned: 1 });
    const newText = getArticle(ana.db, update.articleId!).text;
    const placed = 'The port authority did not confirm whether the lights had failed';
    ana.api['orphans.place']({ annotationId: denial.id, start: newText.indexOf(placed), end: newText.indexOf(placed) + placed.length });
    await syncUntilQuiet([ana, ben]);

    expect(logicalDump(ben.db)).toEqual(logicalDump(ana.db));
    expect(versions(ben)).toEqual(versions(ana));
    expect(versions(ben)).toHaveLength(1);
    const onBen = (id: number) =>
      ben.db.prepare('SELECT ar.sha256, an.quote FROM annotations an JOIN articles ar ON ar.id = an.article_id WHERE an.uuid = ?').get(uuidOf(ana, id));
    const newSha = ana.db.prepare('SELECT sha256 FROM articles WHERE id = ?').pluck().get(update.articleId) as string;
    expect(onBen(stop.id)).toEqual({ sha256: newSha, quote: 'night crossings would stop for six weeks' });
    expect(onBen(denial.id)).toEqual({ sha256: newSha, quote: placed });
  });

  it('lets the analyst undo placing an orphan, and the colleague sees it undone', async () => {
    const [ana, ben] = await team();
    const { articleId: oldId } = importContent(ana.db, 'ferry.html', page(FIRST), 'ana');
    const text = getArticle(ana.db, oldId!).text;
    const quote = 'The port authority denied that the lights had failed';
    const denial = ana.api['annotations.create']({ articleId: oldId!, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, tag: 'denial' });
    const update = importContent(ana.db, 'ferry-corrected.html', page(CORRECTED), 'ana');
    const newText = getArticle(ana.db, update.articleId!).text;
    ana.api['orphans.place']({ annotationId: denial.id, start: newText.indexOf('did not confirm'), end: newText.indexOf('did not confirm') + 15 });
    ana.api['history.undo']({});
    expect(ana.api['annotations.list']({ articleId: oldId! })).toMatchObject([{ id: denial.id, quote }]);
    await syncUntilQuiet([ana, ben]);
    expect(logicalDump(ben.db)).toEqual(logicalDump(ana.db));
  });
});
