import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';

/**
 * Writes chunks into a temporary file and renames it into place only once it
 * is complete: a failed export never leaves a truncated file, nor destroys an earlier one.
 */
export async function writeChunks(file: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  const partial = `${file}.partial`;
  try {
    await writeChunksTo(partial, chunks);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Writes chunks in order as they come, waiting whenever the disk falls behind. */
export async function writeChunksTo(file: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  // A megabyte of buffer lets the disk write while the next chunks are made.
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of chunks) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  } finally {
    out.destroy();
  }
}

/** Appends the whole of `source` to `target`. */
export async function appendFileTo(target: string, source: string): Promise<void> {
  await pipeline(createReadStream(source, { highWaterMark: 1 << 20 }), createWriteStream(target, { flags: 'a' }));
}
