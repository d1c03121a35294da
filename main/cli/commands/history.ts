import type { HistoryStep } from '../../api/contract.ts';
import { noPositionals, parse, type Command } from '../args.ts';
import { callContract } from '../callContract.ts';
import { printJson } from '../output.ts';

const PAST = { undo: 'undone', redo: 'redone' } as const;

const describeStep = (direction: 'undo' | 'redo', step: HistoryStep | null) =>
  step ? `${PAST[direction]}: the ${step.action} of annotation ${step.annotationId} (article ${step.articleId}) “${step.quote}”` : `nothing to ${direction}`;

function replayCommand(direction: 'undo' | 'redo'): Command {
  return {
    usage: direction,
    summary: direction === 'undo' ? 'undo your last annotation edit (create, retag, note, resize, delete)' : 'redo the edit you last undid',
    options: {},
    run({ args, session, json, io }) {
      noPositionals(parse(args, {}).positionals, direction);
      const result = callContract(session(), `history.${direction}`, {});
      io.out(json ? printJson(result) : describeStep(direction, result.applied));
      return 0;
    },
  };
}

export const undoCommand = replayCommand('undo');
export const redoCommand = replayCommand('redo');
