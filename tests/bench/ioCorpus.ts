import { TAGS } from '../../main/contract/contract.ts';
import { openDatabase } from '../../main/corpus/database.ts';
import { anchorSpan } from '../../main/corpus/textAnchor.ts';
import { sha256Hex } from '../../main/ingest/normalise.ts';
import { generateLongArticle } from './longArticle.ts';
import { seededRandom } from './random.ts';

/** A corpus of `annotations` annotations spread evenly over `articles` articles, one in twenty linked to its neighbour; a fifth carry a note. */
export function buildExportCorpus(path: string, annotations: number, articles: number): void {
  const random = seededRandom(5);
  const db = openDatabase(path);
  const perArticle = annotations / articles;
  db.transaction(() => {
    const article = db.prepare(
      `INSERT INTO articles (title, outlet, url, published, text, text_length, sha256, file_name, imported_at) VALUES (?, ?, ?, '2022-12-10', ?, ?, ?, NULL, ?)`,
    );
    const annotation = db.prepare(
      `INSERT INTO annotations (uuid, article_id, start, "end", quote, prefix, suffix, tag, note, speaker, author, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', ?, ?)`,
    );
    const link = db.prepare(
      `INSERT INTO links (uuid, from_id, to_id, type, status, method, score, reviewer, reviewed_at, created_at) VALUES (?, ?, ?, 'same-claim', 'confirmed', 'manual', NULL, 'bench', ?, ?)`,
    );
    const now = new Date().toISOString();
    let annotationId = 0;
    for (let a = 0; a < articles; a++) {
      const { text, spans } = generateLongArticle({ words: 2_000, spans: perArticle, seed: a + 1 });
      const articleId = Number(
        article.run(`Article ${a}`, `Outlet ${a % 40}`, `https://example.org/${a}`, text, text.length, sha256Hex(text), now).lastInsertRowid,
      );
      for (const span of spans) {
        const anchor = anchorSpan(text, span.start, span.end);
        annotationId++;
        const note = random() < 0.2 ? 'Checked against the briefing transcript, "para 4", line 2\nsee also: =SUM(A1)' : '';
        annotation.run(
          crypto.randomUUID(),
          articleId,
          span.start,
          span.end,
          anchor.quote,
          anchor.prefix,
          anchor.suffix,
          TAGS[annotationId % 3],
          note,
          annotationId % 5 ? null : 'John Kirby',
          now,
          now,
        );
        if (annotationId % 20 === 0) link.run(crypto.randomUUID(), annotationId - 1, annotationId, now, now);
      }
    }
  })();
  db.close();
}
