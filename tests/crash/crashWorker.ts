/**
 * The process the crash test kills. It imports articles, tags spans and edits
 * notes as fast as it can, and after each committed write prints one
 * acknowledgement line: the claim the corpus must honour after any SIGKILL.
 *
 *   node crashWorker.ts CORPUS SEED
 */
import { writeSync } from 'node:fs';
import { createAnnotation, updateAnnotation } from '../../main/corpus/annotations.ts';
import { backupCorpus } from '../../main/corpus/backups.ts';
import { openDatabase } from '../../main/corpus/database.ts';
import { importContent } from '../../main/ingest/importFiles.ts';
import { normaliseText, sha256Hex } from '../../main/ingest/normalise.ts';
import { seededRandom } from '../bench/random.ts';

const [corpusPath, seedText] = process.argv.slice(2);
if (!corpusPath || !seedText) throw new Error('usage: crashWorker.ts CORPUS SEED');
const random = seededRandom(Number(seedText));
const WORDS = 'officials said the ministry denied reports that drones were delivered according to sources in kyiv moscow tehran'.split(' ');

// Written straight to the pipe: once the line is out, the write it names has committed.
const acknowledge = (line: string) => writeSync(1, `${line}\n`);

function articleText(n: number): string {
  const paragraphs = 2 + Math.floor(random() * 40);
  const lines = [`Crash test article ${seedText}-${n}-${Math.floor(random() * 1e9)}`];
  for (let p = 0; p < paragraphs; p++) {
    lines.push(Array.from({ length: 20 + Math.floor(random() * 120) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ') + '.');
  }
  return lines.join('\n\n');
}

const db = openDatabase(corpusPath);
const articles = db.prepare('SELECT id, text_length AS length FROM articles').all() as Array<{ id: number; length: number }>;
const annotations = db.prepare('SELECT id FROM annotations').pluck().all() as number[];
acknowledge('ready');

for (let n = 0; ; n++) {
  const roll = random();
  if (articles.length === 0 || roll < 0.25) {
    const text = articleText(n);
    const result = importContent(db, `crash-${seedText}-${n}.txt`, Buffer.from(text), 'crash-worker');
    if (result.status !== 'imported') throw new Error(`import ${result.status}: ${result.reason}`);
    articles.push({ id: result.articleId!, length: text.length });
    acknowledge(`article ${result.articleId} ${sha256Hex(normaliseText(text))}`);
  } else if (annotations.length === 0 || roll < 0.7) {
    const article = articles[Math.floor(random() * articles.length)]!;
    const start = Math.floor(random() * (article.length - 1));
    const end = start + 1 + Math.floor(random() * Math.min(80, article.length - start - 1));
    const annotation = createAnnotation(db, { articleId: article.id, start, end, tag: 'claim', note: `n${n}` }, 'crash-worker');
    annotations.push(annotation.id);
    acknowledge(`annotation ${annotation.id} ${article.id} ${start} ${end}`);
  } else if (roll < 0.98) {
    const id = annotations[Math.floor(random() * annotations.length)]!;
    const note = `edited ${seedText}-${n}`;
    updateAnnotation(db, { id, note }, 'crash-worker');
    acknowledge(`note ${id} ${note}`);
  } else {
    // A kill during a backup must leave neither a half backup that looks whole nor a damaged corpus.
    await backupCorpus(db, corpusPath, 'scheduled', { keep: 3 });
  }
}
