import type { Speaker, SpeakerDetails } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import { applyChange, recordStep, type StepSummary } from './changes.ts';
import type { Db } from './database.ts';
import { dependentsOf, readState, speakerAliasUuid, uuidOf } from './entityStates.ts';
import { recordEvent } from './events.ts';
import { cachedStatement } from './statements.ts';

/** The alias key: SQLite's lower(trim(name)), which the triggers of migration 003 use. ASCII case only, like lower(). */
export const speakerKey = (name: string) => name.replace(/^ +| +$/g, '').replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * Every speaker with their aliases and how many annotations name them. `visible` (blind
 * annotation's SQL condition on the annotations table as `n`) counts only the spans the
 * asking analyst may see, so a count does not reveal a colleague's hidden spans.
 */
export function listSpeakers(db: Db, visible: { sql: string; params: readonly unknown[] } = { sql: '1', params: [] }): Speaker[] {
  const speakers = db.prepare('SELECT id, name, role, affiliation, wikidata FROM speakers ORDER BY name COLLATE NOCASE, id').all() as Array<{
    id: number;
    name: string;
    role: string | null;
    affiliation: string | null;
    wikidata: string | null;
  }>;
  const aliases = db.prepare('SELECT speaker_id AS speakerId, alias FROM speaker_aliases ORDER BY alias COLLATE NOCASE').all() as Array<{
    speakerId: number;
    alias: string;
  }>;
  const counts = new Map(
    (
      db
        .prepare(
          `SELECT a.speaker_id AS id, count(*) AS n FROM annotations n JOIN speaker_aliases a ON a.key = lower(trim(n.speaker)) WHERE ${visible.sql} GROUP BY a.speaker_id`,
        )
        .all(...visible.params) as Array<{ id: number; n: number }>
    ).map((r) => [r.id, r.n]),
  );
  return speakers.map((s) => ({ ...s, aliases: aliases.filter((a) => a.speakerId === s.id).map((a) => a.alias), annotations: counts.get(s.id) ?? 0 }));
}

export function getSpeaker(db: Db, id: number): Speaker {
  const speaker = listSpeakers(db).find((s) => s.id === id);
  if (!speaker) throw new CrosscheckError('not_found', `There is no speaker ${id}.`);
  return speaker;
}

/** The speaker a typed name stands for, through its aliases; null for a name never seen. */
export function speakerOf(db: Db, name: string | null): { id: number; name: string } | null {
  if (name === null) return null;
  return (
    // Prepared once per connection: the claim groups page asks this for every row it lays out.
    (cachedStatement(db, 'SELECT s.id, s.name FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id WHERE a.key = ?').get(speakerKey(name)) as
      { id: number; name: string } | undefined) ?? null
  );
}

const speakerSummary = (speaker: Speaker): StepSummary => ({ annotationId: null, articleId: null, quote: speaker.name });

/**
 * Folds one speaker into another: every alias of `fromId` becomes an alias of
 * `intoId`, so every annotation that named the first now resolves to the second.
 * Annotations keep the name as typed; the event keeps what was merged, and undo
 * gives the first speaker back its aliases.
 */
export function mergeSpeakers(db: Db, intoId: number, fromId: number, actor: string): Speaker {
  if (intoId === fromId) throw new CrosscheckError('invalid_input', 'A speaker cannot be merged into itself.');
  return recordStep(
    db,
    actor,
    'merge',
    (): Speaker => {
      const into = getSpeaker(db, intoId);
      const from = getSpeaker(db, fromId);
      const intoUuid = uuidOf(db, 'speaker', intoId);
      const fromUuid = uuidOf(db, 'speaker', fromId);
      for (const alias of dependentsOf(db, { kind: 'speaker', uuid: fromUuid })) {
        const before = readState(db, 'speakerAlias', alias.uuid)!;
        applyChange(db, actor, { kind: 'speakerAlias', uuid: alias.uuid, before, after: { ...before, speaker: intoUuid } });
      }
      applyChange(db, actor, { kind: 'speaker', uuid: fromUuid, before: readState(db, 'speaker', fromUuid), after: null });
      recordEvent(db, { actor, action: 'speaker.merge', entity: 'speaker', entityId: intoId, entityUuid: intoUuid, data: { into, from } });
      return getSpeaker(db, intoId);
    },
    speakerSummary,
  );
}

/** Adds another name for a speaker; a name that already belongs to another speaker is a conflict (merge them instead). */
export function addSpeakerAlias(db: Db, speakerId: number, alias: string, actor: string): Speaker {
  return recordStep(
    db,
    actor,
    'alias',
    (): Speaker => {
      getSpeaker(db, speakerId);
      const owner = speakerOf(db, alias);
      if (owner && owner.id !== speakerId) {
        throw new CrosscheckError('conflict', `“${alias}” already names speaker ${owner.id} (${owner.name}); merge the two speakers instead.`);
      }
      if (!owner) {
        const speaker = uuidOf(db, 'speaker', speakerId);
        applyChange(db, actor, { kind: 'speakerAlias', uuid: speakerAliasUuid(speakerKey(alias)), before: null, after: { alias: alias.trim(), speaker } });
        recordEvent(db, { actor, action: 'speaker.alias', entity: 'speaker', entityId: speakerId, entityUuid: speaker, data: { alias } });
      }
      return getSpeaker(db, speakerId);
    },
    speakerSummary,
  );
}

/** Renames a speaker (its display name); the old name stays an alias. */
export function renameSpeaker(db: Db, speakerId: number, name: string, actor: string): Speaker {
  return recordStep(
    db,
    actor,
    'rename',
    (): Speaker => {
      const before = getSpeaker(db, speakerId);
      addSpeakerAlias(db, speakerId, name, actor);
      const uuid = uuidOf(db, 'speaker', speakerId);
      const state = readState(db, 'speaker', uuid)!;
      applyChange(db, actor, { kind: 'speaker', uuid, before: state, after: { ...state, name: name.trim() } });
      recordEvent(db, {
        actor,
        action: 'speaker.rename',
        entity: 'speaker',
        entityId: speakerId,
        entityUuid: uuid,
        data: { before: before.name, after: name.trim() },
      });
      return getSpeaker(db, speakerId);
    },
    speakerSummary,
  );
}

/**
 * Sets who a speaker is: the role they speak in, the organisation they belong
 * to, their Wikidata item (as the analyst typed it; nothing is fetched). A
 * field left out stays as it is, null clears it. One undoable step, replicated.
 */
export function updateSpeakerDetails(db: Db, details: SpeakerDetails, actor: string): Speaker {
  return recordStep(
    db,
    actor,
    'metadata',
    (): Speaker => {
      const before = getSpeaker(db, details.id);
      const uuid = uuidOf(db, 'speaker', details.id);
      const state = readState(db, 'speaker', uuid)!;
      const next = { ...state };
      for (const field of ['role', 'affiliation', 'wikidata'] as const) {
        const value = details[field];
        if (value === undefined) continue;
        if (value === null) delete next[field];
        else next[field] = value;
      }
      if (JSON.stringify(next) === JSON.stringify(state)) return before;
      applyChange(db, actor, { kind: 'speaker', uuid, before: state, after: next });
      recordEvent(db, {
        actor,
        action: 'speaker.details',
        entity: 'speaker',
        entityId: details.id,
        entityUuid: uuid,
        data: { before: { role: before.role, affiliation: before.affiliation, wikidata: before.wikidata }, after: detailsOf(next) },
      });
      return getSpeaker(db, details.id);
    },
    speakerSummary,
  );
}

const detailsOf = (state: { role?: string; affiliation?: string; wikidata?: string }) => ({
  role: state.role ?? null,
  affiliation: state.affiliation ?? null,
  wikidata: state.wikidata ?? null,
});
