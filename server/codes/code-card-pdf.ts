/**
 * The printable code card as a PDF (`POST /v1/staff/codes?card=pdf`): one A6 page with
 * the same content as the HTML card (card-content.ts) and a QR code of the login page,
 * drawn as vector squares (never of the code). It uses the PDF standard fonts
 * (Helvetica, Courier) with WinAnsi encoding, which holds æ, ø and å: nothing is
 * embedded or fetched. The document carries no dates or producer, so the same code
 * always gives the same bytes (an Idempotency-Key retry gets the identical card).
 */
import type { Color, PDFFont, PDFPage } from 'pdf-lib';
import { cardContent, type CardFacts } from './card-content.ts';

/** A6 portrait, in points. */
const pageSize: [number, number] = [297.64, 419.53];
const margin = 24;

/** Sami letters WinAnsi lacks that do not decompose into a base letter and a mark. */
const plainLetters: Record<string, string> = { đ: 'd', Đ: 'D', ŋ: 'n', Ŋ: 'N', ŧ: 't', Ŧ: 'T' };

/**
 * `text` with what the font cannot encode replaced: a letter WinAnsi lacks (Sami č, đ,
 * ŋ) becomes its plain letter, anything else '?'. Norwegian æ, ø and å are in WinAnsi.
 */
function encodable(text: string, font: PDFFont): string {
  const known = new Set(font.getCharacterSet());
  return [...text.normalize('NFC')].map((ch) => {
    if (known.has(ch.codePointAt(0)!)) return ch;
    const base = plainLetters[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '');
    return [...base].every((b) => known.has(b.codePointAt(0)!)) && base ? base : '?';
  }).join('');
}

/** `text` broken into lines of at most `width` points at its spaces (not its no-break spaces); a word longer than a line is broken by characters. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/[ \t\n]+/).filter(Boolean)) {
    const joined = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(joined, size) <= width) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    for (const ch of word) {
      if (font.widthOfTextAtSize(line + ch, size) > width && line) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Draws the QR code of `url` with its top-left corner at (x, top), `side` points wide. */
function drawQr(QRCode: typeof import('qrcode'), ink: Color, page: PDFPage, url: string, x: number, top: number, side: number) {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const cell = side / modules.size;
  for (let row = 0; row < modules.size; row++) {
    // One rectangle per run of dark modules in a row keeps the page small.
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      let end = col;
      while (end + 1 < modules.size && modules.get(row, end + 1)) end++;
      page.drawRectangle({ x: x + col * cell, y: top - (row + 1) * cell, width: (end - col + 1) * cell, height: cell, color: ink });
      col = end;
    }
  }
}

/**
 * @example
 *   const bytes = await codeCardPdf({ code: 'ABCD-...', locale: 'nb', programTitle: 'Mestring av angst', serviceName: 'Bydel X' });
 */
export async function codeCardPdf(card: CardFacts): Promise<Uint8Array> {
  // Loaded on the first PDF card, not at start-up: pdf-lib alone took about 0.3 s to import.
  const [{ PDFDocument, StandardFonts, rgb }, { default: QRCode }] = await Promise.all([import('pdf-lib'), import('qrcode')]);
  const ink = rgb(0.07, 0.07, 0.07);
  // A phone number is never broken across lines (no-break spaces, which WinAnsi has).
  const content = cardContent({ ...card, servicePhone: card.servicePhone?.replace(/ /g, '\u00a0') });
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`${content.heading}: ${content.programTitle}`);
  doc.setLanguage(content.lang);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const mono = await doc.embedFont(StandardFonts.CourierBold);
  const page = doc.addPage(pageSize);
  const [width, height] = pageSize;
  const textWidth = width - 2 * margin;
  page.drawRectangle({ x: margin / 2, y: margin / 2, width: width - margin, height: height - margin, borderColor: ink, borderWidth: 1.5 });

  let y = height - margin - 4;
  const write = (text: string, font: PDFFont, size: number, gapAfter: number) => {
    for (const line of wrap(encodable(text, font), font, size, textWidth)) {
      y -= size * 1.25;
      page.drawText(line, { x: margin, y, size, font, color: ink });
    }
    y -= gapAfter;
  };
  write(content.heading, bold, 15, 2);
  write(content.programTitle, regular, 12, 6);
  write(content.code, mono, 15, 8);
  if (content.login) {
    write(content.login.where, regular, 10, 2);
    write(content.login.scan, regular, 10, 4);
    const side = 78;
    drawQr(QRCode, ink, page, content.login.url, margin, y, side);
    y -= side + 8;
  }
  write(content.service, regular, 10, 0);
  if (content.phone) write(content.phone, regular, 10, 0);
  y -= 6;
  write(content.lost, regular, 9.5, 6);
  write(content.note, regular, 9.5, 0);
  return await doc.save();
}
