import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import type { CrosscheckError } from '../../main/contract/errors.ts';
import { logicalDump, OrderingHub, syncDevice } from '../helpers/syncHarness.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const TEXT = 'The minister said the bridge would reopen in May. Engineers said the bridge needs a year. The mayor denied any delay.';
const at = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });

function twoAnalysts() {
  const hub = new OrderingHub();
  const ana = tempCorpus().db;
  const ben = tempCorpus().db;
  const articleId = insertArticle(ana, { text: TEXT, title: 'Bridge', outlet: 'Wire', url: null, published: null, fileName: null }, 'ana').articleId;
  syncDevice(hub, ana, 'ana');
  syncDevice(hub, ben, 'ben');
  const anaApi = createHandlers({ db: ana, actor: 'ana' });
  const benApi = createHandlers({ db: ben, actor: 'ben' });
  const a = anaApi['annotations.create']({ articleId, ...at('the bridge would reopen in May'), tag: 'claim' });
  const b = anaApi['annotations.create']({ articleId, ...at('the bridge needs a year'), tag: 'claim' });
  return { hub, ana, ben, anaApi, benApi, a, b, articleId };
}

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error as CrosscheckError;
  }
  throw new Error('expected a refusal');
};

describe('four-eyes review', () => {
  it('is off until someone turns it on, and then a creator’s own confirmation is refused with the reason', () => {
    const { anaApi, a, b } = twoAnalysts();
    expect(anaApi['project.options']({})).toMatchObject({ fourEyes: false, blind: false });
    const link = anaApi['links.create']({ fromId: a.id, toId: b.id, type: 'contradicts', status: 'suggested' });
    anaApi['project.setOption']({ name: 'four-eyes', enabled: true });
    const error = refusal(() => anaApi['links.review']({ id: link.id, status: 'confirmed' }));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/someone else must confirm/);
    expect(anaApi['links.list']({})[0]!.status).toBe('suggested');
    // Rejecting one's own link is still one's own call.
    expect(anaApi['links.review']({ id: link.id, status: 'rejected' }).status).toBe('rejected');
  });

  it('leaves a link its creator drew as confirmed waiting for another reviewer, who confirms it', () => {
    const { hub, ana, ben, anaApi, benApi, a, b } = twoAnalysts();
    anaApi['project.setOption']({ name: 'four-eyes', enabled: true });
    const link = anaApi['links.create']({ fromId: a.id, toId: b.id, type: 'contradicts' });
    expect(link.status).toBe('suggested');
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    expect(benApi['project.options']({}).fourEyes).toBe(true);
    const [theirs] = benApi['links.list']({});
    expect(benApi['links.review']({ id: theirs!.id, status: 'confirmed' })).toMatchObject({ status: 'confirmed', reviewer: 'ben' });
    syncDevice(hub, ben, 'ben');
    syncDevice(hub, ana, 'ana');
    expect(anaApi['links.list']({})[0]).toMatchObject({ status: 'confirmed', reviewer: 'ben' });
    expect(logicalDump(ana)).toEqual(logicalDump(ben));
  });

  it('ignores in the derived status a creator’s confirmation made before the option reached their device', () => {
    const { hub, ana, ben, anaApi, benApi, a, b } = twoAnalysts();
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    // Ben turns four-eyes on while Ana, offline, confirms her own link.
    benApi['project.setOption']({ name: 'four-eyes', enabled: true });
    const link = anaApi['links.create']({ fromId: a.id, toId: b.id, type: 'contradicts' });
    expect(link.status).toBe('confirmed');
    syncDevice(hub, ben, 'ben');
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    expect(anaApi['links.list']({})[0]!.status).toBe('suggested');
    expect(benApi['links.list']({})[0]!.status).toBe('suggested');
    // Her review is kept (per reviewer), only not counted: turning the option off counts it again.
    benApi['project.setOption']({ name: 'four-eyes', enabled: false });
    expect(benApi['links.list']({})[0]).toMatchObject({ status: 'confirmed', reviewer: 'ana' });
    syncDevice(hub, ben, 'ben');
    syncDevice(hub, ana, 'ana');
    expect(logicalDump(ana)).toEqual(logicalDump(ben));
  });

  it('is an undo step of whoever set it, and undo replicates', () => {
    const { hub, ana, ben, anaApi, benApi, a, b } = twoAnalysts();
    anaApi['links.create']({ fromId: a.id, toId: b.id, type: 'contradicts' });
    anaApi['project.setOption']({ name: 'four-eyes', enabled: true });
    expect(anaApi['links.list']({})[0]!.status).toBe('suggested');
    expect(anaApi['history.state']({}).undo).toMatchObject({ action: 'setting', quote: 'four-eyes review on' });
    anaApi['history.undo']({});
    expect(anaApi['project.options']({}).fourEyes).toBe(false);
    expect(anaApi['links.list']({})[0]!.status).toBe('confirmed');
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    expect(benApi['project.options']({}).fourEyes).toBe(false);
    expect(ben.prepare("SELECT count(*) FROM operations WHERE kind = 'project.option'").pluck().get()).toBe(2);
    anaApi['history.redo']({});
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    expect(benApi['project.options']({})).toMatchObject({ fourEyes: true, setBy: { 'four-eyes': { analyst: 'ana' } } });
  });

  it('setting an option to the value it has changes nothing and makes no undo step', () => {
    const { ana, anaApi } = twoAnalysts();
    const before = ana.prepare('SELECT count(*) FROM operations').pluck().get();
    anaApi['project.setOption']({ name: 'blind', enabled: false });
    expect(ana.prepare('SELECT count(*) FROM operations').pluck().get()).toBe(before);
    expect(anaApi['history.state']({}).undo?.action).toBe('create');
  });

  it('refuses an option operation whose payload names an unknown option, changing nothing', async () => {
    const { ana } = twoAnalysts();
    const { applyOperation } = await import('../../main/corpus/syncDevice.ts');
    const { projectOptionUuid } = await import('../../main/corpus/entityStates.ts');
    const op = {
      id: '0b9c1f8e-1111-4222-8333-944455566677',
      analyst: 'ben',
      device: '0b9c1f8e-1111-4222-8333-944455566678',
      kind: 'project.option' as const,
      entity: projectOptionUuid('blind'),
      baseVersion: null,
      payload: { name: 'everyone-sees-nothing', enabled: true, setBy: 'ben', setAt: '2026-01-01T00:00:00Z' },
      createdAt: '2026-01-01T00:00:00Z',
      seq: 999,
    };
    expect(() => applyOperation(ana, op as never)).toThrow(/not a valid operation: payload.name/);
    expect(ana.prepare('SELECT count(*) FROM project_options').pluck().get()).toBe(0);
  });
});
