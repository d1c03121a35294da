import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { setByline } from '../../main/corpus/bylines.ts';
import { setClaimRating } from '../../main/corpus/claimRatings.ts';
import type { Db } from '../../main/corpus/database.ts';
import { createLink } from '../../main/corpus/links.ts';

export const KIRBY_TEXT =
  'White House spokesperson John Kirby said Russia was offering Iran "an unprecedented level of military and technical support".\n\n' +
  'Tehran denied sending drones to Moscow. 🚁 Officials said deliveries would follow within the year.';
export const ANADOLU_TEXT =
  'Anadolu Agency December 09, 2022\n\nRussia is offering Iran "military and technique" support, Kirby told reporters on Friday.\n\n' +
  '=cmd|" /C calc"!A0 is what an attacker would type into a note.';

const span = (text: string, quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });

/** Two outlets reporting one claim, tagged, linked and rated as an analyst would: the corpus the exchange tests share. */
export function buildExchangeCorpus(db: Db) {
  const article = (text: string, title: string, outlet: string, url: string) =>
    insertArticle(db, { text, title, outlet, url, published: '2022-12-09', fileName: `${outlet}.txt` }, 'ana').articleId;
  const kirby = article(KIRBY_TEXT, 'Russia offers Iran support', 'The Example Times', 'https://example.org/kirby');
  const anadolu = article(ANADOLU_TEXT, 'Russia, Iran deepen ties', 'Anadolu Agency', 'https://example.net/aa');
  const claim = createAnnotation(
    db,
    {
      articleId: kirby,
      ...span(KIRBY_TEXT, 'an unprecedented level of military and technical support'),
      tag: 'claim',
      note: 'Quote, with "commas", and\na newline 🙂',
      speaker: 'John Kirby',
    },
    'ana',
  );
  const denial = createAnnotation(
    db,
    { articleId: kirby, ...span(KIRBY_TEXT, 'Tehran denied sending drones to Moscow.'), tag: 'denial', note: '@SUM(1+1)' },
    'ana',
  );
  const drift = createAnnotation(
    db,
    { articleId: anadolu, ...span(ANADOLU_TEXT, 'military and technique'), tag: 'claim', note: '+1 drift', speaker: 'John Kirby' },
    'ana',
  );
  const formula = createAnnotation(db, { articleId: anadolu, ...span(ANADOLU_TEXT, '=cmd|" /C calc"!A0'), tag: 'attribution', note: '-2+3' }, 'ana');
  const same = createLink(db, { fromId: claim.id, toId: drift.id, type: 'same-claim' }, 'ana');
  const suggested = createLink(db, { fromId: denial.id, toId: formula.id, type: 'contradicts', status: 'suggested', method: 'matcher', score: 0.42 }, 'ana');
  setByline(db, kirby, 'Jane Reporter');
  setClaimRating(db, { annotationId: drift.id, ratingValue: 2, alternateName: 'Misleading' }, 'ana');
  return { kirby, anadolu, claim, denial, drift, formula, same, suggested };
}
