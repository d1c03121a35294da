import { callContract } from '../callContract.ts';
import { noPositionals, parse, type Command, type Options } from '../args.ts';
import { printJson } from '../output.ts';

const SETTINGS_OPTIONS = { organisation: { type: 'string' }, url: { type: 'string' } } as const satisfies Options;

export const settingsCommand: Command = {
  usage: 'settings [--organisation NAME] [--url URL]',
  summary: 'show or set the organisation that publishes the fact checks (the author of every ClaimReview); an empty value clears it',
  options: SETTINGS_OPTIONS,
  run({ args, session, json, io }) {
    const { values, positionals } = parse(args, SETTINGS_OPTIONS);
    noPositionals(positionals, 'settings');
    const change = (value: string | undefined) => (value === undefined ? undefined : value.trim() === '' ? null : value);
    const patch = { organisation: change(values.organisation), url: change(values.url) };
    const settings =
      patch.organisation === undefined && patch.url === undefined
        ? callContract(session(), 'settings.get', {})
        : callContract(session(), 'settings.set', patch);
    io.out(json ? printJson(settings) : `organisation: ${settings.organisation ?? '(not set)'}\nurl: ${settings.url ?? '(not set)'}`);
    return 0;
  },
};
