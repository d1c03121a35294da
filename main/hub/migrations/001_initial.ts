import type { HubMigration } from './hubMigration.ts';

export const initialHubSchema: HubMigration = {
  version: 1,
  name: 'analysts, devices, the ordered operation log and articles by hash',
  sql: `
    CREATE TABLE analysts (
      name text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$'),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- Only the sha256 of a token is kept: a copy of the database does not let anyone in.
    CREATE TABLE analyst_tokens (
      token_sha256 bytea PRIMARY KEY CHECK (length(token_sha256) = 32),
      analyst text NOT NULL REFERENCES analysts(name),
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    );
    -- A device belongs to the analyst who first pushed from it; nobody else may push as it.
    CREATE TABLE devices (
      id uuid PRIMARY KEY,
      analyst text NOT NULL REFERENCES analysts(name),
      first_seen timestamptz NOT NULL DEFAULT now()
    );
    -- The one counter that orders everything. Pushes lock this row until they commit, so
    -- sequence numbers become visible in order and a cursor never skips a late commit.
    CREATE TABLE sequence_head (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      last_seq bigint NOT NULL CHECK (last_seq >= 0)
    );
    INSERT INTO sequence_head (singleton, last_seq) VALUES (true, 0);
    CREATE TABLE operations (
      seq bigint PRIMARY KEY CHECK (seq > 0),
      id uuid NOT NULL UNIQUE,
      analyst text NOT NULL REFERENCES analysts(name),
      device uuid NOT NULL REFERENCES devices(id),
      kind text NOT NULL,
      entity text NOT NULL,
      base_version uuid,
      payload json NOT NULL,
      created_at text NOT NULL,
      fingerprint bytea NOT NULL CHECK (length(fingerprint) = 32),
      received_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE articles (
      sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      body text NOT NULL,
      uploaded_by text NOT NULL REFERENCES analysts(name),
      uploaded_at timestamptz NOT NULL DEFAULT now()
    );
  `,
};
