import { describe, expect, it } from 'vitest';
import { findInArticle } from '../../main/matching/articleMatches.ts';
import { claimStructure } from '../../main/matching/claimStructure.ts';
import { tokenize } from '../../main/matching/tokens.ts';

/** The spans of `text` reported for `quote`, as the text's own words. */
function found(quote: string, text: string) {
  const q = tokenize(quote);
  return findInArticle(q, claimStructure(quote, q, 0, q.length - 1), text, tokenize(text));
}
const quotes = (quote: string, text: string) => found(quote, text).map((f) => f.quote);

describe('finding a claim in one article, by its words or its meaning', () => {
  it('finds a paraphrase that alignment alone misses: “drone assembly line” as “joint production line for lethal drones”', () => {
    const quote = 'Russia and Iran were considering standing up a drone assembly line in Russia for the Ukraine conflict';
    const text =
      '"We have also seen reports that Moscow and Tehran are considering the establishment of a joint production line for lethal drones in Russia," he said.';
    const [match] = found(quote, text);
    expect(match).toMatchObject({ quote: 'Moscow and Tehran are considering the establishment of a joint production line for lethal drones in Russia' });
    expect(match!.meaning).toBeGreaterThan(0.5);
  });

  it('finds a rewording in other words and order, as a whole clause, with the speaker the article names', () => {
    const [match] = found(
      'the leak began when a valve failed on a tank holding ammonia',
      'A valve failure on an ammonia storage tank caused the leak, according to port director Alina Reyes.',
    );
    expect(match).toMatchObject({ quote: 'A valve failure on an ammonia storage tank caused the leak', speaker: { name: 'port director Alina Reyes' } });
    const [kept] = found(
      'The terminal will stay shut until every tank has been inspected',
      'Port director Alina Reyes said the terminal would stay closed until all tanks had been checked.',
    );
    expect(kept).toMatchObject({
      quote: 'the terminal would stay closed until all tanks had been checked',
      checks: { sameModality: true, sameNegation: true },
    });
  });

  it('asks less meaning of a rewording whose sentence names the source’s speaker, and leaves the name out of what is compared', () => {
    const quote = 'The harbour will reopen to ships once the channel has been dredged';
    const q = tokenize(quote);
    const text = 'Harbour master Ines Marlow says ships may return after the channel work.';
    const find = (speakerName?: string[]) =>
      findInArticle(q, claimStructure(quote, q, 0, q.length - 1), text, tokenize(text), speakerName ? { speakerName } : {}).map((f) => f.quote);
    expect(find()).toEqual([]);
    expect(find(['ines', 'marlow'])).toEqual(['ships may return after the channel work']);
    // Another speaker's name is no such evidence.
    expect(find(['tobias', 'renn'])).toEqual([]);
  });

  it('counts a pronoun standing for the source’s speaker (“He has also promised…”) as naming them', () => {
    const quote = 'The harbour will reopen to ships once the channel has been dredged';
    const q = tokenize(quote);
    const text = 'Harbour master Ines Marlow met the fishing crews on Monday. She says ships may return after the channel work.';
    const find = (speakerName: string[]) =>
      findInArticle(q, claimStructure(quote, q, 0, q.length - 1), text, tokenize(text), { speakerName }).map((f) => f.quote);
    expect(find(['ines', 'marlow'])).toEqual([expect.stringContaining('ships may return after the channel work')]);
    // The pronoun stands for the last person named, who is not the source's speaker here.
    expect(find(['tobias', 'renn'])).toEqual([]);
  });

  it('refuses a rewording found by meaning alone that moves something the other way between the same two parties', () => {
    const quote = 'Velmora intends to supply Ostrand with more advanced radar parts';
    const q = tokenize(quote);
    const find = (text: string) =>
      findInArticle(q, claimStructure(quote, q, 0, q.length - 1), text, tokenize(text), { speakerName: ['ines', 'marlow'] }).map((f) => f.quote);
    expect(find('Marlow accused Velmora of trying to obtain more radar parts from Ostrand.')).toEqual([]);
    // A name followed by a number is a date, not a party: "from May 2" moves nothing.
    expect(find('Marlow said Velmora would supply Ostrand with more advanced radar parts from May 2.')).not.toEqual([]);
  });

  it('refuses a rewording found by meaning alone that states a number the quote does not, even when it names the speaker', () => {
    const quote = 'The harbour will reopen to ships once the channel has been dredged';
    const q = tokenize(quote);
    const text = 'Harbour master Ines Marlow says ships may return after the 3 weeks of channel work.';
    expect(findInArticle(q, claimStructure(quote, q, 0, q.length - 1), text, tokenize(text), { speakerName: ['ines', 'marlow'] })).toEqual([]);
  });

  it('reads the speaker before a time or place (“Ines Marlow on Friday said”), not the time', () => {
    const [match] = found(
      'the channel will be dredged by May',
      'Harbour master Ines Marlow on Friday warned of delays. "The channel will be dredged by May," she said.',
    );
    expect(match!.speaker!.name).toBe('Harbour master Ines Marlow');
  });

  it('resolves “he said” to the speaker named before a link line that interrupts the copy', () => {
    const text =
      'The dredger will arrive in May, harbour master Ines Marlow said.\n\nAlso read: Ferry timetable for the summer\n\n"The channel will be dredged by June," she said.';
    const [match] = found('the channel will be dredged by June', text);
    expect(match!.speaker!.name).toBe('harbour master Ines Marlow');
  });

  it('refuses a span whose negation differs from the quote’s, however close its words', () => {
    expect(quotes('the company delayed the release for commercial reasons', 'The company said it had not delayed the release for commercial reasons.')).toEqual(
      [],
    );
    expect(quotes('the company did not delay the release', 'Officials said the company had delayed the release by a day.')).toEqual([]);
  });

  it('refuses a span whose number differs, in digits or in words, and keeps one that agrees', () => {
    const quote = 'the closure could cost the city 2,000 jobs if it lasted more than a month';
    expect(quotes(quote, 'The union said the closure could cost 200 jobs in the first month.')).toEqual([]);
    expect(quotes(quote, 'The union said the closure could cost the city two thousand jobs if it lasted more than a month.')).toEqual([
      'the closure could cost the city two thousand jobs if it lasted more than a month',
    ]);
  });

  it('refuses a span about another actor', () => {
    expect(quotes('the grain was sold by Velmora to Ostrava last spring', 'Officials said the grain was sold by Pelland to Ostrava last spring.')).toEqual([]);
    expect(quotes('the grain was sold by Velmora to Ostrava last spring', 'Officials said the grain was sold by Velmora to Ostrava last spring.')).toEqual([
      'the grain was sold by Velmora to Ostrava last spring',
    ]);
  });

  it('reports whole clauses, never half a phrase', () => {
    const text = 'Russia was training Iranian pilots on the Sukhoi Su-35 fighter jet, which Tehran could receive “within the next year”, he said.';
    for (const match of found('Tehran could receive the Su-35 fighter jet within', text)) {
      const next = text.slice(match.end).trimStart()[0];
      expect([',', '.', '”', '"', ';', undefined]).toContain(next);
    }
  });

  it('finds the same mentions whether the analyst selected a whole long quote or its core', () => {
    const core = 'Moscow and Tehran are considering a joint production line for lethal drones';
    const whole = `We have also seen reports that ${core} in Russia, and we are watching that closely`;
    const text = 'A spokesman said Moscow and Tehran were weighing a joint production line for lethal drones on Russian soil. Weather was mild.';
    const spans = (q: string) => found(q, text).map((f) => [f.start, f.end]);
    expect(spans(core)).toHaveLength(1);
    expect(spans(whole)).toEqual(spans(core));
  });
});
