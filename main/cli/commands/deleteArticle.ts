import { DEFAULT_BACKUPS_KEPT, FILE_OPERATIONS } from '../../api/fileOperations.ts';
import { callContract } from '../callContract.ts';
import { onePositional, parse, wholeNumber, type Command } from '../args.ts';
import { printJson } from '../output.ts';

export const deleteArticleCommand: Command = {
  usage: 'delete-article ARTICLE',
  summary: 'remove an article with its annotations and their links, after taking a backup (restore brings it back)',
  options: {},
  async run({ args, dbPath, session, json, io }) {
    const { positionals } = parse(args, {});
    const id = wholeNumber(onePositional(positionals, 'article', true), 'ARTICLE');
    // Fails before the backup when there is no such article.
    callContract(session(), 'articles.get', { id });
    const backup = await FILE_OPERATIONS.backupCorpus(session().db, dbPath, 'before-delete', { keep: DEFAULT_BACKUPS_KEPT });
    const deleted = callContract(session(), 'articles.delete', { id });
    io.out(
      json
        ? printJson({ ...deleted, backup: backup.path })
        : `deleted article ${id} with ${deleted.annotations} annotations and ${deleted.links} links; backup: ${backup.path}`,
    );
    return 0;
  },
};
