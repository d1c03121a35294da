import type { Speaker } from '../api/contract.ts';
import { CrosscheckError } from '../api/errors.ts';
import type { Db } from './database.ts';
import { recordEvent } from './events.ts';

/** The alias key: SQLite's lower(trim(name)), which the triggers of migration 003 use. ASCII case only, like lower(). */
export const speakerKey = (name: string) => name.replace(/^ +| +$/g, '').replace(/[A-Z]/g, (c) => c.toLowerCase());

export function listSpeakers(db: Db): Speaker[] {
  const speakers = db.prepare('SELECT id, name FROM speakers ORDER BY name COLLATE NOCASE, id').all() as Array<{ id: number; name: string }>;
  const aliases = db.prepare('SELECT speaker_id AS speakerId, alias FROM speaker_aliases ORDER BY alias COLLATE NOCASE').all() as Array<{ speakerId: number; alias: string }>;
  const counts = new Map(
    (db.prepare(
      `SELECT a.speaker_id AS id, count(*) AS n FROM annotations n JOIN speaker_aliases a ON a.key = lower(trim(n.speaker)) GROUP BY a.speaker_id`,
    ).all() as Array<{ id: number; n: number }>).map((r) => [r.id, r.n]),
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
  return (db.prepare('SELECT s.id, s.name FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id WHERE a.key = ?').get(speakerKey(name)) as
    | { id: number; name: string }
    | undefined) ?? null;
}

/**
 * Folds one speaker into another: every alias of `fromId` becomes an alias of
 * `intoId`, so every annotation that named the first now resolves to the second.
 * Annotations keep the name as typed; the event keeps what was merged.
 */
export function mergeSpeakers(db: Db, intoId: number, fromId: number, actor: string): Speaker {
  if (intoId === fromId) throw new CrosscheckError('invalid_input', 'A speaker cannot be merged into itself.');
  return db.transaction((): Speaker => {
    const into = getSpeaker(db, intoId);
    const from = getSpeaker(db, fromId);
    db.prepare('UPDATE speaker_aliases SET speaker_id = ? WHERE speaker_id = ?').run(intoId, fromId);
    db.prepare('DELETE FROM speakers WHERE id = ?').run(fromId);
    recordEvent(db, { actor, action: 'speaker.merge', entity: 'speaker', entityId: intoId, data: { into, from } });
    return getSpeaker(db, intoId);
  }).immediate();
}

/** Adds another name for a speaker; a name that already belongs to another speaker is a conflict (merge them instead). */
export function addSpeakerAlias(db: Db, speakerId: number, alias: string, actor: string): Speaker {
  return db.transaction((): Speaker => {
    getSpeaker(db, speakerId);
    const owner = speakerOf(db, alias);
    if (owner && owner.id !== speakerId) {
      throw new CrosscheckError('conflict', `“${alias}” already names speaker ${owner.id} (${owner.name}); merge the two speakers instead.`);
    }
    if (!owner) {
      db.prepare('INSERT INTO speaker_aliases (key, alias, speaker_id) VALUES (?, ?, ?)').run(speakerKey(alias), alias.trim(), speakerId);
      recordEvent(db, { actor, action: 'speaker.alias', entity: 'speaker', entityId: speakerId, data: { alias } });
    }
    return getSpeaker(db, speakerId);
  }).immediate();
}

/** Renames a speaker (its display name); the old name stays an alias. */
export function renameSpeaker(db: Db, speakerId: number, name: string, actor: string): Speaker {
  return db.transaction((): Speaker => {
    const before = getSpeaker(db, speakerId);
    addSpeakerAlias(db, speakerId, name, actor);
    db.prepare('UPDATE speakers SET name = ? WHERE id = ?').run(name.trim(), speakerId);
    recordEvent(db, { actor, action: 'speaker.rename', entity: 'speaker', entityId: speakerId, data: { before: before.name, after: name.trim() } });
    return getSpeaker(db, speakerId);
  }).immediate();
}
