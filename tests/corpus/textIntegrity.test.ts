import { describe, expect, it } from 'vitest';
import { insertArticle } from '../../main/corpus/articles.ts';
import { CorruptDatabaseError, openDatabase } from '../../main/corpus/database.ts';
import { verifyAllTexts, verifyTextsInTurn } from '../../main/corpus/textIntegrity.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const article = (text: string, title: string) => ({ text, title, outlet: null, url: null, published: null, fileName: `${title}.txt` });

/** Changes an article's text inside the file, as a tool working behind Crosscheck's back would. */
const tamper = (path: string, id: number, text: string) => {
  const db = openDatabase(path);
  db.prepare('UPDATE articles SET text = ? WHERE id = ?').run(text, id);
  db.close();
};

describe("checking articles' text against the checksum stored on import", () => {
  it('refuses to open a corpus whose article text was changed inside the file, naming the article', () => {
    const { db, path } = tempCorpus();
    insertArticle(db, article('The first story, as imported.', 'First'), 'ana');
    const { articleId } = insertArticle(db, article('The second story, as imported.', 'Second'), 'ana');
    db.close();
    tamper(path, articleId, 'The second story, quietly rewritten.');
    expect(() => openDatabase(path)).toThrow(CorruptDatabaseError);
    expect(() => openDatabase(path)).toThrow(`the text of article ${articleId} ("Second") no longer matches the checksum stored when it was imported`);
  });

  it('checks a part of the corpus on each open, carrying on where the last one stopped, and all of it on demand', () => {
    const { db } = tempCorpus();
    const ids = Array.from({ length: 6 }, (_, i) => insertArticle(db, article(`Story number ${i} of six, long enough.`, `S${i}`), 'ana').articleId!);
    db.prepare('UPDATE articles SET text = ? WHERE id = ?').run('Changed.', ids[4]);
    const budget = 'Story number 0 of six, long enough.'.length * 2;
    expect(verifyTextsInTurn(db, budget)).toEqual([]);
    expect(verifyTextsInTurn(db, budget)).toEqual([]);
    // Found on the third turn, and found again until it is dealt with.
    expect(verifyTextsInTurn(db, budget).map((a) => a.id)).toEqual([ids[4]]);
    expect(verifyTextsInTurn(db, budget).map((a) => a.id)).toEqual([ids[4]]);
    expect(verifyAllTexts(db)).toEqual([{ id: ids[4], title: 'S4', fileName: 'S4.txt' }]);
  });
});
