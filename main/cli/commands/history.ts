import type { HistoryStep } from '../../contract/contract.ts';
import { noPositionals, parse, type Command } from '../args.ts';
import { callContract } from '../callContract.ts';
import { printJson } from '../output.ts';

const PAST = { undo: 'undone', redo: 'redone' } as const;

const describeStep = (direction: 'undo' | 'redo', step: HistoryStep | null) =>
  !step
    ? `nothing to ${direction}`
    : step.annotationId !== null
      ? `${PAST[direction]}: the ${step.action} of annotation ${step.annotationId} (article ${step.articleId}) “${step.quote}”`
      : `${PAST[direction]}: the ${step.action} of “${step.quote}”${step.articleId !== null ? ` (article ${step.articleId})` : ''}`;

function replayCommand(direction: 'undo' | 'redo'): Command {
  return {
    usage: direction,
    summary:
      direction === 'undo' ? 'undo your last edit (annotation, link, review, verdict, suggestion, speaker, article details)' : 'redo the edit you last undid',
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
