import { CrosscheckError } from '../contract/errors.ts';
import { applyChange, recordStep } from './changes.ts';
import type { Db } from './database.ts';
import { curatorUuid, readState, type CuratorState } from './entityStates.ts';
import { recordEvent } from './events.ts';
import { cachedStatement } from './statements.ts';

/*
 * The curator role, by person: the analysts the project names as curators. Only
 * they keep spans into the curated layer (adjudication), and blind annotation
 * does not hide colleagues' spans from them, since adjudicating means reading
 * both sides. Each naming is an entity of its own (one per analyst), so adding
 * or removing a curator is an undo step of whoever did it and an operation
 * every device applies, like the project's options.
 *
 * While nobody is named, anyone may curate. A project that never names a
 * curator is a lone analyst's, or one from before the role existed, whose
 * curated layer was built that way: refusing everyone there would lock its owner
 * out of their own adjudication. Naming the first curator is the act that turns
 * the rule on, and only a curator may then change the list. Without named
 * curators nobody is exempt from blind annotation: the exemption is a person's,
 * never everyone's.
 *
 * Like blind annotation, this is a rule of how the team works, enforced where
 * an analyst acts (the app, the command line); every laptop holds the whole corpus.
 */

export interface Curators {
  curators: Array<{ analyst: string; addedBy: string; addedAt: string }>;
  /** True while nobody is named: then anyone may curate. */
  anyoneMayCurate: boolean;
  /** Whether the asking analyst may keep spans into the curated layer. */
  youMayCurate: boolean;
}

export function curatorList(db: Db): Array<{ analyst: string; addedBy: string; addedAt: string }> {
  return cachedStatement(db, 'SELECT analyst, added_by AS addedBy, added_at AS addedAt FROM curators ORDER BY analyst').all() as Array<{
    analyst: string;
    addedBy: string;
    addedAt: string;
  }>;
}

/** Whether the project names `analyst` as a curator (false for everyone while nobody is named). */
export function isNamedCurator(db: Db, analyst: string): boolean {
  return cachedStatement(db, 'SELECT 1 FROM curators WHERE analyst = ?').get(analyst) !== undefined;
}

const anyNamed = (db: Db) => cachedStatement(db, 'SELECT 1 FROM curators LIMIT 1').get() !== undefined;

/** Whether `analyst` may keep spans into the curated layer: a named curator, or anyone while nobody is named. */
export function mayCurate(db: Db, analyst: string): boolean {
  return !anyNamed(db) || isNamedCurator(db, analyst);
}

export function curators(db: Db, analyst: string): Curators {
  const list = curatorList(db);
  return { curators: list, anyoneMayCurate: list.length === 0, youMayCurate: list.length === 0 || list.some((c) => c.analyst === analyst) };
}

const named = (db: Db) =>
  curatorList(db)
    .map((c) => c.analyst)
    .join(', ');

/** Refuses, in words, an analyst who may not curate. */
export function assertMayCurate(db: Db, analyst: string): void {
  if (mayCurate(db, analyst)) return;
  throw new CrosscheckError(
    'forbidden',
    `Only a curator may keep spans into the curated layer, and ${analyst} is not one. This project's curators: ${named(db)}. ` +
      'A curator can add you (crosscheck team curator add NAME, or the team settings in the app).',
  );
}

/**
 * Names `analyst` a curator (or no longer one), as one undo step of `actor`.
 * While nobody is named anyone may name the first; from then on only a curator
 * changes the list. Asking for what already holds changes nothing.
 */
export function setCurator(db: Db, analyst: string, curator: boolean, actor: string): Curators {
  const name = analyst.trim();
  if (name.length === 0 || name.length > 300) throw new CrosscheckError('invalid_input', 'A curator is named by an analyst name of 1 to 300 characters.');
  return recordStep(
    db,
    actor,
    'setting',
    () => {
      const uuid = curatorUuid(name);
      const before = readState(db, 'curator', uuid);
      if ((before !== null) === curator) return curators(db, actor);
      if (anyNamed(db) && !isNamedCurator(db, actor))
        throw new CrosscheckError(
          'forbidden',
          `Only a curator may change who the curators are, and ${actor} is not one. This project's curators: ${named(db)}.`,
        );
      const now = new Date().toISOString();
      const after: CuratorState | null = curator ? { analyst: name, addedBy: actor, addedAt: now } : null;
      applyChange(db, actor, { kind: 'curator', uuid, before, after });
      recordEvent(db, { actor, action: 'team.curator', entity: 'corpus', entityId: null, entityUuid: uuid, data: { before, after } }, now);
      return curators(db, actor);
    },
    () => ({ annotationId: null, articleId: null, quote: `${name} ${curator ? 'named curator' : 'no longer curator'}` }),
  );
}
