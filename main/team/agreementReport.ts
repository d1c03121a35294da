import { CrosscheckError } from '../contract/errors.ts';
import type { Db } from '../corpus/database.ts';
import { AGREEMENT_TAGS, kappaOverWords, unitizingAlpha, type AgreementTag, type TaggedSpan } from './agreement.ts';

/*
 * The agreement table for two analysts: which articles and spans it is computed
 * over, read from the corpus, and the figures from team/agreement.ts.
 */

export interface AgreementRequest {
  articleIds?: number[];
  analysts?: string[];
}

/** Authors by how many annotations they made in these articles (all articles when none are named). */
function authorsByWork(db: Db, articleIds: readonly number[] | undefined): string[] {
  // The curated layer is a curator's decisions, not a third analyst's tagging: it is never compared.
  const filter = `WHERE curated_from IS NULL${articleIds ? ` AND article_id IN (${articleIds.map(() => '?').join(', ')})` : ''}`;
  return db
    .prepare(`SELECT author FROM annotations ${filter} GROUP BY author ORDER BY count(*) DESC, author`)
    .pluck()
    .all(...(articleIds ?? [])) as string[];
}

export function agreementReport(db: Db, request: AgreementRequest) {
  const articleIds = request.articleIds?.length ? [...new Set(request.articleIds)] : undefined;
  for (const id of articleIds ?? []) {
    if (!db.prepare('SELECT 1 FROM articles WHERE id = ?').get(id)) throw new CrosscheckError('not_found', `There is no article ${id}.`);
  }
  const analysts = request.analysts?.length ? request.analysts : authorsByWork(db, articleIds).slice(0, 2);
  if (analysts.length !== 2 || analysts[0] === analysts[1]) {
    throw new CrosscheckError(
      'invalid_input',
      'Agreement compares two analysts: name both (--analysts A,B on the command line), or have a second analyst annotate these articles first.',
    );
  }
  // By default, the articles both analysts worked on: an article one of them never opened says nothing about agreement.
  const chosen =
    articleIds ??
    (db
      .prepare(
        `SELECT article_id FROM annotations WHERE author = ? AND curated_from IS NULL
         INTERSECT SELECT article_id FROM annotations WHERE author = ? AND curated_from IS NULL ORDER BY 1`,
      )
      .pluck()
      .all(analysts[0], analysts[1]) as number[]);
  const articles = chosen.map((id) => ({ id, text: db.prepare('SELECT text FROM articles WHERE id = ?').pluck().get(id) as string }));
  const spansOf = (author: string) =>
    chosen.flatMap(
      (id) =>
        db
          .prepare(
            'SELECT article_id AS articleId, start, "end", tag FROM annotations WHERE author = ? AND article_id = ? AND curated_from IS NULL ORDER BY start',
          )
          .all(author, id) as TaggedSpan[],
    );
  const [first, second] = [spansOf(analysts[0]!), spansOf(analysts[1]!)];
  const tally = (spans: readonly TaggedSpan[]) =>
    Object.fromEntries(AGREEMENT_TAGS.map((t) => [t, spans.filter((s) => s.tag === t).length])) as Record<AgreementTag, number>;
  const kappa = kappaOverWords(articles, first, second);
  // Where they differ: per article, the words the two labelled differently, most first, for the adjudicator to start with.
  const perArticle = articles
    .map((article) => {
      const figures = kappaOverWords(
        [article],
        first.filter((s) => s.articleId === article.id),
        second.filter((s) => s.articleId === article.id),
      ).overall;
      return { articleId: article.id, words: figures.words, differing: Math.round(figures.words * (1 - figures.observed)), kappa: figures.kappa };
    })
    .sort((a, b) => b.differing - a.differing || a.articleId - b.articleId);
  const alpha = unitizingAlpha(articles, [first, second]);
  return {
    analysts: [analysts[0]!, analysts[1]!] as [string, string],
    articleIds: chosen,
    spans: { [analysts[0]!]: tally(first), [analysts[1]!]: tally(second) },
    words: kappa.overall.words,
    codeUnits: alpha.length,
    kappa,
    alpha: { overall: alpha.overall, perTag: alpha.perTag },
    perArticle,
  };
}
