import { extname } from 'node:path';
import { MAX_IMPORT_BYTES, PDF_EXTENSIONS } from '../../contract/contract.ts';
import { CrosscheckError } from '../../contract/errors.ts';
import type { NewArticle } from '../../corpus/articles.ts';
import { extractMetadata } from '../metadata.ts';
import { normaliseText } from '../normalise.ts';
import { readPdf, type PdfBudget } from './pdfReader.ts';

export function isPdfFile(name: string): boolean {
  return (PDF_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

export interface PdfArticle {
  article: NewArticle;
  byline: string | null;
  /** Where each page begins in the article's text, page 1 first. */
  pageStarts: number[];
}

/** Fewer words than this in the whole document means there is no text layer to read. */
const MIN_WORDS = 5;

/**
 * A PDF as an article: the pages' text in reading order, one blank line
 * between pages, and where each page begins. The document's title and author
 * come from its metadata; the date is the one the text states, else the
 * document's creation date. A PDF with no text (a scan) is refused with the
 * reason, as are encrypted, damaged and hostile ones.
 */
export function readPdfArticle(fileName: string, bytes: Uint8Array, budget?: PdfBudget): PdfArticle {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new CrosscheckError('unsupported_file', `file is ${bytes.byteLength} bytes, over the ${MAX_IMPORT_BYTES / 1024 / 1024} MiB limit`);
  }
  const pdf = readPdf(bytes, budget);
  const pageTexts = pdf.pages.map(normaliseText);
  const pageStarts: number[] = [];
  let text = '';
  for (const page of pageTexts) {
    if (page !== '' && text !== '') text += '\n\n';
    pageStarts.push(text.length);
    text += page;
  }
  const words = text.split(/\s+/).filter(Boolean).length;
  if (words < MIN_WORDS) {
    const scanned = pdf.imagePages > 0 ? ` ${pdf.imagePages} of its ${pdf.pages.length} pages are images: it looks scanned and needs OCR first.` : '';
    throw new CrosscheckError('unsupported_file', `the PDF has no text layer to import (${words} words found).${scanned}`);
  }
  const fromText = extractMetadata(text);
  return {
    article: {
      text,
      title: pdf.title ?? fromText.title,
      outlet: fromText.outlet,
      url: null,
      published: fromText.published ?? pdfDate(pdf.creationDate),
      fileName,
    },
    byline: pdf.author,
    pageStarts,
  };
}

/** The calendar date of a PDF date string ("D:20221209101500+01'00'"), as written; null when it is not a real date. */
export function pdfDate(value: string | null): string | null {
  const match = value ? /^(?:D:)?(\d{4})(\d{2})(\d{2})/.exec(value) : null;
  if (!match) return null;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}
