import { describe, expect, it } from 'vitest';
import { classifyDrift } from '../../main/matching/driftClassifier.ts';

const KIRBY = 'an unprecedented level of military and technical support that is transforming their relationship into a full-fledged defence partnership';

describe('classifying how a variant drifted from the base quote', () => {
  it('calls the same text identical and a copy with other quote marks, dashes or spelling typography', () => {
    expect(classifyDrift(KIRBY, KIRBY)).toMatchObject({ primary: 'identical', flags: [] });
    expect(classifyDrift('“These fighter planes”', '"These fighter planes"').primary).toBe('typography');
    const dashed =
      'an unprecedented level of military and technical support — that is transforming their relationship into a fully fledged defense partnership';
    expect(classifyDrift(KIRBY, dashed)).toMatchObject({ classes: ['typography'], flags: [] });
  });

  it('calls reworded words a word swap', () => {
    expect(classifyDrift('These fighter planes will significantly strengthen', 'These fighter jets will significantly strengthen')).toMatchObject({
      primary: 'word-swap',
      flags: [],
    });
    const technique = 'an unprecedented level of military and technique that transforms their relationship into a full-fledged defense partnership';
    expect(classifyDrift(KIRBY, technique).primary).toBe('word-swap');
  });

  it('calls a shortened quote a truncation, without flagging it', () => {
    expect(classifyDrift(KIRBY, 'an unprecedented level of military and technical support')).toMatchObject({ primary: 'truncation', flags: [] });
  });

  it('calls the same words in another order a reordering', () => {
    expect(classifyDrift('Kirby said Russia is training pilots', 'Russia is training pilots, Kirby said').primary).toBe('reordering');
  });

  it('calls a loose rewording a paraphrase', () => {
    const drift = classifyDrift(
      'Russia and Iran were considering standing up a drone assembly line in Russia for the Ukraine conflict',
      'Moscow and Tehran are considering the establishment of a joint production line for lethal drones in Russia',
    );
    expect(drift.primary).toBe('paraphrase');
  });

  it('flags a negation added or dropped', () => {
    expect(classifyDrift('Russia is supplying weapons to Iran', 'Russia is not supplying weapons to Iran').flags).toEqual([
      { kind: 'negation', detail: '“not” added' },
    ]);
    expect(classifyDrift('Iran does not need help', 'Iran does need help').flags.map((f) => f.kind)).toEqual(['negation']);
  });

  it('flags a changed number, in digits or in words', () => {
    expect(classifyDrift('Iran sold 400 attack drones', 'Iran sold 40 attack drones').flags).toEqual([{ kind: 'number', detail: '“400” dropped, “40” added' }]);
    expect(classifyDrift('Iran sold hundreds of attack drones', 'Iran sold dozens of attack drones').flags.map((f) => f.kind)).toEqual(['number']);
  });

  it('flags a changed actor: weapons to Russia are not weapons to Ukraine', () => {
    const drift = classifyDrift('denied that Iran is supplying weapons to Russia for use in Ukraine', 'denied that Iran was supplying arms to Ukraine');
    expect(drift.flags).toEqual([{ kind: 'actor', detail: '“Russia” dropped' }]);
    expect(classifyDrift('Russia is supplying weapons to Iran', 'Russia is supplying weapons to Syria').flags).toEqual([
      { kind: 'actor', detail: '“Iran” dropped, “Syria” added' },
    ]);
  });

  it('does not flag a capital standing for its country, nor a capitalised first word', () => {
    expect(classifyDrift('Tehran sold hundreds of attack drones to Moscow', 'Iran sold hundreds of attack drones to Russia').flags).toEqual([]);
    expect(classifyDrift('These fighter planes will strengthen', 'The fighter planes will strengthen').flags).toEqual([]);
  });

  it('diffs word by word against the base', () => {
    expect(classifyDrift('Iran sold hundreds of attack drones to Moscow', 'Iran sold dozens of drones to Moscow').diff).toEqual([
      { kind: 'equal', base: 'Iran sold ', variant: 'Iran sold ' },
      { kind: 'replace', base: 'hundreds ', variant: 'dozens ' },
      { kind: 'equal', base: 'of ', variant: 'of ' },
      { kind: 'delete', base: 'attack ', variant: '' },
      { kind: 'equal', base: 'drones to Moscow', variant: 'drones to Moscow' },
    ]);
  });

  it('does not flag words paired up at a cut end', () => {
    expect(classifyDrift(KIRBY, 'an unprecedented level of military and technical support" to Tehran').flags).toEqual([]);
  });

  it('keeps the punctuation: the runs laid end to end give back both quotes', () => {
    const [base, variant] = ['a “fully fledged” defence partnership', 'a full-fledged defense partnership!'];
    const diff = classifyDrift(base, variant).diff;
    expect(diff.map((d) => d.base).join('')).toBe('a “fully fledged” defence partnership');
    expect(diff.map((d) => d.variant).join('')).toBe('a full-fledged defense partnership');
    expect(diff.filter((d) => d.kind === 'replace').map((d) => [d.base, d.variant])).toEqual([
      ['fully ', 'full-'],
      ['defence ', 'defense '],
    ]);
  });

  it('reads adjacent changes as one replacement', () => {
    const technique = 'an unprecedented level of military and technique that transforms their relationship into a full-fledged defense partnership';
    expect(classifyDrift(KIRBY, technique).diff.filter((s) => s.kind !== 'equal')).toEqual([
      { kind: 'replace', base: 'technical support ', variant: 'technique ' },
      { kind: 'replace', base: 'is transforming ', variant: 'transforms ' },
      { kind: 'replace', base: 'defence ', variant: 'defense ' },
    ]);
  });

  it('flags a changed modal verb: “could” is not “may”, and a dropped “will” is not the same claim', () => {
    expect(classifyDrift('The council could approve the budget next week', 'The council may approve the budget next week').flags).toEqual([
      { kind: 'modality', detail: '“could” → “may”' },
    ]);
    expect(classifyDrift('The council will approve the budget', 'The council approved the budget').flags.map((f) => f.kind)).toContain('modality');
    expect(classifyDrift('The council could approve the budget', 'The council could approve the budget').flags).toEqual([]);
  });

  it('tells a truncation from a longer paraphrase: words dropped at an end cut the quote, a clause added at an end does not', () => {
    const short = 'the mayor promised new bus lanes';
    const long = 'the mayor promised new bus lanes across the whole city by next spring';
    expect(classifyDrift(long, short)).toMatchObject({ primary: 'truncation', flags: [] });
    expect(classifyDrift(short, long).primary).toBe('paraphrase');
    expect(classifyDrift(short, long).classes).not.toContain('truncation');
    expect(classifyDrift(short, `${short} downtown`).primary).toBe('word-swap');
  });

  it('calls a reworded phrase inside a longer variant a rewording, not a truncation', () => {
    const drift = classifyDrift(
      'an unprecedented level of military and technical support',
      'an unprecedented level of military and technique that transforms their relationship into a full-fledged defense partnership',
    );
    expect(drift.classes).toContain('word-swap');
    expect(drift.classes).not.toContain('truncation');
    expect(drift.primary).toBe('paraphrase');
  });

  it('is not fooled by capitalised words that only add detail: a name added is not an actor changed', () => {
    const drift = classifyDrift(
      'Russia is training Iranian pilots on its SU-35 fighter jets',
      'Russia is training Iranian pilots on the Sukhoi Su-35 fighter and Iran may receive aircraft',
    );
    expect(drift.flags.filter((f) => f.kind === 'actor')).toEqual([]);
    expect(classifyDrift('the minister met farmers in the north', 'the minister met Dutch farmers in the north').flags).toEqual([]);
  });

  it('still flags an actor replaced by another, in news from anywhere', () => {
    expect(classifyDrift('the aid convoy reached Goma on Tuesday', 'the aid convoy reached Bukavu on Tuesday').flags).toEqual([
      { kind: 'actor', detail: '“Goma” dropped, “Bukavu” added' },
    ]);
    expect(classifyDrift('police said the suspect fled to Ghana', 'police said the suspect fled to Ghanaian territory').flags).toEqual([]);
  });
});
