import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startPostgres } from '../helpers/postgres.ts';

describe('the PostgreSQL test harness', () => {
  it('starts a fresh cluster on a loopback port, survives a restart, and leaves nothing behind when stopped', async () => {
    const server = await startPostgres();
    try {
      expect(server.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      const url = await server.createDatabase('harness_check');
      const write = new pg.Client({ connectionString: url });
      await write.connect();
      await write.query('CREATE TABLE kept (value text)');
      await write.query("INSERT INTO kept VALUES ('before restart')");
      await write.end();

      server.restart();

      const read = new pg.Client({ connectionString: url });
      await read.connect();
      const { rows } = await read.query('SELECT value FROM kept');
      await read.end();
      expect(rows).toEqual([{ value: 'before restart' }]);
    } finally {
      server.stop();
    }
    expect(existsSync(server.dataDir)).toBe(false);
  }, 120_000);
});
