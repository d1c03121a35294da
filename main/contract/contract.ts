/**
 * The contract between the renderer and main: every request name, its input
 * and its output. Both sides import this module; the schemas are the runtime
 * validation at every boundary (IPC, HTTP, CLI), the inferred types are the
 * compile-time documentation. Nothing else may define a request.
 */
import { z } from 'zod';
import { ERROR_CODES } from './errors.ts';
import type { CSV_TABLES } from './vocabulary.ts';
import { ARTICLE_SORTS, LINK_STATUSES, LINK_TYPES, MAX_ARTICLE_PAGE, MAX_IMPORT_BYTES, TAGS } from './vocabulary.ts';

// The fixed lists and limits live without zod in vocabulary.ts (the renderer's first screen reads them there).
export * from './vocabulary.ts';

export const Tag = z.enum(TAGS);
export type Tag = z.infer<typeof Tag>;

const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const Offset = z
  .number()
  .int()
  .nonnegative()
  .max(2 ** 31);
/** A real calendar date: 2023-02-30 and 2023-13-01 have the shape but name no day. */
const isCalendarDate = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(isCalendarDate, 'no such calendar date');

/** The one rule every span obeys: `.refine(...END_AFTER_START)`. */
const END_AFTER_START: [(span: { start: number; end: number }) => boolean, { message: string; path: string[] }] = [
  (span) => span.end > span.start,
  { message: 'end must be greater than start', path: ['end'] },
];

/** Largest article text the API accepts, in UTF-16 code units (about 10 MB of text). */
export const MAX_TEXT_LENGTH = 10 * 1024 * 1024;
export const MAX_NOTE_LENGTH = 20_000;
export const MAX_NAME_LENGTH = 300;

export const ArticleSummary = z.object({
  id: Id,
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  published: IsoDate.nullable(),
  url: z.string().nullable(),
  fileName: z.string().nullable(),
  /** Length of the stored text in UTF-16 code units: the unit of every offset. */
  length: z.number().int().nonnegative(),
  importedAt: z.string(),
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

export const Article = ArticleSummary.extend({
  text: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Article = z.infer<typeof Article>;

export const Annotation = z.object({
  id: Id,
  articleId: Id,
  start: Offset,
  end: Offset,
  quote: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  tag: Tag,
  note: z.string(),
  speaker: z.string().nullable(),
  author: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Annotation = z.infer<typeof Annotation>;

export const NewAnnotation = z
  .strictObject({
    articleId: Id,
    start: Offset,
    end: Offset,
    tag: Tag,
    note: z.string().max(MAX_NOTE_LENGTH).optional(),
    speaker: z.string().trim().min(1).max(MAX_NAME_LENGTH).nullable().optional(),
  })
  .refine(...END_AFTER_START);
export type NewAnnotation = z.infer<typeof NewAnnotation>;

export const AnnotationPatch = z
  .strictObject({
    id: Id,
    start: Offset.optional(),
    end: Offset.optional(),
    tag: Tag.optional(),
    note: z.string().max(MAX_NOTE_LENGTH).optional(),
    speaker: z.string().trim().min(1).max(MAX_NAME_LENGTH).nullable().optional(),
  })
  .refine((p) => p.start === undefined || p.end === undefined || p.end > p.start, { message: 'end must be greater than start', path: ['end'] });
export type AnnotationPatch = z.infer<typeof AnnotationPatch>;

export const LinkType = z.enum(LINK_TYPES);
export type LinkType = z.infer<typeof LinkType>;

export const LinkStatus = z.enum(LINK_STATUSES);
export type LinkStatus = z.infer<typeof LinkStatus>;
export const LINK_METHODS = ['manual', 'matcher', 'import'] as const;

export const Link = z.object({
  id: Id,
  fromId: Id,
  toId: Id,
  type: LinkType,
  status: LinkStatus,
  method: z.enum(LINK_METHODS),
  score: z.number().min(0).max(1).nullable(),
  reviewer: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
  /** The analyst who drew the link (or accepted the suggestion that made it). */
  createdBy: z.string(),
});
export type Link = z.infer<typeof Link>;

export const NewLink = z.strictObject({
  fromId: Id,
  toId: Id,
  type: LinkType,
  status: LinkStatus.optional(),
  method: z.enum(LINK_METHODS).optional(),
  score: z.number().min(0).max(1).nullable().optional(),
});
export type NewLink = z.infer<typeof NewLink>;

/** `skipped`: an entry of a folder that is not a file to import (a link, a pipe, a device), listed so nothing is left out silently. */
export const IMPORT_STATUSES = ['imported', 'duplicate', 'failed', 'skipped'] as const;
export const ImportResult = z.object({
  file: z.string(),
  status: z.enum(IMPORT_STATUSES),
  articleId: Id.optional(),
  reason: z.string().optional(),
  /** The earlier version this import replaced, and what became of its annotations. */
  supersedes: Id.optional(),
  moved: z.number().int().nonnegative().optional(),
  orphaned: z.number().int().nonnegative().optional(),
  /** Imported, but worth a look: a page whose declared encoding its bytes contradict. */
  warnings: z.array(z.string()).optional(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const Speaker = z.object({
  id: Id,
  /** The display name; every alias, this one included, resolves to the speaker. */
  name: z.string(),
  aliases: z.array(z.string()),
  /** Annotations whose speaker is one of the aliases. */
  annotations: z.number().int().nonnegative(),
  /** The role they speak in ("spokesman"), the organisation they belong to, their Wikidata item: as the analyst typed them. */
  role: z.string().nullable(),
  affiliation: z.string().nullable(),
  wikidata: z.string().nullable(),
});
export type Speaker = z.infer<typeof Speaker>;
const SpeakerName = z.string().trim().min(1).max(MAX_NAME_LENGTH);
/** A Wikidata item id: Q and a number without leading zeros (Q42), typed by the analyst; nothing is fetched. */
export const WikidataId = z
  .string()
  .trim()
  .regex(/^Q[1-9][0-9]{0,11}$/, 'expected a Wikidata item id: Q followed by its number, as in Q42');
export const SpeakerDetails = z.strictObject({
  id: Id,
  role: SpeakerName.nullable().optional(),
  affiliation: SpeakerName.nullable().optional(),
  wikidata: WikidataId.nullable().optional(),
});
export type SpeakerDetails = z.infer<typeof SpeakerDetails>;

export const EDIT_OPERATIONS = ['equal', 'near', 'swap', 'delete', 'insert', 'moved'] as const;
/** One word step from the quote to a found span: `near` is a reworded form (stem, spelling, synonym), `moved` a word found out of order. */
export const EditOperation = z.object({ op: z.enum(EDIT_OPERATIONS), from: z.string().optional(), to: z.string().optional() });
export type EditOperation = z.infer<typeof EditOperation>;

export const Suggestion = z.object({
  /** The annotation the span was found for. */
  sourceId: Id,
  articleId: Id,
  start: Offset,
  end: Offset,
  quote: z.string(),
  score: z.number().min(0).max(1),
  /** An annotation already on (about) this span, which accepting links instead of creating a new one. */
  existingAnnotationId: Id.nullable(),
  explanation: z.object({
    sharedWords: z.array(z.string()),
    operations: z.array(EditOperation),
    coverage: z.number().min(0).max(1),
    precision: z.number().min(0).max(1),
    summary: z.string(),
    /** How close in meaning the span's clauses are to the quote, 0–1 (word senses and vectors, any order). */
    meaning: z.number().min(0).max(1).optional(),
    /** Found by word-by-word alignment (the quote's words, drifted) or by meaning (a rewording). */
    method: z.enum(['alignment', 'meaning']).optional(),
    /** Structure compared with the quote: null where there is nothing to compare (no number on one side, no speaker found). */
    checks: z
      .object({
        sameNumber: z.boolean().nullable(),
        sameNegation: z.boolean(),
        sameModality: z.boolean().nullable(),
        sameActor: z.boolean().nullable(),
        /** False: the span is attributed to someone else than the quote. Such suggestions are listed after all others. */
        sameSpeaker: z.boolean().nullable(),
      })
      .optional(),
    /** Who the span's article says is speaking, when it says so. */
    speaker: z.string().nullable().optional(),
  }),
});
export type Suggestion = z.infer<typeof Suggestion>;

const SpanOfSuggestion = {
  annotationId: Id,
  articleId: Id,
  start: Offset,
  end: Offset,
};
export const SuggestionTarget = z.strictObject(SpanOfSuggestion).refine(...END_AFTER_START);
export type SuggestionTarget = z.infer<typeof SuggestionTarget>;
export const SuggestionAccept = z
  .strictObject({ ...SpanOfSuggestion, type: z.enum(['same-claim', 'paraphrase']).optional(), score: z.number().min(0).max(1).nullable().optional() })
  .refine(...END_AFTER_START);
export type SuggestionAccept = z.infer<typeof SuggestionAccept>;

export const DRIFT_CLASSES = ['identical', 'typography', 'word-swap', 'truncation', 'reordering', 'paraphrase'] as const;
export const MEANING_FLAGS = ['negation', 'number', 'actor', 'speaker', 'modality'] as const;
export const MeaningFlag = z.object({ kind: z.enum(MEANING_FLAGS), detail: z.string() });
export type MeaningFlag = z.infer<typeof MeaningFlag>;
/** A run of the word diff: `base` holds the base's words, `variant` the variant's (empty for an insertion or a deletion). */
export const DiffSegment = z.object({ kind: z.enum(['equal', 'insert', 'delete', 'replace']), base: z.string(), variant: z.string() });
export type DiffSegment = z.infer<typeof DiffSegment>;

export const ClaimGroupRow = z.object({
  annotation: Annotation,
  outlet: z.string().nullable(),
  title: z.string().nullable(),
  published: IsoDate.nullable(),
  /** The speaker the annotation's typed name resolves to. */
  speakerId: Id.nullable(),
  speakerName: z.string().nullable(),
  /** Against the group's earliest variant (the first row, whose diff is all equal). */
  diff: z.array(DiffSegment),
  drift: z.array(z.enum(DRIFT_CLASSES)),
  primaryDrift: z.enum(DRIFT_CLASSES),
  flags: z.array(MeaningFlag),
});
export type ClaimGroupRow = z.infer<typeof ClaimGroupRow>;

/** schema.org's Rating of a claim: 1 (false) to 5 (true). */
export const RatingValue = z.number().int().min(1).max(5);

/** The analyst's verdict on a claim group: a rating, or none, and the words for it. */
export const Verdict = z.object({
  ratingValue: RatingValue.nullable(),
  alternateName: z.string(),
  reviewer: z.string(),
  reviewedAt: z.string(),
  /** The claim as the published review words it; null to word it as it first appeared. */
  claimReviewed: z.string().nullable().optional(),
  /** Where the review is published. */
  reviewUrl: z.string().nullable().optional(),
});
export type Verdict = z.infer<typeof Verdict>;

export const ClaimGroup = z.object({
  id: Id,
  rows: z.array(ClaimGroupRow),
  /** The links that join the group's members, whatever their status. */
  links: z.array(Link),
  flagged: z.boolean(),
  verdict: Verdict.nullable(),
});
export type ClaimGroup = z.infer<typeof ClaimGroup>;

export const MATRIX_CELLS = ['reported', 'denied', 'absent'] as const;
/**
 * Claim groups × sources. A source is an outlet (or an article naming none)
 * that reports or disputes a group shown; `articleId` is its earliest article
 * there, `articleIds` all of them. Cells are keyed by the source's `articleId`.
 */
export const ClaimMatrix = z.object({
  groups: z.array(
    z.object({
      id: Id,
      label: z.string(),
      /** The group's independent origins, as its timeline counts them (copies of one report are one origin), and their summary. */
      origins: z.number().int().nonnegative().optional(),
      originSummary: z.string().optional(),
      /** The earliest variant whole, when `label` shortens it. */
      wholeLabel: z.string().optional(),
    }),
  ),
  sources: z.array(
    z.object({
      articleId: Id,
      label: z.string(),
      published: IsoDate.nullable(),
      articleIds: z.array(Id).optional(),
      /** The source's current articles carrying no annotation at all: where a claim is not annotated yet rather than not reported. */
      unannotatedArticles: z.number().int().nonnegative().optional(),
    }),
  ),
  cells: z.array(
    z.object({
      groupId: Id,
      articleId: Id,
      state: z.enum(MATRIX_CELLS),
      annotationIds: z.array(Id),
      /** For a reported cell: the index, in the group's timeline, of the origin its report belongs to. */
      origin: z.number().int().nonnegative().optional(),
    }),
  ),
  /** Groups matching the query over all pages, when the matrix was asked for a page. */
  totalGroups: z.number().int().nonnegative().optional(),
  /** Stored suggestions of the page's groups' members in the page's sources, best first: what awaits review where nothing is linked. */
  suggestions: z.array(Suggestion).optional(),
});
export type ClaimMatrix = z.infer<typeof ClaimMatrix>;
export const SearchMatch = z.object({
  /** Offsets of the matched word in the stored text, in UTF-16 code units. */
  start: Offset,
  end: Offset,
  before: z.string(),
  match: z.string(),
  after: z.string(),
});
export const SearchResults = z.object({
  query: z.string(),
  /** false when so many articles matched that the first ones came in corpus order, not by relevance. */
  ranked: z.boolean().optional(),
  /** Set when the last word was too short to search as the start of longer words: only the whole word matched. */
  prefixSkipped: z.literal(true).optional(),
  articles: z.array(
    z.object({
      articleId: Id,
      title: z.string().nullable(),
      outlet: z.string().nullable(),
      /** Every match in the article; `matches` holds the first few. */
      matchCount: z.number().int().nonnegative(),
      /** Set when counting stopped at its limit: there are more matches than matchCount. */
      moreMatches: z.literal(true).optional(),
      matches: z.array(SearchMatch),
    }),
  ),
});
export type SearchResults = z.infer<typeof SearchResults>;
export const MAX_QUERY_LENGTH = 500;
/** Most claim groups one page of the matrix may hold. */
export const MAX_MATRIX_GROUPS = 500;
export const ClaimMatrixQuery = z.strictObject({
  query: z.string().max(MAX_QUERY_LENGTH).optional(),
  offset: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.number().int().min(1).max(MAX_MATRIX_GROUPS).optional(),
});

export const HISTORY_ACTIONS = [
  'create',
  'update',
  'delete',
  'link',
  'review',
  'verdict',
  'accept',
  'reject',
  'merge',
  'alias',
  'rename',
  'metadata',
  'resolve',
  'import',
  'setting',
  'done',
  'curate',
  'place',
  'drop',
] as const;
/**
 * One undoable edit, as undo and redo describe it: of an annotation, or about one
 * (a link, a review, a verdict, a suggestion: annotationId is the annotation it is
 * shown with), or about an article's details or a speaker (no annotation; the
 * quote is the title or the speaker's name).
 */
export const HistoryStep = z.object({
  id: Id,
  action: z.enum(HISTORY_ACTIONS),
  annotationId: Id.nullable(),
  articleId: Id.nullable(),
  quote: z.string(),
});
export type HistoryStep = z.infer<typeof HistoryStep>;
/** What undo and redo would do next, for the current analyst. */
export const HistoryState = z.object({ undo: HistoryStep.nullable(), redo: HistoryStep.nullable() });
export type HistoryState = z.infer<typeof HistoryState>;
const HistoryReplay = z.object({ applied: HistoryStep.nullable(), state: HistoryState });
/** File types import reads, by extension: plain text and saved web pages. */

export const FileUpload = z.strictObject({
  fileName: z.string().trim().min(1).max(MAX_NAME_LENGTH),
  /** The file's bytes, base64: the transports carry JSON, and the file may not be UTF-8 at all. */
  contentBase64: z.base64().max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4, `file is over the ${MAX_IMPORT_BYTES / 1024 / 1024} MiB limit`),
});
export type FileUpload = z.infer<typeof FileUpload>;

const OptionalText = z.string().trim().min(1).max(MAX_NAME_LENGTH).nullable().optional();
export const HttpUrl = z.url({ protocol: /^https?$/, error: 'expected an http or https address' }).max(2000);

export const ArticleMetadataPatch = z.strictObject({
  id: Id,
  title: OptionalText,
  outlet: OptionalText,
  url: HttpUrl.nullable().optional(),
  published: IsoDate.nullable().optional(),
});
export type ArticleMetadataPatch = z.infer<typeof ArticleMetadataPatch>;

export const ArticleVersion = z.object({ oldId: Id, newId: Id, supersededAt: z.string() });
export type ArticleVersion = z.infer<typeof ArticleVersion>;

export const Orphan = z.object({
  annotationId: Id,
  /** The version the annotation could not be placed on with confidence. */
  newArticleId: Id,
  /** As it stands on the superseded version. */
  annotation: Annotation,
  suggestion: z.object({ start: Offset, end: Offset, quote: z.string() }).nullable(),
  score: z.number().min(0).max(1).nullable(),
  reason: z.string(),
  createdAt: z.string(),
});
export type Orphan = z.infer<typeof Orphan>;

export const OrphanPlacement = z.strictObject({ annotationId: Id, start: Offset, end: Offset }).refine(...END_AFTER_START);

/** A verdict on a claim group, as schema.org's Rating: 1 (false) to 5 (true) and the words for it. */
export const ClaimRating = z.strictObject({
  annotationId: Id,
  ratingValue: RatingValue.nullable().optional(),
  alternateName: z.string().trim().min(1).max(MAX_NAME_LENGTH),
  /** Left out, the wording and address of an earlier verdict on the group are kept; null clears them. */
  claimReviewed: z.string().trim().min(1).max(MAX_NOTE_LENGTH).nullable().optional(),
  reviewUrl: HttpUrl.nullable().optional(),
});
export type ClaimRating = z.infer<typeof ClaimRating>;

export const StoredClaimRating = Verdict.extend({ annotationId: Id, groupId: Id });
export type StoredClaimRating = z.infer<typeof StoredClaimRating>;

/**
 * The CSV export as the app downloads it, one table per file, from
 * /export/annotations.csv or /export/links.csv: its filters come as the query
 * string, each key repeatable (?tag=claim&tag=denial&bom=1).
 */
export type CsvTable = (typeof CSV_TABLES)[number];
export const CsvDownloadQuery = z.strictObject({
  tag: z.array(Tag).max(TAGS.length).optional(),
  outlet: z.array(z.string().min(1).max(MAX_NAME_LENGTH)).max(500).optional(),
  status: z.array(LinkStatus).max(LINK_STATUSES.length).optional(),
  bom: z.tuple([z.enum(['0', '1'])]).optional(),
});
export type CsvDownloadQuery = z.infer<typeof CsvDownloadQuery>;
/** One side of a conflict: an analyst's edit, with the value it wrote (null: it removed the entity). */
export const ConflictSide = z.object({
  operation: z.string(),
  analyst: z.string(),
  device: z.string(),
  kind: z.string(),
  value: z.unknown(),
  createdAt: z.string(),
});
/** What the app shows about sync: operations waiting for the hub, how far the hub's log is applied, open conflicts. */
export const SyncStatus = z.object({
  device: z.string(),
  pending: z.number().int().nonnegative(),
  lastPulledSeq: z.number().int().nonnegative(),
  openConflicts: z.number().int().nonnegative(),
  /** The analyst this app records changes as. */
  analyst: z.string(),
  /** The team hub this corpus syncs with (its saved login, or CROSSCHECK_HUB), null when none is configured. */
  hub: z.string().nullable(),
  /** A sync is under way (Sync now, or the automatic one). */
  running: z.boolean(),
  /** How the latest sync ended: its message is in words for people. */
  lastRun: z
    .object({
      finishedAt: z.string(),
      ok: z.boolean(),
      message: z.string().nullable(),
      pushed: z.number().int().nonnegative(),
      applied: z.number().int().nonnegative(),
    })
    .nullable(),
  /** When a sync last succeeded. */
  lastSuccessAt: z.string().nullable(),
  /** How often the app syncs by itself while a hub is configured. */
  autoSyncSeconds: z.number().int().positive(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** Two analysts' edits of one entity from the same version, both kept until someone decides. */
export const Conflict = z.object({
  id: Id,
  uuid: z.string(),
  entity: z.string(),
  kind: z.string(),
  entityId: Id.nullable(),
  baseVersion: z.string().nullable(),
  sides: z.array(ConflictSide),
  status: z.enum(['open', 'resolved']),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  kept: z.string().nullable(),
  createdAt: z.string(),
});
export type Conflict = z.infer<typeof Conflict>;
export const ConflictResolution = z.strictObject({ id: Id, keep: z.string().trim().min(1).max(MAX_NAME_LENGTH) });

const KappaFigures = z.object({
  kappa: z.number().nullable(),
  observed: z.number(),
  expected: z.number(),
  matrix: z.record(z.string(), z.record(z.string(), z.number().int().nonnegative())),
  words: z.number().int().nonnegative(),
});
const AlphaFigures = z.object({
  alpha: z.number().nullable(),
  observedDisagreement: z.number(),
  expectedDisagreement: z.number(),
  units: z.number().int().nonnegative(),
});
/** Agreement of two analysts over the articles both worked on: Cohen's kappa over words and Krippendorff's unitizing alpha, per tag and overall. */
export const AgreementReport = z.object({
  analysts: z.tuple([z.string(), z.string()]),
  articleIds: z.array(Id),
  spans: z.record(z.string(), z.record(Tag, z.number().int().nonnegative())),
  words: z.number().int().nonnegative(),
  codeUnits: z.number().int().nonnegative(),
  kappa: z.object({ overall: KappaFigures, perTag: z.record(Tag, KappaFigures) }),
  alpha: z.object({ overall: AlphaFigures, perTag: z.record(Tag, AlphaFigures) }),
  /** Each article compared, with the words the two labelled differently (most first). */
  perArticle: z.array(
    z.object({ articleId: Id, words: z.number().int().nonnegative(), differing: z.number().int().nonnegative(), kappa: z.number().nullable() }),
  ),
});
export const AgreementQuery = z.strictObject({
  articleIds: z.array(Id).max(10_000).optional(),
  analysts: z.array(z.string().trim().min(1).max(MAX_NAME_LENGTH)).length(2).optional(),
});

/** The ClaimReview of one claim group, from /export/claimreview.json?group=ANNOTATION. */
export const ClaimReviewDownloadQuery = z.strictObject({ group: z.tuple([z.coerce.number().int().positive()]) });

/** The bytes an article was read from, as captured on import (the bytes themselves come from `articles.sourceContent`). */
export const CapturedSource = z.object({
  articleId: Id,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  mediaType: z.string(),
  fileName: z.string().nullable(),
  capturedAt: z.string(),
  /** For a page fetched from the web: its address and the server's Date header. */
  address: z.string().nullable(),
  httpDate: z.string().nullable(),
});
export type CapturedSource = z.infer<typeof CapturedSource>;
/** Who publishes the corpus's fact checks: the author of every ClaimReview. */
export const PublisherSettings = z.object({ organisation: z.string().nullable(), url: z.string().nullable() });
export type PublisherSettings = z.infer<typeof PublisherSettings>;
export const PublisherSettingsPatch = z.strictObject({
  organisation: z.string().trim().min(1).max(MAX_NAME_LENGTH).nullable().optional(),
  url: HttpUrl.nullable().optional(),
});

/** What `crosscheck verify` finds: the first bad event or article named, and the chain's head hash to note elsewhere. */
export const IntegrityReport = z.object({
  ok: z.boolean(),
  full: z.boolean(),
  events: z.number().int().nonnegative(),
  articles: z.number().int().nonnegative(),
  sources: z.number().int().nonnegative(),
  head: z.string(),
  firstBadEvent: z.number().int().nullable(),
  firstBadArticle: z.number().int().nullable(),
  problems: z.array(z.object({ kind: z.enum(['event', 'article', 'source']), id: z.number().int(), message: z.string() })),
});
export type IntegrityReport = z.infer<typeof IntegrityReport>;

/** One report of a claim: the annotation, its article and when the article says it was published. */
export const TimelineAppearance = z.object({
  annotationId: Id,
  articleId: Id,
  quote: z.string(),
  tag: Tag,
  outlet: z.string().nullable(),
  title: z.string().nullable(),
  url: z.string().nullable(),
  /** The date the source gives; sources give no time of day Crosscheck keeps. */
  published: IsoDate.nullable(),
  origin: z.number().int().nonnegative(),
});
export const ReuseEdge = z.object({
  /** The earlier report, when the dates tell; otherwise the one imported first. */
  fromArticleId: Id,
  toArticleId: Id,
  kind: z.enum(['copy', 'cites', 'attributed']),
  /** copy: the dates say which is earlier; otherwise the direction is unknown. */
  directed: z.boolean(),
  sharedWords: z.number().int().nonnegative(),
  passages: z.array(z.object({ fromStart: Offset, fromEnd: Offset, toStart: Offset, toEnd: Offset, words: z.number().int().positive() })),
});
export const ClaimOrigin = z.object({
  index: z.number().int().nonnegative(),
  label: z.string(),
  kind: z.enum(['single', 'copy', 'attributed']),
  /** The earliest report of the origin. */
  firstArticleId: Id,
  articleIds: z.array(Id),
});
export const ClaimTimeline = z.object({
  groupId: Id,
  claim: z.string(),
  reports: z.number().int().nonnegative(),
  firstAppearance: TimelineAppearance.nullable(),
  appearances: z.array(TimelineAppearance),
  edges: z.array(ReuseEdge),
  origins: z.array(ClaimOrigin),
  /** "7 reports, 3 independent origins (AP copy ×4, Anadolu, BBC-based ×2)". */
  summary: z.string(),
  /** Who said it (the speakers, by display name), who reported it (outlets) and who denied it (speakers or outlets of denials linked to it). */
  people: z.object({ said: z.array(z.string()), reported: z.array(z.string()), denied: z.array(z.string()) }).optional(),
});
export type ClaimTimeline = z.infer<typeof ClaimTimeline>;

export const CapturedContent = z.object({ source: CapturedSource, contentBase64: z.string() });
/** How the article list can be ordered: by date (undated last), newest first, or by outlet then date. */
export const ArticlePageQuery = z.strictObject({
  sort: z.enum(ARTICLE_SORTS).optional(),
  /** Only this outlet's articles; null: only articles without an outlet. */
  outlet: z.string().min(1).max(MAX_NAME_LENGTH).nullable().optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** true: only articles with annotations; false: only those without. */
  annotated: z.boolean().optional(),
  /** true: only versions a newer one replaced; false: only current versions. */
  superseded: z.boolean().optional(),
  offset: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  limit: z.number().int().min(1).max(MAX_ARTICLE_PAGE),
});
export type ArticlePageQuery = z.infer<typeof ArticlePageQuery>;
export const ArticlePage = z.object({
  /** How many articles the filters let through, over all pages. */
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  articles: z.array(ArticleSummary),
  /** Ids of the page's articles that a newer version replaced, so the list can mark them. */
  replaced: z.array(Id),
});
export type ArticlePage = z.infer<typeof ArticlePage>;
export const OutletCount = z.object({ outlet: z.string().nullable(), articles: z.number().int().nonnegative() });
export type OutletCount = z.infer<typeof OutletCount>;

/** Most links one page of the link table may ask for. */
export const MAX_LINK_PAGE = 500;
export const LinkPageQuery = z.strictObject({
  status: LinkStatus.optional(),
  offset: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  limit: z.number().int().min(1).max(MAX_LINK_PAGE),
});
export type LinkPageQuery = z.infer<typeof LinkPageQuery>;
export const LinkPage = z.object({
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  links: z.array(Link),
  /** The annotations at either end of the page's links. */
  ends: z.array(Annotation),
});
export type LinkPage = z.infer<typeof LinkPage>;

/** Most claim groups one page of the review desk may ask for. */
export const MAX_GROUP_PAGE = 200;
export const ClaimGroupPage = z.object({ total: z.number().int().nonnegative(), offset: z.number().int().nonnegative(), groups: z.array(ClaimGroup) });
export type ClaimGroupPage = z.infer<typeof ClaimGroupPage>;

/** Most suggestions one page of the stored queue may ask for. */
export const MAX_SUGGESTION_PAGE = 200;
/** Where a page of the suggestion queue ends; passed back as `after` for the next page. */
export const SuggestionCursor = z.strictObject({ score: z.number().min(0).max(1), sourceId: Id, rank: z.number().int().nonnegative().max(10_000) });
export type SuggestionCursor = z.infer<typeof SuggestionCursor>;
export const SuggestionPage = z.object({
  items: z.array(Suggestion),
  /** The quote of each annotation the page's suggestions were found for. */
  sources: z.array(z.object({ id: Id, quote: z.string(), articleId: Id.optional() })),
  next: SuggestionCursor.nullable(),
  /** Annotations whose suggestions are hidden until the matcher has looked at them (new, changed, or found by an older matcher). */
  pending: z.number().int().nonnegative(),
  /** Annotations shown whose suggestions the matcher is checking against articles imported since. */
  refreshing: z.number().int().nonnegative(),
  /** The word index being rebuilt for an updated matcher (articles indexed of all), or null: suggestions wait for it. */
  indexing: z.object({ indexed: z.number().int().nonnegative(), articles: z.number().int().nonnegative() }).nullable(),
});
export type SuggestionPage = z.infer<typeof SuggestionPage>;
export const SuggestionRefresh = z.object({
  refreshed: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
  refreshing: z.number().int().nonnegative(),
});
export type SuggestionRefresh = z.infer<typeof SuggestionRefresh>;

/** The project's switches (team work): four-eyes review and blind annotation, with who last set each. */
export const PROJECT_OPTIONS = ['four-eyes', 'blind'] as const;
export const ProjectOptions = z.object({
  fourEyes: z.boolean(),
  blind: z.boolean(),
  setBy: z.partialRecord(z.enum(PROJECT_OPTIONS), z.object({ analyst: z.string(), at: z.string() })),
});
export type ProjectOptions = z.infer<typeof ProjectOptions>;
/** Whether the current analyst marked an article done, who did, and whether blind annotation hides others' spans from them. */
export const ArticleDoneState = z.object({
  articleId: Id,
  done: z.boolean(),
  doneBy: z.array(z.object({ analyst: z.string(), at: z.string() })),
  blind: z.boolean(),
  /** Others' spans on this article the current analyst cannot see yet. */
  hidden: z.number().int().nonnegative(),
});
export type ArticleDoneState = z.infer<typeof ArticleDoneState>;
export const AdjudicationSpan = z.object({ id: Id, start: Offset, end: Offset, tag: Tag, quote: z.string(), author: z.string() });
export type AdjudicationSpan = z.infer<typeof AdjudicationSpan>;
/** How the two sides of an adjudication pair differ. */
export const SPAN_DIFFERENCES = ['same', 'tag', 'boundary', 'boundary-and-tag', 'only-first', 'only-second'] as const;
export const Adjudication = z.object({
  articleId: Id,
  authors: z.array(z.string()),
  analysts: z.tuple([z.string(), z.string()]).nullable(),
  pairs: z.array(
    z.object({
      first: AdjudicationSpan.nullable(),
      second: AdjudicationSpan.nullable(),
      difference: z.enum(SPAN_DIFFERENCES),
      /** 'neither': a curator decided to keep neither span; null: nobody decided the pair yet. */
      kept: z.enum(['first', 'second', 'neither']).nullable(),
      curated: AdjudicationSpan.nullable(),
    }),
  ),
  curated: z.array(AdjudicationSpan),
});
export type Adjudication = z.infer<typeof Adjudication>;
export const Curators = z.object({
  curators: z.array(z.object({ analyst: z.string(), addedBy: z.string(), addedAt: z.string() })),
  /** True while nobody is named: then anyone may curate. */
  anyoneMayCurate: z.boolean(),
  /** Whether the analyst asking may keep spans into the curated layer. */
  youMayCurate: z.boolean(),
});
export type Curators = z.infer<typeof Curators>;
export const CurationDecision = z
  .strictObject({ articleId: Id, first: Id.nullable(), second: Id.nullable(), keep: z.enum(['first', 'second', 'neither']) })
  .refine((d) => d.first !== null || d.second !== null, { message: 'a pair needs at least one span', path: ['first'] });
export type CurationDecision = z.infer<typeof CurationDecision>;
/** The link graph's first linked articles, what ends a link there, and the links between those ends. */
export const LinkGraphPage = z.object({
  articles: z.array(ArticleSummary),
  annotations: z.array(Annotation),
  links: z.array(Link),
  /** Articles holding an annotation that ends a link, over the whole corpus. */
  linkedArticles: z.number().int().nonnegative(),
});
export type LinkGraphPage = z.infer<typeof LinkGraphPage>;
export const MAX_GRAPH_ARTICLES = 200;

/** Long requests the app runs in slices between other requests, with progress and a way to stop them. */
export const JOB_KINDS = ['suggestions.refresh'] as const;
export const JOB_STATES = ['running', 'done', 'cancelled', 'failed'] as const;
export const Job = z.object({
  id: Id,
  kind: z.enum(JOB_KINDS),
  state: z.enum(JOB_STATES),
  /** Units of work finished (annotations looked at, for a refresh) and in all; `total` may grow while it runs. */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** Why it failed, in words. */
  message: z.string().optional(),
});
export type Job = z.infer<typeof Job>;

const Empty = z.strictObject({});

/** Every request of the API. Add a request here first; the handler table must then implement it. */
export const contract = {
  'articles.list': { input: Empty, output: z.array(ArticleSummary) },
  'articles.get': { input: z.strictObject({ id: Id }), output: Article },
  'annotations.list': {
    input: z.strictObject({ articleId: Id.optional() }),
    output: z.array(Annotation),
  },
  'annotations.create': { input: NewAnnotation, output: Annotation },
  'annotations.update': { input: AnnotationPatch, output: Annotation },
  'annotations.delete': { input: z.strictObject({ id: Id }), output: z.strictObject({ id: Id }) },
  'links.list': {
    input: z
      .strictObject({
        annotationId: Id.optional(),
        /** With annotationId: each link carries the annotation at its other end (`other`). */
        otherEnds: z.literal(true).optional(),
      })
      .refine((i) => !i.otherEnds || i.annotationId !== undefined, { message: 'otherEnds needs an annotationId', path: ['otherEnds'] }),
    output: z.array(Link.extend({ other: Annotation.optional() })),
  },
  'links.create': { input: NewLink, output: Link },
  'links.review': { input: z.strictObject({ id: Id, status: z.enum(['confirmed', 'rejected']) }), output: Link },
  'suggestions.list': { input: z.strictObject({ annotationId: Id, limit: z.number().int().min(1).max(200).optional() }), output: z.array(Suggestion) },
  'suggestions.queue': { input: z.strictObject({ limit: z.number().int().min(1).max(200).optional() }), output: z.array(Suggestion) },
  'suggestions.accept': { input: SuggestionAccept, output: z.object({ annotation: Annotation, link: Link }) },
  'suggestions.reject': { input: SuggestionTarget, output: SuggestionTarget },
  'speakers.list': { input: Empty, output: z.array(Speaker) },
  'speakers.merge': { input: z.strictObject({ intoId: Id, fromId: Id }), output: Speaker },
  'speakers.addAlias': { input: z.strictObject({ id: Id, alias: SpeakerName }), output: Speaker },
  'speakers.rename': { input: z.strictObject({ id: Id, name: SpeakerName }), output: Speaker },
  'review.groups': { input: Empty, output: z.array(ClaimGroup) },
  'review.matrix': { input: ClaimMatrixQuery, output: ClaimMatrix },
  'search.articles': { input: z.strictObject({ query: z.string().max(MAX_QUERY_LENGTH) }), output: SearchResults },
  'history.state': { input: Empty, output: HistoryState },
  'history.undo': { input: Empty, output: HistoryReplay },
  'history.redo': { input: Empty, output: HistoryReplay },
  'articles.import': { input: FileUpload, output: ImportResult },
  'articles.updateMetadata': { input: ArticleMetadataPatch, output: ArticleSummary },
  'articles.versions': { input: Empty, output: z.array(ArticleVersion) },
  'orphans.list': { input: Empty, output: z.array(Orphan) },
  'orphans.place': { input: OrphanPlacement, output: Annotation },
  'orphans.drop': { input: z.strictObject({ annotationId: Id }), output: z.strictObject({ annotationId: Id }) },
  'claimRatings.set': { input: ClaimRating, output: StoredClaimRating },
  'conflicts.list': { input: z.strictObject({ all: z.boolean().optional() }), output: z.array(Conflict) },
  'conflicts.resolve': { input: ConflictResolution, output: Conflict },
  'articles.source': { input: z.strictObject({ id: Id }), output: CapturedSource.nullable() },
  'articles.sourceContent': { input: z.strictObject({ id: Id }), output: CapturedContent },
  'settings.get': { input: Empty, output: PublisherSettings },
  'settings.set': { input: PublisherSettingsPatch, output: PublisherSettings },
  'corpus.verify': { input: z.strictObject({ full: z.boolean().optional() }), output: IntegrityReport },
  'review.timeline': { input: z.strictObject({ annotationId: Id }), output: ClaimTimeline },
  'agreement.compute': { input: AgreementQuery, output: AgreementReport },
  /** Removes an article and all that hangs on it; take a backup first (the command line does). */
  'articles.delete': {
    input: z.strictObject({ id: Id }),
    output: z.object({ id: Id, annotations: z.number().int().nonnegative(), links: z.number().int().nonnegative() }),
  },
  'sync.status': { input: Empty, output: SyncStatus },
  /** Starts a sync with the configured hub in the background (one at a time); `sync.status` tells how it ends. */
  'sync.start': { input: Empty, output: SyncStatus },
  'articles.page': { input: ArticlePageQuery, output: ArticlePage },
  'articles.outlets': { input: Empty, output: z.array(OutletCount) },
  'links.page': { input: LinkPageQuery, output: LinkPage },
  'review.groupsPage': {
    input: z.strictObject({ offset: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), limit: z.number().int().min(1).max(MAX_GROUP_PAGE) }),
    output: ClaimGroupPage,
  },
  'articles.summaries': { input: z.strictObject({ ids: z.array(Id).max(MAX_ARTICLE_PAGE) }), output: z.array(ArticleSummary) },
  'speakers.update': { input: SpeakerDetails, output: Speaker },
  /** Fetches a page (within the size and time limits of ingest/urlImport.ts) and imports it, its bytes kept as captured. */
  'articles.importUrl': { input: z.strictObject({ url: HttpUrl }), output: ImportResult },
  /** The stored suggestion queue, a page at a time, best first; what waits for the matcher is counted, never shown stale. */
  'suggestions.page': {
    input: z.strictObject({ limit: z.number().int().min(1).max(MAX_SUGGESTION_PAGE), after: SuggestionCursor.nullable().optional() }),
    output: SuggestionPage,
  },
  /** Runs the matcher for waiting annotations until none waits or `budgetMs` has passed (no budget: until none waits). */
  'suggestions.refresh': { input: z.strictObject({ budgetMs: z.number().int().min(1).max(3_600_000).optional() }), output: SuggestionRefresh },
  'project.options': { input: Empty, output: ProjectOptions },
  /** Turns a project option on or off: an undo step of the analyst, replicated to every device. */
  'project.setOption': { input: z.strictObject({ name: z.enum(PROJECT_OPTIONS), enabled: z.boolean() }), output: ProjectOptions },
  'articles.doneState': { input: z.strictObject({ id: Id }), output: ArticleDoneState },
  /** Marks an article done for the current analyst (done: false takes it up again); an undo step, replicated. */
  'articles.markDone': { input: z.strictObject({ id: Id, done: z.boolean() }), output: ArticleDoneState },
  /** Two analysts' spans on one article, aligned; by default the two with the most spans there. Reads every span, blind or not. */
  'adjudication.compare': {
    input: z.strictObject({ articleId: Id, analysts: z.array(z.string().trim().min(1).max(MAX_NAME_LENGTH)).length(2).optional() }),
    output: Adjudication,
  },
  /** Keeps one side of a pair (or neither) in the curated layer: an undo step of the curator, replicated. */
  'adjudication.keep': {
    input: CurationDecision,
    output: z.object({ kept: z.enum(['first', 'second', 'neither']), curated: AdjudicationSpan.nullable() }),
  },
  /** The analysts named as curators (only they adjudicate; blind annotation hides nothing from them); anyone may curate while nobody is named. */
  'team.curators': { input: Empty, output: Curators },
  /** Names an analyst a curator, or no longer one: an undo step, replicated; once anyone is named, only a curator changes the list. */
  'team.setCurator': { input: z.strictObject({ analyst: z.string().trim().min(1).max(MAX_NAME_LENGTH), curator: z.boolean() }), output: Curators },
  /** Starts a long request in slices between other requests (or answers the one of that kind already running). */
  'jobs.start': { input: z.strictObject({ kind: z.enum(JOB_KINDS) }), output: Job },
  'jobs.status': { input: z.strictObject({ id: Id }), output: Job },
  /** Stops a job after the slice that is running: what the finished slices committed stays, each in its own transaction. */
  'jobs.cancel': { input: z.strictObject({ id: Id }), output: Job },
  /** The link graph summarised to its first linked articles (the graph tab never asks for every link). */
  'review.graph': { input: z.strictObject({ limit: z.number().int().min(1).max(MAX_GRAPH_ARTICLES) }), output: LinkGraphPage },
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];

/** Requests whose handler answers with a promise, because they wait on the network: only the asynchronous dispatch serves them. */
export const ASYNC_METHODS = ['articles.importUrl'] as const satisfies readonly Method[];
export type AsyncMethod = (typeof ASYNC_METHODS)[number];
export function isAsyncMethod(name: unknown): name is AsyncMethod {
  return (ASYNC_METHODS as readonly unknown[]).includes(name);
}

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export const ApiError = z.object({ code: z.enum(ERROR_CODES), message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

/** What every transport carries back: a value or an error, never a thrown exception. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What the Electron preload exposes as `window.crosscheck`: one call into the contract, nothing raw. */
export interface CrosscheckBridge {
  call(method: Method, input: unknown): Promise<Result<unknown>>;
}
