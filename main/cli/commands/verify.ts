import { describeChangedTexts, verifyAllTexts } from '../../corpus/textIntegrity.ts';
import { noPositionals, parse, type Command } from '../args.ts';
import { printJson } from '../output.ts';

export const verifyCommand: Command = {
  usage: 'verify',
  summary: "check every article's text against the checksum stored when it was imported (opening checks a part each time)",
  options: {},
  run({ args, session, json, io }) {
    const { positionals } = parse(args, {});
    noPositionals(positionals, 'verify');
    const db = session().db;
    const changed = verifyAllTexts(db);
    const total = db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    if (json) io.out(printJson({ articles: total, changed }));
    else io.out(changed.length === 0 ? `all ${total} articles match their checksums` : `${describeChangedTexts(changed)}; restore a backup (crosscheck restore) to get the imported text back`);
    return changed.length === 0 ? 0 : 1;
  },
};
