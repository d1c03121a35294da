import type { Command } from '../args.ts';
import { annotateCommand, annotationsCommand } from './annotations.ts';
import { articlesCommand, showCommand } from './articles.ts';
import { redoCommand, undoCommand } from './history.ts';
import { importCommand } from './import.ts';
import { searchCommand } from './search.ts';
import { serveCommand } from './serve.ts';

/** Every verb of `crosscheck`, in the order --help lists them. */
export const COMMANDS: Record<string, Command> = {
  import: importCommand,
  articles: articlesCommand,
  show: showCommand,
  annotate: annotateCommand,
  annotations: annotationsCommand,
  search: searchCommand,
  undo: undoCommand,
  redo: redoCommand,
  serve: serveCommand,
};
