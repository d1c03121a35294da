import { describe, expect, it } from 'vitest';
import { contract } from '../../main/contract/contract.ts';
import { createDispatch } from '../../main/api/dispatch.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { importPaths } from '../../main/ingest/importFiles.ts';
import { SEEDS_DIR, tempCorpus } from '../helpers/tempCorpus.ts';

function seededDispatch() {
  const { db } = tempCorpus();
  importPaths(db, [SEEDS_DIR], 'ana');
  return createDispatch(createHandlers({ db, actor: 'ana' }), () => {
    throw new Error('no internal errors expected');
  });
}

describe('search and history through the contract', () => {
  it('answers a search in the shape the contract declares', () => {
    const result = seededDispatch()('search.articles', { query: 'drones Tehran' });
    expect(result.ok).toBe(true);
    if (result.ok) expect(contract['search.articles'].output.parse(result.value).articles.length).toBeGreaterThan(0);
  });

  it('refuses an overlong or wordless search and a history request with arguments, with clear errors', () => {
    const dispatch = seededDispatch();
    expect(dispatch('search.articles', { query: 'x'.repeat(501) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/query/) },
    });
    expect(dispatch('search.articles', { query: '!!!' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/at least one word/) },
    });
    expect(dispatch('history.undo', { steps: 3 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers undo and redo in the shape the contract declares', () => {
    const dispatch = seededDispatch();
    expect(dispatch('annotations.create', { articleId: 1, start: 1, end: 5, tag: 'claim' }).ok).toBe(true);
    const undone = dispatch('history.undo', {});
    expect(undone.ok && contract['history.undo'].output.parse(undone.value).applied).toMatchObject({ action: 'create', articleId: 1 });
    const state = dispatch('history.state', {});
    expect(state.ok && state.value).toMatchObject({ undo: null, redo: { action: 'create' } });
  });
});
