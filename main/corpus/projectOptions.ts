import { CrosscheckError } from '../contract/errors.ts';
import { applyChange, recordStep } from './changes.ts';
import type { Db } from './database.ts';
import { cachedStatement } from './statements.ts';
import { projectOptionUuid, readState, type ProjectOptionName, type ProjectOptionState } from './entityStates.ts';
import { recordEvent } from './events.ts';

/*
 * The project's switches: four-eyes review (a link is confirmed only by someone
 * other than its creator) and blind annotation (analysts see only their own
 * spans until they mark an article done). Each is an entity of its own, so
 * turning one on or off is an edit like any other: an undo step of whoever did
 * it, and an operation every device applies.
 */

export interface ProjectOptions {
  fourEyes: boolean;
  blind: boolean;
  /** Who last set each option and when (absent: never set, so off). */
  setBy: Partial<Record<ProjectOptionName, { analyst: string; at: string }>>;
}

export const PROJECT_OPTION_LABELS: Record<ProjectOptionName, string> = {
  'four-eyes': 'four-eyes review',
  blind: 'blind annotation',
};

export function isOptionOn(db: Db, name: ProjectOptionName): boolean {
  return cachedStatement(db, 'SELECT enabled FROM project_options WHERE name = ?').pluck().get(name) === 1;
}

export function projectOptions(db: Db): ProjectOptions {
  const rows = cachedStatement(db, 'SELECT name, enabled, set_by AS setBy, set_at AS setAt FROM project_options').all() as Array<{
    name: ProjectOptionName;
    enabled: number;
    setBy: string;
    setAt: string;
  }>;
  const on = (name: ProjectOptionName) => rows.some((r) => r.name === name && r.enabled === 1);
  return {
    fourEyes: on('four-eyes'),
    blind: on('blind'),
    setBy: Object.fromEntries(rows.map((r) => [r.name, { analyst: r.setBy, at: r.setAt }])),
  };
}

/** Turns one option on or off, as one undo step of `actor`; setting it to what it already is changes nothing. */
export function setProjectOption(db: Db, name: ProjectOptionName, enabled: boolean, actor: string): ProjectOptions {
  return recordStep(
    db,
    actor,
    'setting',
    () => {
      const uuid = projectOptionUuid(name);
      const before = readState(db, 'projectOption', uuid);
      if ((before?.enabled ?? false) === enabled) return projectOptions(db);
      const now = new Date().toISOString();
      const after: ProjectOptionState = { name, enabled, setBy: actor, setAt: now };
      applyChange(db, actor, { kind: 'projectOption', uuid, before, after });
      recordEvent(db, { actor, action: 'project.option', entity: 'corpus', entityId: null, entityUuid: uuid, data: { before, after } }, now);
      return projectOptions(db);
    },
    () => ({ annotationId: null, articleId: null, quote: `${PROJECT_OPTION_LABELS[name]} ${enabled ? 'on' : 'off'}` }),
  );
}

/** The option a command-line or request word names. */
export function projectOptionName(word: string): ProjectOptionName {
  if (word === 'four-eyes' || word === 'blind') return word;
  throw new CrosscheckError('invalid_input', `There is no project option “${word.slice(0, 40)}”: the options are four-eyes and blind.`);
}
