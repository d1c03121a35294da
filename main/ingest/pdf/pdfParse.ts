import { getDocument, OPS, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pageText, type TextRun } from './pdfLayout.ts';

/** What a PDF holds for Crosscheck: each page's text in reading order, and the document's own metadata. */
export interface ParsedPdf {
  pages: string[];
  title: string | null;
  author: string | null;
  /** The Info dictionary's CreationDate as written ("D:20221209101500+01'00'"), or null. */
  creationDate: string | null;
  /** Pages that draw an image, counted only when the document holds no text at all (a scan). */
  imagePages: number;
}

/** Why a PDF was not read, as the importer reports it. */
export type PdfRefusal = 'encrypted' | 'malformed' | 'too_large';

export class PdfRefusedError extends Error {
  readonly refusal: PdfRefusal;
  constructor(refusal: PdfRefusal, message: string) {
    super(message);
    this.name = 'PdfRefusedError';
    this.refusal = refusal;
  }
}

export interface PdfLimits {
  maxPages: number;
  /** Characters of text, all pages together. */
  maxTextLength: number;
}

/**
 * Reads a PDF with pdf.js (Mozilla's legacy Node build). Nothing is fetched and
 * nothing runs: no eval, no fonts loaded into a page, no scripting; pdf.js's
 * own worker runs in this thread, which is itself the worker the importer
 * kills when a file overruns its budget.
 */
export async function parsePdf(bytes: Uint8Array, limits: PdfLimits): Promise<ParsedPdf> {
  let document: PDFDocumentProxy;
  try {
    document = await getDocument({
      data: bytes,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      enableXfa: false,
      stopAtErrors: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    throw refusalFor(error);
  }
  try {
    if (document.numPages > limits.maxPages)
      throw new PdfRefusedError('too_large', `it has ${document.numPages} pages, over the ${limits.maxPages}-page limit`);
    const info = (await document.getMetadata()).info as Record<string, unknown>;
    const pages: string[] = [];
    let length = 0;
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const [, , width] = page.view as [number, number, number, number];
      const content = await page.getTextContent({ includeMarkedContent: false });
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [a, b, , d, x, y] = item.transform as number[];
        runs.push({ text: item.str, x: x!, y: y!, width: item.width, size: Math.hypot(a!, b!) || Math.abs(d!) || item.height || 1 });
      }
      const text = pageText(runs, width || 612);
      length += text.length;
      if (length > limits.maxTextLength) throw new PdfRefusedError('too_large', `its text is longer than ${limits.maxTextLength} characters`);
      pages.push(text);
      page.cleanup();
    }
    const imagePages = pages.every((p) => p === '') ? await countImagePages(document) : 0;
    return { pages, title: infoString(info.Title), author: infoString(info.Author), creationDate: infoString(info.CreationDate), imagePages };
  } catch (error) {
    throw refusalFor(error);
  } finally {
    await document.destroy();
  }
}

async function countImagePages(document: PDFDocumentProxy): Promise<number> {
  const imageOps = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);
  let count = 0;
  for (let number = 1; number <= document.numPages; number++) {
    const operators = await (await document.getPage(number)).getOperatorList();
    if (operators.fnArray.some((fn) => imageOps.has(fn))) count++;
  }
  return count;
}

function infoString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.replace(/\s+/g, ' ').trim() : null;
}

function refusalFor(error: unknown): Error {
  if (error instanceof PdfRefusedError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') return new PdfRefusedError('encrypted', 'it is encrypted and needs a password to open');
  return new PdfRefusedError('malformed', `it is damaged or not a PDF (${message})`);
}
