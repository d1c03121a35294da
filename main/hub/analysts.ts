/**
 * Analysts and their tokens. A token is 32 random bytes, shown once when made;
 * the hub keeps only its sha256, so identity comes from holding the token.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CrosscheckError } from '../contract/errors.ts';
import { inTransaction, type HubPool } from './hubDatabase.ts';

const TOKEN_PREFIX = 'cch_';
const TOKEN_PATTERN = /^cch_[A-Za-z0-9_-]{43}$/;
export const ANALYST_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** Adds an analyst and returns their token: the only time it exists outside the analyst's hands. */
export async function addAnalyst(pool: HubPool, name: string): Promise<string> {
  if (!ANALYST_NAME_PATTERN.test(name)) {
    throw new CrosscheckError('invalid_input', 'an analyst name is 1 to 64 letters, digits, dots, dashes, underscores or @, starting with a letter or digit');
  }
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  await inTransaction(pool, async (client) => {
    const inserted = await client.query('INSERT INTO analysts (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
    if (inserted.rowCount === 0) throw new CrosscheckError('conflict', `the hub already has an analyst named ${name}`);
    await client.query('INSERT INTO analyst_tokens (token_sha256, analyst) VALUES ($1, $2)', [tokenHash(token), name]);
  });
  return token;
}

/** The analyst a token belongs to, or null for anything else (malformed, unknown, revoked). */
export async function analystForToken(pool: HubPool, token: string): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const hash = tokenHash(token);
  const { rows } = await pool.query<{ token_sha256: Buffer; analyst: string }>(
    'SELECT token_sha256, analyst FROM analyst_tokens WHERE token_sha256 = $1 AND revoked_at IS NULL',
    [hash],
  );
  const row = rows[0];
  // The index lookup already matched; the constant-time comparison keeps the check itself from depending on where bytes differ.
  return row && timingSafeEqual(row.token_sha256, hash) ? row.analyst : null;
}
