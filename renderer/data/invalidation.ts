import type { Method } from '../../main/contract/contract.ts';

/** Reads whose answers depend on annotations, links and their review. */
const ANNOTATION_READS: Method[] = [
  'articles.page',
  'annotations.list',
  'links.list',
  'links.page',
  'suggestions.list',
  'suggestions.queue',
  'suggestions.page',
  'review.groups',
  'review.groupsPage',
  'review.matrix',
  'speakers.list',
  'history.state',
  'agreement.compute',
  'review.timeline',
  'project.options',
  'articles.doneState',
  'adjudication.compare',
  'review.graph',
  'team.curators',
];
const ARTICLE_READS: Method[] = [
  'articles.list',
  'articles.page',
  'articles.outlets',
  'articles.summaries',
  'articles.get',
  'articles.versions',
  'orphans.list',
  'search.articles',
];

/**
 * The one table of what each change makes stale: after a change succeeds,
 * every cached read of these methods is fetched again (if on screen) or
 * dropped. A change not listed here invalidates nothing, which a test forbids.
 */
export const INVALIDATES: Partial<Record<Method, readonly Method[]>> = {
  'annotations.create': ANNOTATION_READS,
  'annotations.update': ANNOTATION_READS,
  'annotations.delete': ANNOTATION_READS,
  'links.create': ANNOTATION_READS,
  'links.review': ANNOTATION_READS,
  'suggestions.accept': ANNOTATION_READS,
  'suggestions.reject': ANNOTATION_READS,
  'suggestions.refresh': ['suggestions.page', 'suggestions.queue', 'review.matrix'],
  'history.undo': ANNOTATION_READS,
  'history.redo': ANNOTATION_READS,
  'speakers.merge': ANNOTATION_READS,
  'speakers.addAlias': ANNOTATION_READS,
  'speakers.rename': ANNOTATION_READS,
  'claimRatings.set': ['review.groups', 'review.groupsPage'],
  'articles.import': [...ARTICLE_READS, ...ANNOTATION_READS],
  'articles.updateMetadata': [...ARTICLE_READS, 'review.groups', 'review.groupsPage', 'review.matrix'],
  'orphans.place': [...ARTICLE_READS, ...ANNOTATION_READS],
  'orphans.drop': [...ARTICLE_READS, ...ANNOTATION_READS],
  'sync.start': ['sync.status'],
  'speakers.update': ANNOTATION_READS,
  'settings.set': ['settings.get'],
  'articles.importUrl': [...ARTICLE_READS, ...ANNOTATION_READS],
  // Four-eyes changes links' status; blind annotation and done marks change which spans show; curating adds annotations.
  'project.setOption': ANNOTATION_READS,
  'articles.markDone': ANNOTATION_READS,
  'adjudication.keep': ANNOTATION_READS,
  // A curator sees everyone's spans under blind annotation, so naming one changes what shows.
  'team.setCurator': ANNOTATION_READS,
  // A job changes the corpus while it runs: its starter invalidates the reads it touches as it goes and when it ends.
  'jobs.start': ['suggestions.page', 'review.matrix'],
  'jobs.cancel': ['suggestions.page', 'review.matrix'],
};

/** Methods that only read: their answers may be cached and shared between panels. */
export const READS: readonly Method[] = [...new Set([...ANNOTATION_READS, ...ARTICLE_READS, 'speakers.list', 'review.groups', 'review.matrix'] as Method[])];
