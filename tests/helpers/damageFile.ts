import { closeSync, openSync, statSync, writeSync } from 'node:fs';

/** Overwrites every other page after the first two of a closed database file, as a failing disk would. */
export function damagePages(path: string, pageSize = 4096): void {
  const pages = Math.floor(statSync(path).size / pageSize);
  if (pages < 4) throw new Error(`${path} has ${pages} pages; too small to damage realistically`);
  const fd = openSync(path, 'r+');
  try {
    for (let page = 2; page < pages; page += 2) writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, page * pageSize);
  } finally {
    closeSync(fd);
  }
}
