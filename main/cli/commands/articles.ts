import { formatTable } from '../format.ts';
import { noPositionals, onePositional, parse, wholeNumber, type Command } from '../args.ts';
import { callContract } from '../callContract.ts';
import { ARTICLE_HEADERS, articleJson, articleRow, printJson } from '../output.ts';

export const articlesCommand: Command = {
  usage: 'articles',
  summary: 'list the articles',
  options: {},
  run({ args, session, json, io }) {
    noPositionals(parse(args, {}).positionals, 'articles');
    const articles = callContract(session(), 'articles.list', {});
    io.out(json ? printJson(articles.map(articleJson)) : formatTable(ARTICLE_HEADERS, articles.map(articleRow)));
    return 0;
  },
};

export const showCommand: Command = {
  usage: 'show ARTICLE',
  summary: 'one article with its text',
  options: {},
  run({ args, session, json, io }) {
    const id = wholeNumber(onePositional(parse(args, {}).positionals, 'article', true), 'ARTICLE');
    const article = callContract(session(), 'articles.get', { id });
    io.out(json ? printJson({ ...articleJson(article), text: article.text }) : `${formatTable(ARTICLE_HEADERS, [articleRow(article)])}\n\n${article.text}`);
    return 0;
  },
};
