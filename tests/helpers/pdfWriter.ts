import { deflateSync } from 'node:zlib';

/**
 * A small PDF writer for tests: pages of text lines in the standard Helvetica
 * font, document info, and the shapes importers must refuse (no text layer,
 * encryption, damaged or hostile structure). It writes the file format by hand
 * (objects, cross-reference table, trailer), so the tests need no fixture files.
 */
export interface PdfLine {
  x: number;
  y: number;
  text: string;
  size?: number;
}

export interface PdfPage {
  lines?: PdfLine[];
  /** A grey image covering the page instead of text, as a scanner produces. */
  image?: boolean;
  /** Content stream operators written as they are, after the lines (for hostile streams). */
  rawContent?: string | Buffer;
}

export interface PdfOptions {
  info?: { title?: string; author?: string; creationDate?: string };
  /** Needs a password to open: an /Encrypt dictionary whose user password is not empty. */
  encrypted?: boolean;
  /** Compress content streams with Flate, as most producers do. */
  compress?: boolean;
  width?: number;
  height?: number;
}

export function writePdf(pages: PdfPage[], options: PdfOptions = {}): Uint8Array {
  const width = options.width ?? 595;
  const height = options.height ?? 842;
  const objects: Array<string | Buffer> = [];
  const add = (body: string | Buffer): number => objects.push(body);
  const catalog = add('');
  const pagesRef = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const page of pages) {
    let content = '';
    for (const line of page.lines ?? []) content += `BT /F1 ${line.size ?? 11} Tf ${line.x} ${line.y} Td (${escapeString(line.text)}) Tj ET\n`;
    let xobjects = '';
    if (page.image) {
      const pixels = Buffer.alloc(64 * 64, 0x80);
      const image = add(stream(`/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8`, pixels, options.compress));
      xobjects = ` /XObject << /Im1 ${image} 0 R >>`;
      content += `q ${width} 0 0 ${height} 0 0 cm /Im1 Do Q\n`;
    }
    const raw = typeof page.rawContent === 'string' ? Buffer.from(page.rawContent, 'latin1') : (page.rawContent ?? Buffer.alloc(0));
    const contents = add(stream('', Buffer.concat([Buffer.from(content, 'latin1'), raw]), options.compress));
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesRef} 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /Font << /F1 ${font} 0 R >>${xobjects} >> /Contents ${contents} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesRef} 0 R >>`;
  objects[pagesRef - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const info = options.info
    ? add(
        `<< ${options.info.title ? `/Title (${escapeString(options.info.title)}) ` : ''}${options.info.author ? `/Author (${escapeString(options.info.author)}) ` : ''}${
          options.info.creationDate ? `/CreationDate (${options.info.creationDate}) ` : ''
        }>>`,
      )
    : null;
  const encrypt = options.encrypted ? add(`<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <${'7a'.repeat(32)}> /U <${'3c'.repeat(32)}> >>`) : null;
  return assemble(
    objects,
    `/Root ${catalog} 0 R${info ? ` /Info ${info} 0 R` : ''}${encrypt ? ` /Encrypt ${encrypt} 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]` : ''}`,
  );
}

/** Objects numbered from 1 in order, a cross-reference table with their offsets, and the trailer. */
export function assemble(objects: Array<string | Buffer>, trailerEntries: string): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} ${trailerEntries} >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

/** A stream object: its dictionary entries, then the data (Flate-compressed when asked). */
export function stream(entries: string, data: Buffer, compress = false): Buffer {
  const body = compress ? deflateSync(data, { level: 1 }) : data;
  return Buffer.concat([
    Buffer.from(`<< ${entries} /Length ${body.length}${compress ? ' /Filter /FlateDecode' : ''} >>\nstream\n`, 'latin1'),
    body,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

function escapeString(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** Lines of running text down a page, one PDF line each, as a word processor lays out a paragraph. */
export function textPage(paragraphs: string[], options: { size?: number; top?: number; left?: number; width?: number } = {}): PdfPage {
  const size = options.size ?? 11;
  const leading = size * 1.3;
  const charsPerLine = Math.floor((options.width ?? 470) / (size * 0.5));
  const lines: PdfLine[] = [];
  let y = options.top ?? 780;
  for (const paragraph of paragraphs) {
    let line = '';
    for (const word of paragraph.split(/\s+/)) {
      if (line && line.length + 1 + word.length > charsPerLine) {
        lines.push({ x: options.left ?? 62, y, text: line, size });
        y -= leading;
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push({ x: options.left ?? 62, y, text: line, size });
    y -= leading * 2;
  }
  return { lines };
}
