import { describe, expect, it, vi } from 'vitest';
import { contract, METHODS } from '../../main/contract/contract.ts';
import { createDispatch } from '../../main/api/dispatch.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { importPaths } from '../../main/ingest/importFiles.ts';
import { SEEDS_DIR, tempCorpus } from '../helpers/tempCorpus.ts';

function seededDispatch() {
  const { db } = tempCorpus();
  importPaths(db, [SEEDS_DIR], 'ana');
  const onInternalError = vi.fn();
  return { db, dispatch: createDispatch(createHandlers({ db, actor: 'ana' }), onInternalError), onInternalError };
}

describe('the handler table', () => {
  it('implements every request of the contract', () => {
    const { db } = tempCorpus();
    expect(Object.keys(createHandlers({ db, actor: 'ana' })).sort()).toEqual([...METHODS].sort());
  });
});

describe('dispatching a request', () => {
  it('returns the value of a valid request, shaped as the contract says', () => {
    const { dispatch } = seededDispatch();
    const result = dispatch('articles.list', {});
    expect(result.ok).toBe(true);
    if (result.ok) expect(contract['articles.list'].output.parse(result.value)).toHaveLength(5);
  });

  it('creates an annotation and answers with the stored row', () => {
    const { dispatch } = seededDispatch();
    const result = dispatch('annotations.create', { articleId: 1, start: 28, end: 41, tag: 'attribution', speaker: 'Washington' });
    expect(result).toMatchObject({ ok: true, value: { quote: 'Washington al', tag: 'attribution', speaker: 'Washington' } });
  });

  it.each([
    ['an unknown request', 'articles.purge', {}, 'not_found', /Unknown request/],
    ['a prototype key as request name', '__proto__', {}, 'not_found', /Unknown request/],
    ['a request name that is not a string', 42, {}, 'not_found', /Unknown request/],
    ['a missing payload', 'articles.get', undefined, 'invalid_input', /Invalid articles.get request/],
    ['a wrong type', 'articles.get', { id: '1' }, 'invalid_input', /id: /],
    ['an extra field', 'articles.list', { admin: true }, 'invalid_input', /Unrecognized key/],
    ['an unknown tag', 'annotations.create', { articleId: 1, start: 0, end: 4, tag: 'opinion' }, 'invalid_input', /tag/],
    ['an empty span', 'annotations.create', { articleId: 1, start: 4, end: 4, tag: 'claim' }, 'invalid_input', /end must be greater/],
    ['a fractional offset', 'annotations.create', { articleId: 1, start: 0.5, end: 4, tag: 'claim' }, 'invalid_input', /start/],
    ['a span past the text', 'annotations.create', { articleId: 1, start: 0, end: 99999, tag: 'claim' }, 'invalid_input', /past the end/],
    ['a missing article', 'articles.get', { id: 77 }, 'not_found', /no article 77/],
  ])('answers %s with a clear error and changes nothing', (_name, method, input, code, message) => {
    const { db, dispatch, onInternalError } = seededDispatch();
    const before = db.prepare('SELECT (SELECT count(*) FROM annotations) + (SELECT count(*) FROM events)').pluck().get();
    const result = dispatch(method, input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toMatch(message);
    }
    expect(db.prepare('SELECT (SELECT count(*) FROM annotations) + (SELECT count(*) FROM events)').pluck().get()).toBe(before);
    expect(onInternalError).not.toHaveBeenCalled();
  });

  it('reports an unexpected failure as internal without leaking its details', () => {
    const { db, dispatch, onInternalError } = seededDispatch();
    db.close();
    const result = dispatch('articles.list', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(/nothing was changed/) } });
    expect(onInternalError).toHaveBeenCalledOnce();
  });
});
