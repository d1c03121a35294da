import type { Command } from '../args.ts';

/**
 * Every verb of `crosscheck`, in the order --help lists them. A verb's module is loaded only when
 * it runs, so `crosscheck --help` and a verb that needs little start without loading the rest
 * (bench:cli-start). Its usage and summary are repeated here for --help;
 * tests/cli/commandIndex.test.ts keeps them equal to the module's own.
 */
export interface Verb {
  usage: string;
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: Record<string, Verb> = {
  import: {
    usage: 'import PATH... [--url URL]...',
    summary:
      'import .txt/.md/.html/.pdf files or folders of them, or pages fetched from the web with --url; a .json file is a Web Annotation collection to merge',
    load: async () => (await import('./import.ts')).importCommand,
  },
  articles: {
    usage: 'articles',
    summary: 'list the articles',
    load: async () => (await import('./articles.ts')).articlesCommand,
  },
  show: {
    usage: 'show ARTICLE',
    summary: 'one article with its text',
    load: async () => (await import('./articles.ts')).showCommand,
  },
  'delete-article': {
    usage: 'delete-article ARTICLE',
    summary: 'remove an article with its annotations and their links, after taking a backup (restore brings it back)',
    load: async () => (await import('./deleteArticle.ts')).deleteArticleCommand,
  },
  annotate: {
    usage: 'annotate ARTICLE --start N --end M --tag claim|denial|attribution [--note TEXT] [--speaker NAME]',
    summary: 'tag a span (offsets in UTF-16 code units of the stored text)',
    load: async () => (await import('./annotations.ts')).annotateCommand,
  },
  annotations: {
    usage: 'annotations [ARTICLE]',
    summary: 'list annotations, of one article or all',
    load: async () => (await import('./annotations.ts')).annotationsCommand,
  },
  'update-annotation': {
    usage: 'update-annotation ANNOTATION [--start N] [--end M] [--tag TAG] [--note TEXT] [--speaker NAME]',
    summary: 'change an annotation: its span, tag, note or speaker (an empty --speaker clears it); undo takes it back',
    load: async () => (await import('./annotationEdits.ts')).updateAnnotationCommand,
  },
  'delete-annotation': {
    usage: 'delete-annotation ANNOTATION',
    summary: 'remove an annotation with its links; undo brings both back',
    load: async () => (await import('./annotationEdits.ts')).deleteAnnotationCommand,
  },
  suggest: {
    usage: 'suggest ANNOTATION | --all [--limit N] [--accept-above SCORE]',
    summary:
      'find an annotation’s claim elsewhere in the corpus: candidate spans by score, each with why; --accept-above accepts those scoring at least SCORE (0–1)',
    load: async () => (await import('./suggest.ts')).suggestCommand,
  },
  link: {
    usage: 'link FROM TO --type same-claim|paraphrase|contradicts|denies|attributed-to|cites',
    summary: 'link two annotations (confirmed, made by hand)',
    load: async () => (await import('./links.ts')).linkCommand,
  },
  links: {
    usage: 'links [--annotation ID] [--status suggested|confirmed|rejected]',
    summary: 'list links, of one annotation or all',
    load: async () => (await import('./links.ts')).linksCommand,
  },
  'review-link': {
    usage: 'review-link LINK --status confirmed|rejected',
    summary: 'confirm or reject a link, recording you as its reviewer',
    load: async () => (await import('./links.ts')).reviewLinkCommand,
  },
  speakers: {
    usage: 'speakers [ID --alias NAME | ID --rename NAME | ID [--role R] [--affiliation ORG] [--wikidata Q…] | --merge ID --into ID]',
    summary:
      'list speakers with their aliases, role, affiliation and Wikidata id; add an alias, rename, set who a speaker is (an empty value clears it), or merge two speakers',
    load: async () => (await import('./speakers.ts')).speakersCommand,
  },
  search: {
    usage: 'search WORDS...',
    summary: 'full-text search over every article: matches with offsets and snippets',
    load: async () => (await import('./search.ts')).searchCommand,
  },
  undo: {
    usage: 'undo',
    summary: 'undo your last edit (annotation, link, review, verdict, suggestion, speaker, article details)',
    load: async () => (await import('./history.ts')).undoCommand,
  },
  redo: {
    usage: 'redo',
    summary: 'redo the edit you last undid',
    load: async () => (await import('./history.ts')).redoCommand,
  },
  edit: {
    usage: 'edit ARTICLE [--title T] [--outlet O] [--url U] [--published YYYY-MM-DD]',
    summary: "correct an article's metadata (an empty value clears it); the text never changes",
    load: async () => (await import('./edit.ts')).editCommand,
  },
  export: {
    usage: 'export --format csv|json|claimreview --out PATH [--tag T]... [--outlet O]... [--status S]... [--bom] [--group ANNOTATION]',
    summary: 'csv: annotations.csv and links.csv in folder PATH; json: a Web Annotation collection; claimreview: schema.org JSON-LD',
    load: async () => (await import('./export.ts')).exportCommand,
  },
  orphans: {
    usage: 'orphans [place ANNOTATION --start N --end M | drop ANNOTATION]',
    summary: 'annotations a re-import could not place with confidence: list them, place one on the new version, or leave it on the old',
    load: async () => (await import('./review.ts')).orphansCommand,
  },
  rate: {
    usage: 'rate ANNOTATION --verdict TEXT [--rating 1-5] [--claim WORDING] [--review-url URL]',
    summary: "set the verdict on an annotation's claim group (1 false … 5 true), the claim's wording and the review's address, used by ClaimReview export",
    load: async () => (await import('./review.ts')).rateCommand,
  },
  conflicts: {
    usage: 'conflicts [--all] | conflicts resolve ID --keep SIDE',
    summary: 'edits of one thing by two analysts from the same version: list them (both values), or keep one side (its number, analyst or operation id)',
    load: async () => (await import('./conflicts.ts')).conflictsCommand,
  },
  timeline: {
    usage: 'timeline ANNOTATION',
    summary: "the claim group's appearances in time order, which reports copy or cite which, and its independent origins",
    load: async () => (await import('./timeline.ts')).timelineCommand,
  },
  groups: {
    usage: 'groups',
    summary: 'every claim group: its reports in time order with outlet, date, speaker and drift class, its verdict and the links that join it',
    load: async () => (await import('./claimGroups.ts')).groupsCommand,
  },
  drift: {
    usage: 'drift',
    summary: "how each report's wording drifted from its group's earliest: drift classes, meaning flags and the word diff",
    load: async () => (await import('./claimGroups.ts')).driftCommand,
  },
  matrix: {
    usage: 'matrix [--query WORDS] [--offset N] [--limit N]',
    summary: 'claims × sources: for each claim group and outlet, reported, denied or absent (a page of groups: --offset, --limit up to 500)',
    load: async () => (await import('./claimGroups.ts')).matrixCommand,
  },
  settings: {
    usage: 'settings [--organisation NAME] [--url URL]',
    summary: 'show or set the organisation that publishes the fact checks (the author of every ClaimReview); an empty value clears it',
    load: async () => (await import('./settings.ts')).settingsCommand,
  },
  agreement: {
    usage: 'agreement [ARTICLE...] [--analysts A,B]',
    summary: "how far two analysts agree: Cohen's kappa over words and Krippendorff's unitizing alpha, per tag and overall",
    load: async () => (await import('./agreement.ts')).agreementCommand,
  },
  project: {
    usage: 'project | project set four-eyes|blind on|off',
    summary:
      "the project's options: four-eyes review (a link is confirmed only by someone other than its creator) and blind annotation (analysts see only their own spans until they mark an article done)",
    load: async () => (await import('./teamWork.ts')).projectCommand,
  },
  done: {
    usage: 'done ARTICLE [--reopen]',
    summary: "mark an article done for you (under blind annotation you then see everyone's spans on it); --reopen takes it up again",
    load: async () => (await import('./teamWork.ts')).doneCommand,
  },
  adjudicate: {
    usage: 'adjudicate ARTICLE [--analysts A,B] [--keep PAIR:first|second|neither]',
    summary: "two analysts' spans on an article side by side with their differences; --keep puts one side of a pair (or neither) into the curated layer",
    load: async () => (await import('./teamWork.ts')).adjudicateCommand,
  },
  team: {
    usage: 'team curators | team curator add|remove NAME',
    summary:
      'who the curators are: only they keep spans into the curated layer, and blind annotation hides nothing from them (anyone may curate until someone is named)',
    load: async () => (await import('./curators.ts')).teamCommand,
  },
  serve: {
    usage: 'serve [--port N]',
    summary: 'start browser mode and print the address to open',
    load: async () => (await import('./serve.ts')).serveCommand,
  },
  backup: {
    usage: 'backup [--keep N] [--list]',
    summary: 'copy the corpus into backups/ beside it, keeping the newest N (default 10); --list shows them',
    load: async () => (await import('./backup.ts')).backupCommand,
  },
  restore: {
    usage: 'restore [BACKUP]',
    summary: 'replace the corpus with a backup (default: the latest good one); the replaced file is moved aside, not deleted',
    load: async () => (await import('./backup.ts')).restoreCommand,
  },
  check: {
    usage: 'check [--full]',
    summary: 'check the corpus file: the cheap check every open runs, or with --full SQLite’s quick_check of every page (also run weekly by the app)',
    load: async () => (await import('./check.ts')).checkCommand,
  },
  'eval-matcher': {
    usage: 'eval-matcher [--set FILE|FOLDER]... [--min-score X] [--min-coverage X]',
    summary:
      'precision and recall (overall and by kind) of suggestions on labelled sets (default: the seed set); several --set, or a folder of *.eval.json sets, are pooled; uses no corpus',
    load: async () => (await import('./evalMatcher.ts')).evalMatcherCommand,
  },
  verify: {
    usage: 'verify [--quick]',
    summary:
      "check the event log's hash chain, every article's text and every captured source against their hashes; names the first bad event or article, even in a corpus that refuses to open",
    load: async () => (await import('./verify.ts')).verifyCommand,
  },
  sync: {
    usage: 'sync --hub URL',
    summary: "push this corpus's waiting operations to the team hub, then pull everyone else's (token: CROSSCHECK_HUB_TOKEN or `hub login`)",
    load: async () => (await import('./sync.ts')).syncCommand,
  },
  hub: {
    usage: 'hub serve|add-analyst NAME|login URL [--database URL] [--port N] [--host ADDR]',
    summary: 'run the team sync hub on PostgreSQL, add an analyst (prints their token once), or save a token for a hub',
    load: async () => (await import('./hub.ts')).hubCommand,
  },
};
