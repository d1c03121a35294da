import { describe, expect, it } from 'vitest';
import { createAnnotation, updateAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { addSpeakerAlias, listSpeakers, mergeSpeakers, renameSpeaker, speakerOf } from '../../main/corpus/speakers.ts';
import { listEvents } from '../../main/corpus/events.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

function withAttributions(...speakers: string[]) {
  const { db } = tempCorpus();
  const { articleId } = insertArticle(db, { text: 'x'.repeat(100), title: null, outlet: null, url: null, published: null, fileName: null }, 'ana');
  const ids = speakers.map((speaker, i) => createAnnotation(db, { articleId, start: i, end: i + 1, tag: 'attribution', speaker }, 'ana').id);
  return { db, ids, articleId };
}

describe('speakers', () => {
  it('registers each new name typed on an annotation as a speaker, once per name whatever its case', () => {
    const { db } = withAttributions('Kirby', 'John Kirby', 'kirby', 'National Security Council spokesman John Kirby');
    expect(listSpeakers(db).map((s) => [s.name, s.aliases, s.annotations])).toEqual([
      ['John Kirby', ['John Kirby'], 1],
      ['Kirby', ['Kirby'], 2],
      ['National Security Council spokesman John Kirby', ['National Security Council spokesman John Kirby'], 1],
    ]);
  });

  it('merges speakers: every alias, and so every annotation, resolves to the one kept', () => {
    const { db } = withAttributions('Kirby', 'John Kirby', 'National Security Council spokesman John Kirby');
    const byName = (name: string) => speakerOf(db, name)!.id;
    const john = byName('John Kirby');
    mergeSpeakers(db, john, byName('Kirby'), 'ana');
    const merged = mergeSpeakers(db, john, byName('National Security Council spokesman John Kirby'), 'ana');
    expect(merged).toMatchObject({ id: john, name: 'John Kirby', annotations: 3 });
    expect(merged.aliases).toEqual(['John Kirby', 'Kirby', 'National Security Council spokesman John Kirby']);
    expect(speakerOf(db, 'KIRBY')).toEqual({ id: john, name: 'John Kirby' });
    expect(listSpeakers(db)).toHaveLength(1);
    expect(listEvents(db, 'speaker').map((e) => e.action)).toEqual(['speaker.merge', 'speaker.merge']);
  });

  it('an alias added by hand claims later annotations with that name', () => {
    const { db, ids, articleId } = withAttributions('John Kirby');
    const john = speakerOf(db, 'John Kirby')!.id;
    addSpeakerAlias(db, john, 'Admiral Kirby', 'ana');
    createAnnotation(db, { articleId, start: 50, end: 51, tag: 'attribution', speaker: 'Admiral Kirby' }, 'ana');
    expect(listSpeakers(db)).toEqual([
      { id: john, name: 'John Kirby', aliases: ['Admiral Kirby', 'John Kirby'], annotations: 2, role: null, affiliation: null, wikidata: null },
    ]);
    updateAnnotation(db, { id: ids[0]!, speaker: 'Barbara Woodward' }, 'ana');
    expect(listSpeakers(db).map((s) => s.name)).toEqual(['Barbara Woodward', 'John Kirby']);
  });

  it('refuses an alias that names another speaker, a merge into itself, and unknown speakers', () => {
    const { db } = withAttributions('Kirby', 'Woodward');
    const kirby = speakerOf(db, 'Kirby')!.id;
    const woodward = speakerOf(db, 'Woodward')!.id;
    expect(() => addSpeakerAlias(db, kirby, 'woodward', 'ana')).toThrow(/already names speaker/);
    expect(() => mergeSpeakers(db, kirby, kirby, 'ana')).toThrow(/into itself/);
    expect(() => mergeSpeakers(db, kirby, 999, 'ana')).toThrow(/no speaker 999/);
    expect(
      listSpeakers(db)
        .map((s) => s.id)
        .sort(),
    ).toEqual([kirby, woodward].sort());
  });

  it('renaming keeps the old name as an alias', () => {
    const { db } = withAttributions('Kirby');
    const kirby = speakerOf(db, 'Kirby')!.id;
    expect(renameSpeaker(db, kirby, 'John Kirby', 'ana')).toMatchObject({ name: 'John Kirby', aliases: ['John Kirby', 'Kirby'] });
  });
});
