import { HTML_EXTENSIONS, PDF_EXTENSIONS, TEXT_EXTENSIONS } from '../../main/contract/vocabulary.ts';

/** What the file dialog offers by default; main decides, and says why it refuses anything else. */
export const IMPORTABLE: readonly string[] = [...TEXT_EXTENSIONS, ...HTML_EXTENSIONS, ...PDF_EXTENSIONS];

/** Base64 of a file's bytes, in slices, since one huge String.fromCharCode call overflows the stack. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A file with the path it was picked or dropped under, for the per-file report. */
export interface PickedFile {
  path: string;
  file: File;
}

/** The files of a drop, walking dropped folders as `crosscheck import` does (hidden entries skipped, name order). */
export async function filesFromDrop(data: DataTransfer): Promise<PickedFile[]> {
  const entries = Array.from(data.items)
    .map((item) => item.webkitGetAsEntry?.())
    .filter((entry): entry is FileSystemEntry => Boolean(entry));
  // Where the platform gives no file-system entries, the dropped files themselves are all there is.
  if (entries.length === 0) return Array.from(data.files).map((file) => ({ path: file.name, file }));
  const files: PickedFile[] = [];
  for (const entry of entries) files.push(...(await walk(entry)));
  return files;
}

async function walk(entry: FileSystemEntry): Promise<PickedFile[]> {
  if (entry.name.startsWith('.')) return [];
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [{ path: entry.fullPath.replace(/^\//, ''), file }];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries answers in batches until it answers with none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  children.sort((a, b) => a.name.localeCompare(b.name));
  const files: PickedFile[] = [];
  for (const child of children) files.push(...(await walk(child)));
  return files;
}
