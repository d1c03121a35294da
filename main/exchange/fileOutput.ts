import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';

/**
 * Lets `write` fill a temporary file and renames it into place only when it is
 * complete: a failed export never leaves a truncated file, nor destroys an earlier one.
 */
export async function replaceAtomically(file: string, write: (partialFile: string) => Promise<void>): Promise<void> {
  const partial = `${file}.partial`;
  try {
    await write(partial);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Writes text chunk by chunk, waiting whenever the disk falls behind. */
export function writeChunks(file: string, chunks: Iterable<string>): Promise<void> {
  return replaceAtomically(file, async (partial) => {
    const out = createWriteStream(partial);
    try {
      for (const chunk of chunks) {
        if (!out.write(chunk)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
    } finally {
      out.destroy();
    }
  });
}
