import { describe, expect, it } from 'vitest';
import { insertArticle } from '../../main/corpus/articles.ts';
import { openDatabase } from '../../main/corpus/database.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

describe('a second connection opened without the text check', () => {
  it('opens while another connection holds the write lock, where the text check would have to wait for it', () => {
    const { db, path } = tempCorpus();
    insertArticle(db, { text: 'A short report.', title: null, outlet: null, url: null, published: null, fileName: 'a.txt' }, 'ana');
    // A cursor past the last article: the next text check starts over, which moves the cursor (a write).
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('text_check_cursor', '999')").run();
    db.prepare('BEGIN IMMEDIATE').run();
    try {
      expect(() => openDatabase(path, { busyTimeoutMs: 0 }).close()).toThrow(/locked|busy/i);
      const worker = openDatabase(path, { busyTimeoutMs: 0, checkTexts: false });
      expect(worker.prepare("SELECT value FROM meta WHERE key = 'text_check_cursor'").pluck().get()).toBe('999');
      worker.close();
    } finally {
      db.prepare('ROLLBACK').run();
    }
  });
});
