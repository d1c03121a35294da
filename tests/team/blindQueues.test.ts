import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { getArticle, insertArticle } from '../../main/corpus/articles.ts';
import { importContent } from '../../main/ingest/importFiles.ts';
import { OrderingHub, syncDevice } from '../helpers/syncHarness.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

/*
 * Blind annotation beyond the reading pane: the orphans queue, the conflicts list
 * and the speakers' mention counts must not show an analyst a colleague's spans
 * before they mark the article done (a named curator sees them all).
 */

const TEXT = 'The harbour master said the ferry sank at dawn. Kirby said the crew was rescued. The owner denied any overloading.';
const at = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });

function team() {
  const hub = new OrderingHub();
  const [ana, ben] = [tempCorpus().db, tempCorpus().db];
  const articleId = insertArticle(ana, { text: TEXT, title: 'Ferry', outlet: 'Wire', url: null, published: null, fileName: null }, 'ana').articleId;
  const sync = () => {
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    syncDevice(hub, ana, 'ana');
  };
  sync();
  const anaApi = createHandlers({ db: ana, actor: 'ana' });
  const benApi = createHandlers({ db: ben, actor: 'ben' });
  anaApi['project.setOption']({ name: 'blind', enabled: true });
  sync();
  return { ana, ben, anaApi, benApi, articleId, sync };
}

describe('blind annotation in the speakers’ counts', () => {
  it('counts only the mentions an analyst may see, and all of them once the article is done', () => {
    const { anaApi, benApi, articleId, sync } = team();
    anaApi['annotations.create']({ articleId, ...at('the crew was rescued'), tag: 'claim', speaker: 'Kirby' });
    benApi['annotations.create']({ articleId, ...at('the crew was rescued'), tag: 'claim', speaker: 'Kirby' });
    benApi['annotations.create']({ articleId, ...at('the ferry sank at dawn'), tag: 'claim', speaker: 'Kirby' });
    sync();
    const kirby = (api: typeof anaApi) => api['speakers.list']({}).find((s) => s.name === 'Kirby')!.annotations;
    expect(kirby(anaApi)).toBe(1);
    expect(kirby(benApi)).toBe(2);
    anaApi['articles.markDone']({ id: articleId, done: true });
    expect(kirby(anaApi)).toBe(3);
    anaApi['project.setOption']({ name: 'blind', enabled: false });
    expect(kirby(benApi)).toBe(2);
    sync();
    expect(kirby(benApi)).toBe(3);
  });
});

describe('blind annotation in the conflicts list', () => {
  it('lists a conflict over a colleague’s span only once the analyst may see that span; a named curator sees it at once', () => {
    const { ana, anaApi, benApi, articleId, sync } = team();
    const benSpan = benApi['annotations.create']({ articleId, ...at('any overloading'), tag: 'denial' });
    const benLinkEnd = benApi['annotations.create']({ articleId, ...at('the ferry sank at dawn'), tag: 'claim' });
    sync();
    // Ben and a third analyst (on Ana's laptop, who sees Ben's spans as a curator) retag Ben's span from one version.
    const cleoHere = createHandlers({ db: ana, actor: 'cleo' });
    anaApi['team.setCurator']({ analyst: 'ana', curator: true });
    anaApi['team.setCurator']({ analyst: 'cleo', curator: true });
    const onAna = ana.prepare('SELECT id FROM annotations WHERE author = ? AND quote = ?').pluck().get('ben', 'any overloading') as number;
    cleoHere['annotations.update']({ id: onAna, tag: 'claim' });
    benApi['annotations.update']({ id: benSpan.id, tag: 'attribution' });
    benApi['links.create']({ fromId: benSpan.id, toId: benLinkEnd.id, type: 'contradicts' });
    anaApi['team.setCurator']({ analyst: 'cleo', curator: false });
    anaApi['team.setCurator']({ analyst: 'ana', curator: false });
    sync();
    const raw = ana.prepare("SELECT count(*) FROM conflicts WHERE status = 'open'").pluck().get() as number;
    expect(raw).toBeGreaterThan(0);
    // Ana is no curator now: the conflict would show her Ben's span and tag.
    expect(anaApi['conflicts.list']({})).toEqual([]);
    expect(benApi['conflicts.list']({}).length).toBe(raw);
    anaApi['team.setCurator']({ analyst: 'ana', curator: true });
    expect(anaApi['conflicts.list']({}).length).toBe(raw);
    anaApi['history.undo']({});
    expect(anaApi['conflicts.list']({})).toEqual([]);
    anaApi['articles.markDone']({ id: articleId, done: true });
    expect(anaApi['conflicts.list']({}).length).toBe(raw);
  });
});

/** An invented story and its correction: one sentence reworded, so an annotation on it cannot be placed with confidence. */
const page = (paragraphs: string[]) =>
  new TextEncoder().encode(
    `<html><head><meta property="og:site_name" content="Coast Herald"><meta property="og:title" content="Ferry inquiry"></head><body><article>${paragraphs
      .map((p) => `<p>${p}</p>`)
      .join('')}</article></body></html>`,
  );
const FIRST = [
  'The inquiry said on Tuesday that the ferry had left port with twice its licensed load of vehicles.',
  'The owner denied that any cargo limit had been broken, its lawyer told the hearing.',
];
const CORRECTED = [FIRST[0]!, 'The owner would not say whether a cargo limit had been broken, its lawyer told the hearing.'];
const DENIAL = 'The owner denied that any cargo limit had been broken';

describe('blind annotation in the orphans queue', () => {
  it('shows an analyst only the orphans of spans they may see', () => {
    const hub = new OrderingHub();
    const [ana, ben] = [tempCorpus().db, tempCorpus().db];
    const anaApi = createHandlers({ db: ana, actor: 'ana' });
    const benApi = createHandlers({ db: ben, actor: 'ben' });
    const { articleId: oldId } = importContent(ana, 'ferry.html', page(FIRST), 'ana');
    anaApi['project.setOption']({ name: 'blind', enabled: true });
    const sync = () => {
      syncDevice(hub, ana, 'ana');
      syncDevice(hub, ben, 'ben');
      syncDevice(hub, ana, 'ana');
    };
    sync();
    const text = getArticle(ben, oldId!).text;
    benApi['annotations.create']({ articleId: oldId!, start: text.indexOf(DENIAL), end: text.indexOf(DENIAL) + DENIAL.length, tag: 'denial' });
    sync();
    expect(importContent(ana, 'ferry-corrected.html', page(CORRECTED), 'ana')).toMatchObject({ supersedes: oldId, orphaned: 1 });
    sync();
    expect(ana.prepare('SELECT count(*) FROM orphans').pluck().get()).toBe(1);
    expect(anaApi['orphans.list']({})).toEqual([]);
    expect(benApi['orphans.list']({})).toEqual([expect.objectContaining({ annotation: expect.objectContaining({ quote: DENIAL, author: 'ben' }) })]);
    anaApi['articles.markDone']({ id: oldId!, done: true });
    expect(anaApi['orphans.list']({})).toHaveLength(1);
  });
});
