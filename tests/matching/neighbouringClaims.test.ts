import { describe, expect, it } from 'vitest';
import { findInArticle } from '../../main/matching/articleMatches.ts';
import { claimStructure } from '../../main/matching/claimStructure.ts';
import { bestClauseRun } from '../../main/matching/meaningMatch.ts';
import { suggestFor } from '../../main/matching/suggestions.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { tokenize } from '../../main/matching/tokens.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

/**
 * A speaker who says several claims: the evidence that a report is theirs lowers the bar for every one of
 * them, so a report must be told from the same speaker's neighbouring claim by what it says.
 */
describe('telling a claim from the same speaker’s neighbouring claim', () => {
  it('ends a clause run at a clause that says a quote word outright, not at the next clause that only evokes the quote', () => {
    const quote = 'This settlement does not even keep pace with the fuel bills our crews pay';
    const text =
      "Guild chair Oona Pell said that her crews' fuel bills were rising faster than the settlement, and that the guild would only take a deal to a vote if it could recommend it.";
    const tokens = tokenize(text);
    const run = bestClauseRun(tokenize(quote), text, tokens, 0, tokens.length - 1);
    expect(text.slice(tokens[run!.first]!.start, tokens[run!.last]!.end)).toBe("that her crews' fuel bills were rising faster than the settlement");
  });

  const CLAIM = 'The eastern levee will be raised by a metre before the winter storms arrive';
  const NEIGHBOUR = 'The western levee will only be repaired after the winter storms, once the eastern work is done';
  const BRIEFING = [
    'Levee work to start next month',
    '',
    `Flood commissioner Lena Varga said: "${CLAIM}. ${NEIGHBOUR}."`,
    '',
    'The council approved the budget on Tuesday.',
  ].join('\n');
  const REPORT = [
    'Residents face a winter of works',
    '',
    'Varga said the western levee would be patched up once the winter storms were over.',
    '',
    'She said the eastern embankment would be built up a metre higher ahead of the winter storms.',
  ].join('\n');

  function briefingCorpus() {
    const { db } = tempCorpus();
    const [briefing, report] = [BRIEFING, REPORT].map(
      (text, i) => insertArticle(db, { text, title: null, outlet: `Outlet ${i + 1}`, url: null, published: null, fileName: `${i}.txt` }, 'ana').articleId,
    );
    const start = BRIEFING.indexOf(CLAIM);
    const annotation = createAnnotation(db, { articleId: briefing!, start, end: start + CLAIM.length, tag: 'claim', speaker: 'Lena Varga' }, 'ana');
    return { db, annotation, report: report! };
  }

  it('refuses a report, named as the speaker’s, that says another claim of the source’s article better than the quote', () => {
    const q = tokenize(CLAIM);
    const candidate = 'Varga said the western levee would be patched up once the winter storms were over.';
    const find = (otherClaims: string[]) =>
      findInArticle(q, claimStructure(CLAIM, q, 0, q.length - 1), candidate, tokenize(candidate), {
        speakerName: ['lena', 'varga'],
        otherClaims: () => otherClaims.map((c) => tokenize(c)),
      }).map((f) => f.quote);
    expect(find([])).not.toEqual([]);
    expect(find([NEIGHBOUR])).toEqual([]);
  });

  it('suggests the report of the claim and not the report of the speaker’s next claim', () => {
    const { db, annotation, report } = briefingCorpus();
    const found = suggestFor(db, annotation.id).filter((s) => s.articleId === report);
    expect(found.map((s) => s.quote)).toEqual(['the eastern embankment would be built up a metre higher ahead of the winter storms']);
  });
});
