/**
 * A corpus as other devices must see it: every replicated entity's state by its
 * stable name (UUID, or an article's sha256), never by the integer ids that
 * differ between devices. Two corpora that converged give the same dump.
 */
import type { Db } from '../../main/corpus/database.ts';
import { canonicalJson, readState, speakerAliasUuid, type EntityKind } from '../../main/corpus/entityStates.ts';

const NAMES: Record<Exclude<EntityKind, 'speakerAlias'>, string> = {
  article: 'SELECT sha256 FROM articles',
  annotation: 'SELECT uuid FROM annotations',
  link: 'SELECT uuid FROM links',
  linkReview: 'SELECT uuid FROM link_reviews',
  verdict: 'SELECT uuid FROM claim_reviews',
  rejection: 'SELECT uuid FROM suggestion_rejections',
  speaker: 'SELECT uuid FROM speakers',
};

export function replicatedDump(db: Db): Record<string, Record<string, unknown>> {
  const dump: Record<string, Record<string, unknown>> = {};
  const names = { ...NAMES } as Record<EntityKind, string>;
  for (const kind of Object.keys(names) as EntityKind[]) {
    const uuids = (db.prepare(names[kind]).pluck().all() as string[]).sort();
    dump[kind] = Object.fromEntries(uuids.map((uuid) => [uuid, readState(db, kind, uuid)]));
  }
  const aliases = (db.prepare('SELECT key FROM speaker_aliases').pluck().all() as string[]).map(speakerAliasUuid).sort();
  dump.speakerAlias = Object.fromEntries(aliases.map((uuid) => [uuid, readState(db, 'speakerAlias', uuid)]));
  return dump;
}

export const replicatedDumpText = (db: Db) => canonicalJson(replicatedDump(db));
