/**
 * Reads a PDF back with pdf-lib's parser for tests: the number of pages, the fonts each
 * page uses (base font and encoding) and the text drawn, one entry per text-showing
 * operator, decoded from the content streams with the font's WinAnsi encoding (pdf-lib
 * writes each line as one `<hex> Tj`), and the filled rectangles (pdf-lib draws each as a
 * path of its own, moved into place by `cm`). Not a general PDF reader: enough to prove
 * what a PDF we made says and draws.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, decodePDFRawStream } from 'pdf-lib';

export interface PdfReading {
  pages: number;
  fonts: { baseFont: string; encoding: string }[];
  lines: string[];
  /** The lines joined with single spaces, no-break spaces read as spaces: a sentence wrapped over lines reads as one. */
  text: string;
  title: string | undefined;
  /** The document's /Lang entry. */
  lang: string | undefined;
  /** Every filled rectangle, in points from the page's bottom-left corner. */
  fills: Fill[];
}

export interface Fill {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The filled rectangles of a content stream as pdf-lib's drawRectangle writes them: in a
 * `q ... Q` block, translations by `cm`, then `0 0 m`, three `l` and `h`, then `f`.
 */
function fillsOf(source: string): Fill[] {
  const fills: Fill[] = [];
  for (const [block] of source.matchAll(/^q\n(?:(?!^Q$)[\s\S])*?^f$/gm)) {
    let x = 0;
    let y = 0;
    for (const [, dx, dy] of block.matchAll(/^1 0 0 1 (\S+) (\S+) cm$/gm)) {
      x += Number(dx);
      y += Number(dy);
    }
    const corners = [...block.matchAll(/^(\S+) (\S+) [ml]$/gm)].map(([, px, py]) => [Number(px), Number(py)] as const);
    if (corners.length !== 4) continue;
    const xs = corners.map(([px]) => px);
    const ys = corners.map(([, py]) => py);
    fills.push({ x: x + Math.min(...xs), y: y + Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) });
  }
  return fills;
}

// WinAnsi is Latin-1 but for 0x80-0x9F (Node's TextDecoder reads windows-1252 as Latin-1 there).
const winAnsiHigh = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const winAnsi = (bytes: Buffer) => [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? winAnsiHigh[b - 0x80] : String.fromCharCode(b))).join('');

/**
 * @example
 *   const { text } = await readPdf(Buffer.from(json.cardPdf, 'base64'));
 */
export async function readPdf(bytes: Uint8Array): Promise<PdfReading> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const fonts: PdfReading['fonts'] = [];
  const lines: string[] = [];
  const fills: Fill[] = [];
  for (const page of doc.getPages()) {
    const fontDict = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
    for (const [, ref] of fontDict?.entries() ?? []) {
      const font = doc.context.lookup(ref, PDFDict);
      const entry = { baseFont: String(font.get(PDFName.of('BaseFont'))), encoding: String(font.get(PDFName.of('Encoding'))) };
      // pdf-lib names a font anew for each text it draws: list each font once.
      if (!fonts.some((f) => f.baseFont === entry.baseFont && f.encoding === entry.encoding)) fonts.push(entry);
    }
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) throw new Error(`Unexpected content stream ${stream?.constructor.name}, expected a raw stream`);
      const source = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      for (const [, hex] of source.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) lines.push(winAnsi(Buffer.from(hex!, 'hex')));
      fills.push(...fillsOf(source));
    }
  }
  const lang = doc.catalog.lookup(PDFName.of('Lang'));
  return { pages: doc.getPageCount(), fonts, lines, text: lines.join(' ').replace(/\u00a0/g, ' '), title: doc.getTitle(), lang: lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined, fills };
}
