import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { getArticle } from '../../main/corpus/articles.ts';
import { importContent } from '../../main/ingest/importFiles.ts';
import { logicalDump, OrderingHub, syncDevice } from '../helpers/syncHarness.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

/** An invented council story and its corrected version: one sentence reworded, so an annotation on it cannot be placed with confidence. */
const page = (paragraphs: string[]) =>
  new TextEncoder().encode(
    `<html><head><meta property="og:site_name" content="Valley Courier"><meta property="og:title" content="Council delays tram line">` +
      `<link rel="canonical" href="https://courier.example.test/tram"></head><body><article>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
  );
const FIRST = [
  'The council said on Monday that the tram line would open two years late because of rising steel prices.',
  'The contractor denied that any safety inspection had been failed, its chief executive said.',
];
const CORRECTED = [FIRST[0]!, 'The contractor would not say whether a safety inspection had been failed, its chief executive said.'];
const DENIAL = 'The contractor denied that any safety inspection had been failed';

function team() {
  const hub = new OrderingHub();
  const ana = tempCorpus().db;
  const ben = tempCorpus().db;
  const anaApi = createHandlers({ db: ana, actor: 'ana' });
  const benApi = createHandlers({ db: ben, actor: 'ben' });
  const { articleId: oldId } = importContent(ana, 'tram.html', page(FIRST), 'ana');
  const text = getArticle(ana, oldId!).text;
  anaApi['annotations.create']({ articleId: oldId!, start: text.indexOf(DENIAL), end: text.indexOf(DENIAL) + DENIAL.length, tag: 'denial' });
  const update = importContent(ana, 'tram-corrected.html', page(CORRECTED), 'ana');
  expect(update).toMatchObject({ supersedes: oldId, orphaned: 1 });
  const sync = () => {
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    syncDevice(hub, ana, 'ana');
  };
  sync();
  return { ana, ben, anaApi, benApi, sync, newText: getArticle(ana, update.articleId!).text };
}

describe('the orphans queue across devices', () => {
  it('shows a colleague the annotations a new version could not place, with the suggested passage', () => {
    const { ana, ben, anaApi, benApi } = team();
    const [mine] = anaApi['orphans.list']({});
    const [theirs] = benApi['orphans.list']({});
    expect(theirs).toMatchObject({ reason: mine!.reason, score: mine!.score, suggestion: mine!.suggestion, annotation: { quote: DENIAL } });
    expect(logicalDump(ben)).toEqual(logicalDump(ana));
  });

  it('empties everyone’s queue when one analyst places the orphan, and undo puts it back everywhere', () => {
    const { ana, ben, benApi, anaApi, sync, newText } = team();
    const placed = 'would not say whether a safety inspection had been failed';
    const [waiting] = benApi['orphans.list']({});
    benApi['orphans.place']({ annotationId: waiting!.annotationId, start: newText.indexOf(placed), end: newText.indexOf(placed) + placed.length });
    sync();
    expect(anaApi['orphans.list']({})).toEqual([]);
    expect(anaApi['annotations.list']({}).map((a) => a.quote)).toEqual([placed]);
    benApi['history.undo']({});
    sync();
    expect(anaApi['orphans.list']({})).toHaveLength(1);
    expect(logicalDump(ben)).toEqual(logicalDump(ana));
  });

  it('makes dropping an orphan an undo step that leaves every queue, the annotation staying on the old version', () => {
    const { ana, ben, anaApi, benApi, sync } = team();
    const [waiting] = anaApi['orphans.list']({});
    anaApi['orphans.drop']({ annotationId: waiting!.annotationId });
    expect(anaApi['history.state']({}).undo).toMatchObject({ action: 'drop', quote: DENIAL });
    sync();
    expect(benApi['orphans.list']({})).toEqual([]);
    expect(benApi['annotations.list']({}).map((a) => a.quote)).toEqual([DENIAL]);
    anaApi['history.undo']({});
    sync();
    expect(benApi['orphans.list']({})).toHaveLength(1);
    expect(logicalDump(ben)).toEqual(logicalDump(ana));
  });

  it('takes an orphan’s entry away with its annotation when the annotation is deleted, and undo brings both back', () => {
    const { ana, ben, anaApi, benApi, sync } = team();
    const [waiting] = anaApi['orphans.list']({});
    anaApi['annotations.delete']({ id: waiting!.annotationId });
    sync();
    expect(benApi['orphans.list']({})).toEqual([]);
    anaApi['history.undo']({});
    sync();
    expect(benApi['orphans.list']({})).toHaveLength(1);
    expect(logicalDump(ben)).toEqual(logicalDump(ana));
  });
});
