import type { EntityKind, EntityStates } from './entityStates.ts';

/*
 * The shapes an edit is made of (applied by changes.ts, replicated by operations.ts).
 * Their own module, of types only, so the two modules that use them need not import each other.
 */

export interface Change<K extends EntityKind = EntityKind> {
  kind: K;
  uuid: string;
  before: EntityStates[K] | null;
  after: EntityStates[K] | null;
  /** The entity's integer id in this corpus, kept so a restored row gets its own id back. */
  id?: number | null;
}

export interface StepSummary {
  annotationId: number | null;
  articleId: number | null;
  quote: string;
}
