import { listAnnotations } from '../corpus/annotations.ts';
import { getArticle, listArticles } from '../corpus/articles.ts';
import { articleSummaries, listOutlets, pageArticles } from '../corpus/articlePages.ts';
import type { Db } from '../corpus/database.ts';
import { createLink, listLinks, reviewLink } from '../corpus/links.ts';
import { linksWithOtherEnd } from '../corpus/linkEnds.ts';
import { pageLinks } from '../corpus/linkPages.ts';
import { linkGraphPage } from '../corpus/linkGraphPage.ts';
import { addSpeakerAlias, listSpeakers, mergeSpeakers, renameSpeaker, updateSpeakerDetails } from '../corpus/speakers.ts';
import { claimGroupPage, claimGroupTables, claimMatrix } from '../matching/claimGroupTable.ts';
import { withCoverage } from '../matching/matrixCoverage.ts';
import { suggestFor } from '../matching/suggestions.ts';
import { storedQueue, storedQueuePage } from '../matching/storedQueue.ts';
import { refreshSuggestions } from '../matching/suggestionRefresh.ts';
import { acceptSuggestion, rejectSuggestion } from '../matching/suggestionDecisions.ts';
import { createAnnotationStep, deleteAnnotationStep, historyState, redo, undo, updateAnnotationStep } from '../corpus/history.ts';
import { searchArticles } from '../corpus/search.ts';
import { updateArticleMetadata } from '../corpus/articleMetadata.ts';
import { listVersions } from '../corpus/articleVersions.ts';
import { setClaimRating } from '../corpus/claimRatings.ts';
import { listConflicts, resolveConflict } from '../corpus/conflicts.ts';
import { agreementReport } from '../team/agreementReport.ts';
import { dropOrphan, listOrphans, placeOrphan } from '../corpus/reanchoring.ts';
import { importContent } from '../ingest/importFiles.ts';
import { captureBytes, captureOf } from '../corpus/capturedSources.ts';
import { publisherSettings, setPublisherSettings } from '../corpus/publisherSettings.ts';
import { verifyCorpus } from '../corpus/integrity.ts';
import { claimTimeline } from '../provenance/claimTimeline.ts';
import { deleteArticle } from '../corpus/articleDeletion.ts';
import { createAppSync, type AppSync } from './appSync.ts';
import { createJobs, jobSlices, type Jobs } from './longJobs.ts';
import type { AsyncMethod, Method, Output, ParsedInput, Suggestion } from '../contract/contract.ts';
import { importFromUrl } from '../ingest/urlImport.ts';
import { articleDoneState, markArticleDone, visibleAnnotationsFilter, visibleTo } from '../corpus/blindAnnotation.ts';
import { visibleConflicts } from '../corpus/blindConflicts.ts';
import { projectOptions, setProjectOption } from '../corpus/projectOptions.ts';
import { compareForAdjudication, decidePair } from '../team/adjudication.ts';
import { curators, setCurator } from '../corpus/curators.ts';

/** A link whose other end blind annotation hides is not shown either (it would show the hidden span). */
function visibleOtherEnds<L extends { other?: Parameters<typeof visibleTo>[2][number] }>(db: Db, actor: string, links: L[]): L[] {
  const shown = new Set(
    visibleTo(
      db,
      actor,
      links.flatMap((l) => (l.other ? [l.other] : [])),
    ),
  );
  return links.filter((l) => !l.other || shown.has(l.other));
}

/** Suggestions found for, or pointing at, a span blind annotation hides from the analyst are not shown (they would show it). */
function visibleSuggestions(db: Db, actor: string, suggestions: Suggestion[]): Suggestion[] {
  const ends = new Set(suggestions.flatMap((s) => (s.existingAnnotationId === null ? [s.sourceId] : [s.sourceId, s.existingAnnotationId])));
  const annotations = listAnnotations(db).filter((a) => ends.has(a.id));
  const shown = new Set(visibleTo(db, actor, annotations));
  const hidden = new Set(annotations.filter((a) => !shown.has(a)).map((a) => a.id));
  return suggestions.filter((s) => !hidden.has(s.sourceId) && (s.existingAnnotationId === null || !hidden.has(s.existingAnnotationId)));
}

export interface HandlerContext {
  db: Db;
  /** Who the changes are recorded as: the analyst using this app or CLI. */
  actor: string;
  /** The corpus file: its saved hub logins sit beside it (none for an in-memory corpus). */
  dbPath?: string;
  /** How the app syncs (made here when not given). */
  appSync?: AppSync;
  /** The long requests running in slices (made here when not given). */
  jobs?: Jobs;
}

export type Handlers = { [M in Method]: (input: ParsedInput<M>) => M extends AsyncMethod ? Promise<Output<M>> : Output<M> };

/** The one implementation of the contract; IPC, HTTP and the CLI are thin shells around it. */
export function createHandlers({ db, actor, dbPath, appSync = createAppSync(db, actor, dbPath), jobs = createJobs(jobSlices(db)) }: HandlerContext): Handlers {
  return {
    'articles.list': () => listArticles(db),
    'articles.get': ({ id }) => getArticle(db, id),
    // Blind annotation hides others' spans from an analyst until they mark the article done.
    'annotations.list': ({ articleId }) => visibleTo(db, actor, listAnnotations(db, articleId)),
    // Edits go through the history so that undo and redo can replay them.
    'annotations.create': (input) => createAnnotationStep(db, input, actor),
    'annotations.update': (patch) => updateAnnotationStep(db, patch, actor),
    'annotations.delete': ({ id }) => deleteAnnotationStep(db, id, actor),
    'links.list': ({ annotationId, otherEnds }) =>
      otherEnds && annotationId !== undefined ? visibleOtherEnds(db, actor, linksWithOtherEnd(db, annotationId)) : listLinks(db, annotationId),
    'links.create': (input) => createLink(db, input, actor),
    'links.review': ({ id, status }) => reviewLink(db, id, status, actor),
    'suggestions.list': ({ annotationId, limit }) => visibleSuggestions(db, actor, suggestFor(db, annotationId, { limit })),
    'suggestions.queue': ({ limit }) => visibleSuggestions(db, actor, storedQueue(db, limit)),
    'suggestions.accept': (input) => acceptSuggestion(db, input, actor),
    'suggestions.reject': (input) => rejectSuggestion(db, input, actor),
    // Blind annotation: mention counts, the orphans queue and the conflicts list show only spans the analyst may see.
    'speakers.list': () => listSpeakers(db, visibleAnnotationsFilter(db, actor, 'n')),
    'speakers.merge': ({ intoId, fromId }) => mergeSpeakers(db, intoId, fromId, actor),
    'speakers.addAlias': ({ id, alias }) => addSpeakerAlias(db, id, alias, actor),
    'speakers.rename': ({ id, name }) => renameSpeaker(db, id, name, actor),
    'review.groups': () => claimGroupTables(db, {}, actor),
    'review.matrix': (query) => withCoverage(db, claimMatrix(db, { ...query, visibleTo: actor }), actor),
    'search.articles': ({ query }) => searchArticles(db, query),
    'history.state': () => historyState(db, actor),
    'history.undo': () => undo(db, actor),
    'history.redo': () => redo(db, actor),
    'articles.import': ({ fileName, contentBase64 }) => importContent(db, fileName, Buffer.from(contentBase64, 'base64'), actor),
    'articles.updateMetadata': (patch) => updateArticleMetadata(db, patch, actor),
    'articles.versions': () => listVersions(db),
    'orphans.list': () => {
      const orphans = listOrphans(db);
      const shown = new Set(
        visibleTo(
          db,
          actor,
          orphans.map((o) => o.annotation),
        ),
      );
      return orphans.filter((o) => shown.has(o.annotation));
    },
    'orphans.place': (input) => placeOrphan(db, input, actor),
    'orphans.drop': ({ annotationId }) => dropOrphan(db, annotationId, actor),
    'claimRatings.set': (input) => setClaimRating(db, input, actor),
    'conflicts.list': ({ all }) => visibleConflicts(db, actor, listConflicts(db, { all })),
    'conflicts.resolve': ({ id, keep }) => resolveConflict(db, id, keep, actor),
    'articles.source': ({ id }) => captureOf(db, id),
    'articles.sourceContent': ({ id }) => {
      const { source, bytes } = captureBytes(db, id);
      return { source, contentBase64: bytes.toString('base64') };
    },
    'settings.get': () => publisherSettings(db),
    'settings.set': (patch) => setPublisherSettings(db, patch, actor),
    'corpus.verify': ({ full }) => verifyCorpus(db, { full: full ?? true }),
    'review.timeline': ({ annotationId }) => claimTimeline(db, annotationId, actor),
    'agreement.compute': (query) => agreementReport(db, query),
    'articles.delete': ({ id }) => deleteArticle(db, id, actor),
    'sync.status': () => appSync.status(),
    'sync.start': () => appSync.start(),
    'articles.page': (query) => pageArticles(db, query),
    'articles.outlets': () => listOutlets(db),
    'articles.summaries': ({ ids }) => articleSummaries(db, ids),
    'links.page': (query) => pageLinks(db, query, actor),
    'review.groupsPage': (page) => claimGroupPage(db, page, actor),
    'speakers.update': (details) => updateSpeakerDetails(db, details, actor),
    'articles.importUrl': ({ url }) => importFromUrl(db, url, actor),
    'suggestions.page': ({ limit, after }) => storedQueuePage(db, limit, after ?? null, actor),
    'suggestions.refresh': ({ budgetMs }) => refreshSuggestions(db, { budgetMs }),
    'project.options': () => projectOptions(db),
    'project.setOption': ({ name, enabled }) => setProjectOption(db, name, enabled, actor),
    'articles.doneState': ({ id }) => articleDoneState(db, id, actor),
    'articles.markDone': ({ id, done }) => {
      markArticleDone(db, id, done, actor);
      return articleDoneState(db, id, actor);
    },
    // Blind annotation applies here too; a named curator sees both sides.
    'adjudication.compare': ({ articleId, analysts }) => compareForAdjudication(db, articleId, analysts, actor),
    'adjudication.keep': (decision) => decidePair(db, decision, actor),
    'team.curators': () => curators(db, actor),
    'team.setCurator': ({ analyst, curator }) => setCurator(db, analyst, curator, actor),
    'review.graph': ({ limit }) => linkGraphPage(db, limit),
    'jobs.start': ({ kind }) => jobs.start(kind),
    'jobs.status': ({ id }) => jobs.status(id),
    'jobs.cancel': ({ id }) => jobs.cancel(id),
  };
}
