/** Article texts on the hub, named by the sha256 of their UTF-8 text: a device uploads what others lack and fetches what it lacks. */
import { createHash } from 'node:crypto';
import { isNormalised } from '../ingest/normalise.ts';
import { HubRefusal } from './refusal.ts';
import type { HubPool } from './hubDatabase.ts';

/** Returns true when the text was new to the hub. Refuses a body whose hash is not its name. */
export async function putArticle(pool: HubPool, analyst: string, sha256: string, body: Buffer): Promise<boolean> {
  const actual = createHash('sha256').update(body).digest('hex');
  if (actual !== sha256) throw new HubRefusal(400, 'invalid_input', `the body's sha256 is ${actual}, not the ${sha256} in the address`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw new HubRefusal(400, 'invalid_input', 'article text must be UTF-8');
  }
  if (!isNormalised(text))
    throw new HubRefusal(400, 'invalid_input', 'article text must be normalised as on import (no byte-order mark, LF line endings, NFC)');
  if (text.includes('\u0000')) throw new HubRefusal(400, 'invalid_input', 'article text must not contain NUL characters');
  const inserted = await pool.query('INSERT INTO articles (sha256, body, uploaded_by) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [
    sha256,
    text,
    analyst,
  ]);
  return inserted.rowCount === 1;
}

export async function getArticle(pool: HubPool, sha256: string): Promise<string | null> {
  const { rows } = await pool.query<{ body: string }>('SELECT body FROM articles WHERE sha256 = $1', [sha256]);
  return rows[0]?.body ?? null;
}

export async function hasArticle(pool: HubPool, sha256: string): Promise<boolean> {
  const { rows } = await pool.query('SELECT 1 FROM articles WHERE sha256 = $1', [sha256]);
  return rows.length > 0;
}
