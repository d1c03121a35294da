import type { Command } from '../args.ts';
import { annotateCommand, annotationsCommand } from './annotations.ts';
import { articlesCommand, showCommand } from './articles.ts';
import { editCommand } from './edit.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { orphansCommand, rateCommand } from './review.ts';
import { serveCommand } from './serve.ts';

/** Every verb of `crosscheck`, in the order --help lists them. */
export const COMMANDS: Record<string, Command> = {
  import: importCommand,
  articles: articlesCommand,
  show: showCommand,
  annotate: annotateCommand,
  annotations: annotationsCommand,
  edit: editCommand,
  export: exportCommand,
  orphans: orphansCommand,
  rate: rateCommand,
  serve: serveCommand,
};
