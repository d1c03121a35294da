import type { Annotation, AnnotationPatch } from '../../main/contract/contract.ts';

/** What an edit changes, worked out from the annotation as the edits before it left it; null changes nothing. */
export type AnnotationChange = (current: Annotation) => Omit<AnnotationPatch, 'id'> | null;

/**
 * The analyst's annotation edits, carried out one after another in the order
 * they were made. Main answers each edit a moment later (longer on a busy
 * machine), and the analyst does not wait for the screen to catch up: a key
 * pressed before the previous key's answer has arrived applies to the
 * annotation as that answer left it. Two quick Shift+→ grow a span by two
 * words, not one; a retag right after a resize keeps the resize.
 *
 * An annotation still being stored has a provisional id (negative, so never a
 * stored one's). It can be selected and edited at once: its edits wait for its
 * stored id, and are dropped with it if storing it fails.
 */
export class AnnotationEdits {
  private tail: Promise<unknown> = Promise.resolve();
  private running = 0;
  private nextProvisional = -1;
  /** Provisional id → the id main stored it under, or null when storing it failed. */
  private readonly storedAs = new Map<number, number | null>();
  /** Stored id → the provisional id it had: what keeps its editor (and a note being typed) across the switch. */
  private readonly firstIds = new Map<number, number>();
  /** Annotations as the queued edits left them, ahead of the list on screen until that list catches up. */
  private readonly latest = new Map<number, Annotation>();

  /** The annotation as the screen shows it now. */
  private readonly listed: (id: number) => Annotation | undefined;

  constructor(listed: (id: number) => Annotation | undefined) {
    this.listed = listed;
  }

  provisionalId(): number {
    return this.nextProvisional--;
  }

  /** True while no edit waits for an answer. */
  get idle(): boolean {
    return this.running === 0;
  }

  /**
   * A key for the annotation that stays the same when a provisional id becomes
   * a stored one, so that whatever shows it is not rebuilt mid-edit.
   */
  keyOf(id: number): number {
    return this.firstIds.get(id) ?? id;
  }

  /** Stores a new annotation under the provisional id it was given. */
  create(provisionalId: number, store: () => Promise<Annotation | null | undefined>): Promise<Annotation | null> {
    return this.enqueue(async () => {
      const created = (await store()) ?? null;
      this.storedAs.set(provisionalId, created?.id ?? null);
      if (created) {
        this.firstIds.set(created.id, provisionalId);
        this.latest.set(created.id, created);
      }
      return created;
    });
  }

  /** Changes an annotation (stored, or still being stored) by what `change` makes of it once the edits before it are done. */
  update(id: number, change: AnnotationChange, send: (patch: AnnotationPatch) => Promise<Annotation | null | undefined>): Promise<Annotation | null> {
    return this.enqueue(async () => {
      const current = this.current(id);
      const patch = current && change(current);
      if (!current || !patch) return null;
      const updated = (await send({ ...patch, id: current.id })) ?? null;
      if (updated) this.latest.set(updated.id, updated);
      return updated;
    });
  }

  /** Deletes an annotation once the edits before it are done; resolves to the stored id deleted, or null. */
  remove(id: number, send: (storedId: number) => Promise<boolean>): Promise<number | null> {
    return this.enqueue(async () => {
      const current = this.current(id);
      if (!current || !(await send(current.id))) return null;
      this.latest.delete(current.id);
      return current.id;
    });
  }

  /** The annotation once the edits made so far are done (its stored id, its latest span); null if it was never stored. */
  settled(id: number): Promise<Annotation | null> {
    return this.enqueue(async () => this.current(id) ?? null);
  }

  /**
   * Another change to the corpus (an undo, a redo) in its turn among the
   * edits. What the edits knew is dropped after it: the list read after it is
   * the truth.
   */
  after<T>(step: () => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      try {
        return await step();
      } finally {
        this.latest.clear();
      }
    });
  }

  /** Called once the screen shows a new list: with no edit waiting, that list already holds every answer. */
  caughtUp(): void {
    if (this.idle) this.latest.clear();
  }

  private current(id: number): Annotation | undefined {
    const storedId = id < 0 ? this.storedAs.get(id) : id;
    if (storedId === undefined || storedId === null) return undefined;
    return this.latest.get(storedId) ?? this.listed(storedId);
  }

  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    this.running++;
    const run = this.tail.then(step).finally(() => this.running--);
    // One failed edit does not stop the ones after it.
    this.tail = run.catch(() => undefined);
    return run;
  }
}
