/**
 * The corpora of the scale benchmark: n articles from the drifted-corpus
 * generator (Zipf vocabulary, planted claims and their drifted reports), each
 * with an outlet and a date, plus the same review load at every size — 300
 * claim groups of five reports linked same-claim, spoken by a pool of speakers,
 * and the clusters of reviewLoad.ts (20,000 annotations with stored suggestions,
 * 50,000 links and 1,000 speakers in all) —
 * and one dated-first "bench article" with annotations to open, select, tag and
 * undo. Only the article count changes between sizes, so the ratio between
 * sizes shows what grows with the corpus.
 *
 * Generating 100,000 articles takes minutes, so each corpus is built once into
 * a cache folder and copied for every run (a run tags and undoes).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { insertArticle } from '../../../main/corpus/articles.ts';
import { openDatabase } from '../../../main/corpus/database.ts';
import { LATEST_VERSION } from '../../../main/corpus/migrations/index.ts';
import { ensureMatchIndex, MATCH_INDEX_VERSION } from '../../../main/matching/termIndex.ts';
import { TAGS } from '../../../main/contract/contract.ts';
import { openSession } from '../../../main/api/session.ts';
import { storePendingOrigins } from '../../../main/provenance/storedReuse.ts';
import { generateDriftedCorpus } from '../driftedCorpus.ts';
import { addReviewLoad, plantStoredSuggestions } from './reviewLoad.ts';

export const SCALE_SIZES = [1_000, 10_000, 100_000] as const;
export const BENCH_TITLE = 'Scale benchmark: the article under test';
export const CLAIM_GROUPS = 300;
const VARIANTS_PER_CLAIM = 4;
const OUTLETS = 40;
const SPEAKERS = 50;
/** Annotations on the bench article: a busy article, as an analyst's working one is. */
const BENCH_ANNOTATIONS = 40;
const ARTICLES_PER_TRANSACTION = 1_000;
/** Bump when what is generated changes, so that old cached corpora are not reused. */
const GENERATOR_VERSION = 2;

export const scaleCacheDir = () => process.env.CROSSCHECK_SCALE_CACHE ?? join(tmpdir(), 'crosscheck-bench-scale');

const dateOf = (index: number, count: number) => {
  // Spread over one year, the bench article (index 0) first.
  const day = Math.floor((index * 365) / count);
  return new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
};

/** Builds the corpus of `articles` articles at `file` (which must not exist). */
export function buildScaleCorpus(file: string, articles: number, log: (line: string) => void = () => {}): void {
  const started = performance.now();
  const corpus = generateDriftedCorpus({ articles, claims: CLAIM_GROUPS, variantsPerClaim: VARIANTS_PER_CLAIM, seed: 7 });
  const session = openSession({ dbPath: file, actor: 'bench' });
  try {
    const { db, handlers } = session;
    const ids: number[] = [];
    for (let from = 0; from < corpus.texts.length; from += ARTICLES_PER_TRANSACTION) {
      db.transaction(() => {
        for (let a = from; a < Math.min(corpus.texts.length, from + ARTICLES_PER_TRANSACTION); a++) {
          const text = corpus.texts[a]!;
          const title = a === 0 ? BENCH_TITLE : text.split(/\s+/).slice(0, 6).join(' ');
          const { articleId } = insertArticle(
            db,
            { text, title, outlet: `Outlet ${(a % OUTLETS) + 1}`, url: null, published: dateOf(a, articles), fileName: null },
            'bench',
          );
          ids.push(articleId);
        }
      })();
      if ((from / ARTICLES_PER_TRANSACTION) % 10 === 9) log(`  ${ids.length} of ${articles} articles (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    db.transaction(() => {
      // The review load: each planted claim and its drifted reports, linked to the first.
      corpus.claims.forEach((claim, c) => {
        if (claim.source.article < 0) return;
        const speaker = `Speaker ${(c % SPEAKERS) + 1}`;
        const source = handlers['annotations.create']({
          articleId: ids[claim.source.article]!,
          start: claim.source.start,
          end: claim.source.end,
          tag: 'claim',
          speaker,
        });
        claim.variants.forEach((variant, v) => {
          const report = handlers['annotations.create']({
            articleId: ids[variant.article]!,
            start: variant.start,
            end: variant.end,
            tag: v === 3 ? 'denial' : 'claim',
            speaker,
          });
          handlers['links.create']({ fromId: source.id, toId: report.id, type: 'same-claim', status: 'confirmed' });
        });
      });
      // The bench article: every other word run of its text tagged, in the three tags.
      const text = corpus.texts[0]!;
      const words = [...text.matchAll(/\S+ \S+ \S+/g)];
      const step = Math.max(1, Math.floor(words.length / BENCH_ANNOTATIONS));
      for (let i = 0; i < BENCH_ANNOTATIONS && i * step < words.length; i++) {
        const match = words[i * step]!;
        handlers['annotations.create']({ articleId: ids[0]!, start: match.index, end: match.index + match[0].length, tag: TAGS[i % TAGS.length]! });
      }
    })();
    // The rest of the review load: 20,000 annotations with stored suggestions, 50,000 links, 1,000 speakers in all.
    const load = db.transaction(() => addReviewLoad(handlers, ids, corpus.texts))();
    log(`  review load: ${load.annotations} more annotations, ${load.links} more links`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    session.close();
  }
  log(`  built ${articles} articles in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * A fresh copy of the cached corpus of `articles` articles, built first if the cache lacks it, at the
 * current schema and matcher index. The caller removes the copy's folder.
 */
export function scaleCorpusCopy(articles: number, into: string, log: (line: string) => void = () => {}): string {
  const dir = scaleCacheDir();
  mkdirSync(dir, { recursive: true });
  const cached = join(dir, `scale-g${GENERATOR_VERSION}-${articles}.sqlite`);
  if (!existsSync(cached)) {
    log(`Building the ${articles}-article corpus into ${cached} (once; later runs reuse it)`);
    const partial = `${cached}.partial`;
    for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
    buildScaleCorpus(partial, articles, log);
    for (const suffix of ['-wal', '-shm']) rmSync(partial + suffix, { force: true });
    renameSync(partial, cached);
  }
  const copy = join(into, 'corpus.sqlite');
  copyFileSync(upgradedCache(cached, log), copy);
  const session = openSession({ dbPath: copy, actor: 'bench' });
  try {
    const planted = plantStoredSuggestions(session.db);
    if (planted > 0) log(`  planted the stored suggestions of ${planted} annotations`);
    // As the app's background refresher leaves a corpus seconds after it opens (a slice at a time, at a
    // lower priority); done here so that work does not compete with the actions measured.
    const started = performance.now();
    const { settled } = storePendingOrigins(session.db);
    if (settled > 0) log(`  stored the text reuse of ${settled} claim groups in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    session.close();
  }
  return copy;
}

/**
 * The cached corpus migrated to the current schema and with the matcher's term index rebuilt for the
 * current matcher, kept beside the generated one. An analyst's corpus is upgraded once, at the first
 * open after an update (12 s of migrations at 100,000 articles, then minutes of index rebuild that
 * holds the write lock: tag and undo failed busy meanwhile); the benchmark measures the app in use
 * after that, not a one-time upgrade repeated on every copy.
 */
function upgradedCache(cached: string, log: (line: string) => void): string {
  const upgraded = cached.replace(/\.sqlite$/, `-schema${LATEST_VERSION}-match${MATCH_INDEX_VERSION}.sqlite`);
  if (existsSync(upgraded)) return upgraded;
  log(`Upgrading ${cached} to schema ${LATEST_VERSION} and match index ${MATCH_INDEX_VERSION} (once; later runs reuse it)`);
  const started = performance.now();
  const partial = `${upgraded}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
  // From the newest earlier upgrade with the same match index, if any: only the newer migrations then run.
  const prefix = basename(cached).replace(/\.sqlite$/, '-schema');
  const earlier = readdirSync(dirname(cached))
    .map((name) => ({ name, schema: Number(name.slice(prefix.length).split('-')[0]) }))
    .filter(({ name, schema }) => name.startsWith(prefix) && name.endsWith(`-match${MATCH_INDEX_VERSION}.sqlite`) && schema < LATEST_VERSION)
    .sort((a, b) => b.schema - a.schema)[0];
  copyFileSync(earlier ? join(dirname(cached), earlier.name) : cached, partial);
  const db = openDatabase(partial);
  try {
    ensureMatchIndex(db);
  } finally {
    db.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(partial + suffix, { force: true });
  renameSync(partial, upgraded);
  log(`  upgraded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return upgraded;
}
