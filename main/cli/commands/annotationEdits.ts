import { callContract } from '../callContract.ts';
import { onePositional, parse, wholeNumber, type Command, type Options } from '../args.ts';
import { CrosscheckError } from '../../contract/errors.ts';
import { annotationJson, printJson } from '../output.ts';

const UPDATE_OPTIONS = {
  start: { type: 'string' },
  end: { type: 'string' },
  tag: { type: 'string' },
  note: { type: 'string' },
  speaker: { type: 'string' },
} as const satisfies Options;

export const updateAnnotationCommand: Command = {
  usage: 'update-annotation ANNOTATION [--start N] [--end M] [--tag TAG] [--note TEXT] [--speaker NAME]',
  summary: 'change an annotation: its span, tag, note or speaker (an empty --speaker clears it); undo takes it back',
  options: UPDATE_OPTIONS,
  run({ args, session, json, io }) {
    const { values, positionals } = parse(args, UPDATE_OPTIONS);
    const id = wholeNumber(onePositional(positionals, 'annotation', true), 'ANNOTATION');
    if (Object.keys(UPDATE_OPTIONS).every((option) => values[option as keyof typeof UPDATE_OPTIONS] === undefined))
      throw new CrosscheckError('invalid_input', 'say what to change: --start, --end, --tag, --note or --speaker');
    const annotation = callContract(session(), 'annotations.update', {
      id,
      start: values.start === undefined ? undefined : wholeNumber(values.start, '--start'),
      end: values.end === undefined ? undefined : wholeNumber(values.end, '--end'),
      tag: values.tag,
      note: values.note,
      speaker: values.speaker === undefined ? undefined : values.speaker.trim() === '' ? null : values.speaker,
    });
    io.out(json ? printJson(annotationJson(annotation)) : `annotation ${annotation.id}: ${annotation.tag} “${annotation.quote}”`);
    return 0;
  },
};

export const deleteAnnotationCommand: Command = {
  usage: 'delete-annotation ANNOTATION',
  summary: 'remove an annotation with its links; undo brings both back',
  options: {},
  run({ args, session, json, io }) {
    const id = wholeNumber(onePositional(parse(args, {}).positionals, 'annotation', true), 'ANNOTATION');
    callContract(session(), 'annotations.delete', { id });
    io.out(json ? printJson({ id }) : `deleted annotation ${id} (crosscheck undo brings it back)`);
    return 0;
  },
};
