import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../main/corpus/migrations/index.ts';

const FOLDER = join(import.meta.dirname, '..', '..', 'main', 'corpus', 'migrations');

describe('the migration list', () => {
  it('runs the migrations in ascending version order, each version once', () => {
    // migrate() walks the list in order and records each version as it goes: one listed out of
    // order would leave a corpus at a lower version than it holds, and run twice on the next open.
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
  });

  it('registers every migration file, under the version its file name carries', () => {
    const numbered = readdirSync(FOLDER)
      .map((file) => /^(\d{3})_/.exec(file)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(numbered.sort((a, b) => a - b));
  });
});
