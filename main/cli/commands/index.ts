import type { Command } from '../args.ts';
import { annotateCommand, annotationsCommand } from './annotations.ts';
import { articlesCommand, showCommand } from './articles.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { agreementCommand } from './agreement.ts';
import { conflictsCommand } from './conflicts.ts';
import { checkCommand } from './check.ts';
import { evalMatcherCommand } from './evalMatcher.ts';
import { linkCommand, linksCommand, reviewLinkCommand } from './links.ts';
import { redoCommand, undoCommand } from './history.ts';
import { searchCommand } from './search.ts';
import { editCommand } from './edit.ts';
import { exportCommand } from './export.ts';
import { hubCommand } from './hub.ts';
import { importCommand } from './import.ts';
import { orphansCommand, rateCommand } from './review.ts';
import { serveCommand } from './serve.ts';
import { settingsCommand } from './settings.ts';
import { timelineCommand } from './timeline.ts';
import { deleteArticleCommand } from './deleteArticle.ts';
import { speakersCommand } from './speakers.ts';
import { suggestCommand } from './suggest.ts';
import { verifyCommand } from './verify.ts';
import { syncCommand } from './sync.ts';
import { driftCommand, groupsCommand, matrixCommand } from './claimGroups.ts';
import { deleteAnnotationCommand, updateAnnotationCommand } from './annotationEdits.ts';

/** Every verb of `crosscheck`, in the order --help lists them. */
export const COMMANDS: Record<string, Command> = {
  import: importCommand,
  articles: articlesCommand,
  show: showCommand,
  'delete-article': deleteArticleCommand,
  annotate: annotateCommand,
  annotations: annotationsCommand,
  'update-annotation': updateAnnotationCommand,
  'delete-annotation': deleteAnnotationCommand,
  suggest: suggestCommand,
  link: linkCommand,
  links: linksCommand,
  'review-link': reviewLinkCommand,
  speakers: speakersCommand,
  search: searchCommand,
  undo: undoCommand,
  redo: redoCommand,
  edit: editCommand,
  export: exportCommand,
  orphans: orphansCommand,
  rate: rateCommand,
  conflicts: conflictsCommand,
  timeline: timelineCommand,
  groups: groupsCommand,
  drift: driftCommand,
  matrix: matrixCommand,
  settings: settingsCommand,
  agreement: agreementCommand,
  serve: serveCommand,
  backup: backupCommand,
  restore: restoreCommand,
  check: checkCommand,
  'eval-matcher': evalMatcherCommand,
  verify: verifyCommand,
  sync: syncCommand,
  hub: hubCommand,
};
