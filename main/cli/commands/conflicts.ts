import type { Conflict } from '../../contract/contract.ts';
import { CrosscheckError } from '../../contract/errors.ts';
import { parse, wholeNumber, type Command, type Options } from '../args.ts';
import { callContract } from '../callContract.ts';
import { formatTable } from '../format.ts';
import { printJson } from '../output.ts';

const OPTIONS = { keep: { type: 'string' }, all: { type: 'boolean' } } as const satisfies Options;

/** A side's value in a few words: what a person compares to decide. */
function describeValue(value: unknown): string {
  if (value === null) return 'removed it';
  if (typeof value !== 'object') return String(value);
  const v = value as Record<string, unknown>;
  if ('tag' in v)
    return `${String(v.tag)} ${String(v.start)}–${String(v.end)}${v.note ? `, note “${String(v.note)}”` : ''}${v.speaker ? `, speaker ${String(v.speaker)}` : ''}`;
  if ('name' in v) return `name “${String(v.name)}”`;
  if ('alias' in v) return `“${String(v.alias)}” names speaker ${String(v.speaker).slice(0, 8)}`;
  return JSON.stringify(value);
}

const rows = (conflicts: Conflict[]) =>
  conflicts.flatMap((c) =>
    c.sides.map((s, i) => [
      i === 0 ? c.id : '',
      i === 0 ? `${c.kind} ${c.entityId ?? c.entity.slice(0, 8)}` : '',
      i + 1,
      s.analyst,
      describeValue(s.value),
      i === 0 ? c.status : '',
    ]),
  );

export const conflictsCommand: Command = {
  usage: 'conflicts [--all] | conflicts resolve ID --keep SIDE',
  summary: 'edits of one thing by two analysts from the same version: list them (both values), or keep one side (its number, analyst or operation id)',
  options: OPTIONS,
  run({ args, session, json, io }) {
    const { values, positionals } = parse(args, OPTIONS);
    const [action, id, ...rest] = positionals;
    if (action === undefined) {
      const conflicts = callContract(session(), 'conflicts.list', { all: values.all });
      io.out(
        json
          ? printJson(conflicts)
          : conflicts.length
            ? formatTable(['conflict', 'entity', 'side', 'analyst', 'value', 'status'], rows(conflicts))
            : 'no open conflicts',
      );
      return 0;
    }
    if (action !== 'resolve' || rest.length > 0 || values.keep === undefined) {
      throw new CrosscheckError('invalid_input', 'expected: conflicts [--all], or conflicts resolve ID --keep SIDE');
    }
    const resolved = callContract(session(), 'conflicts.resolve', { id: wholeNumber(id, 'ID'), keep: values.keep });
    const kept = resolved.sides.find((s) => s.operation === resolved.kept);
    io.out(json ? printJson(resolved) : `conflict ${resolved.id} decided: kept ${kept?.analyst ?? 'a side'}’s version (${describeValue(kept?.value ?? null)})`);
    return 0;
  },
};
