import type { Curators } from '../../contract/contract.ts';
import { CrosscheckError } from '../../contract/errors.ts';
import { parse, type Command } from '../args.ts';
import { callContract } from '../callContract.ts';
import { formatTable } from '../format.ts';
import { printJson } from '../output.ts';

/* The project's curators: list them, name one, or take the role back. */

const USAGE = 'expected: team curators, or team curator add|remove NAME';

function describe(state: Curators): string {
  if (state.anyoneMayCurate) return 'no curator is named: anyone may keep spans into the curated layer (naming one restricts it to the curators)';
  return formatTable(
    ['curator', 'named by', 'at'],
    state.curators.map((c) => [c.analyst, c.addedBy, c.addedAt]),
  );
}

export const teamCommand: Command = {
  usage: 'team curators | team curator add|remove NAME',
  summary:
    'who the curators are: only they keep spans into the curated layer, and blind annotation hides nothing from them (anyone may curate until someone is named)',
  options: {},
  run({ args, session, json, io }) {
    const { positionals } = parse(args, {});
    const [what, action, name, ...rest] = positionals;
    if (what === 'curators' && action === undefined) {
      const state = callContract(session(), 'team.curators', {});
      io.out(json ? printJson(state) : describe(state));
      return 0;
    }
    if (what !== 'curator' || (action !== 'add' && action !== 'remove') || name === undefined || rest.length > 0)
      throw new CrosscheckError('invalid_input', USAGE);
    const state = callContract(session(), 'team.setCurator', { analyst: name, curator: action === 'add' });
    io.out(json ? printJson(state) : `${name} is ${action === 'add' ? 'a curator' : 'not a curator'} (undo takes it back; sync shares it)\n${describe(state)}`);
    return 0;
  },
};
