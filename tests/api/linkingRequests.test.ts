import { describe, expect, it } from 'vitest';
import { openSession } from '../../main/api/session.ts';
import { SEEDS_DIR } from '../helpers/tempCorpus.ts';

describe('the linking requests through the contract', () => {
  const seeded = () => openSession({ dbPath: ':memory:', seedsDir: SEEDS_DIR, actor: 'ana' });

  it('refuses malformed requests before any handler runs', () => {
    const { dispatch, close } = seeded();
    expect(dispatch('suggestions.accept', { annotationId: 1, articleId: 2, start: 5, end: 5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/end must be greater than start/) },
    });
    expect(dispatch('suggestions.list', { annotationId: 1, limit: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(dispatch('links.review', { id: 1, status: 'suggested' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(dispatch('speakers.addAlias', { id: 1, alias: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    close();
  });

  it('answers unknown ids with not_found and a second identical link with conflict', () => {
    const { dispatch, handlers, close } = seeded();
    expect(dispatch('suggestions.list', { annotationId: 5 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(dispatch('speakers.merge', { intoId: 1, fromId: 2 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const a = handlers['annotations.create']({ articleId: 1, start: 0, end: 10, tag: 'claim' });
    const b = handlers['annotations.create']({ articleId: 2, start: 0, end: 10, tag: 'claim' });
    expect(dispatch('links.create', { fromId: a.id, toId: b.id, type: 'cites' })).toMatchObject({ ok: true });
    expect(dispatch('links.create', { fromId: a.id, toId: b.id, type: 'cites' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    close();
  });
});
