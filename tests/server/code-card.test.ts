/**
 * The code card the API gives shops (HTML and PDF, server/codes/): the same words as the
 * staff portal's printed card, in each language, and a PDF that holds any service name
 * (letters WinAnsi lacks lose their diacritic instead of failing the request), wraps
 * long lines without losing words, is byte-identical for the same facts, and whose QR code
 * a phone's camera reads as the address to log in at.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeCardWords } from '../../server/locale/code-card-words.ts';
import { personLocales } from '../../server/locale/languages.ts';
import { codeCardPdf } from '../../server/codes/code-card-pdf.ts';
import { codeCardHtml } from '../../server/codes/code-card.ts';
// jsqr is CommonJS: its function is the module's `default` export, seen from ESM under `.default`.
import jsqr from 'jsqr';
import { readPdf, type Fill } from '../support/pdf-text.ts';

const portalStrings = async (locale: string) =>
  ((await import(join(process.cwd(), `web/static/js/staff/strings/${locale}.js`))) as { strings: Record<string, unknown> }).strings;

describe('the code card', () => {
  it("says what the staff portal's printed card says, in every language", async () => {
    for (const locale of personLocales) {
      const portal = await portalStrings(locale);
      const words = codeCardWords[locale];
      for (const key of Object.keys(words) as (keyof typeof words)[]) expect(words[key], `${locale} ${key}`).toBe(portal[key]);
    }
  });

  it('prints a name with letters the PDF fonts lack, wraps long lines and gives the same bytes twice', async () => {
    const facts = {
      code: '7K3M-Q9XH-2WDC-R4TB-J', locale: 'nb', programTitle: 'Mestring av angst og søvnvansker i hverdagen – et langt kurs for ungdom',
      serviceName: 'Guovdageainnu gielda – Čáhcesuolu đ ŋ ŧ 🙂', servicePhone: '78 48 80 00', loginUrl: 'https://mestring.kommune.example.no/',
    };
    const bytes = await codeCardPdf(facts);
    expect(Buffer.from(await codeCardPdf(facts)).equals(Buffer.from(bytes))).toBe(true);
    const pdf = await readPdf(bytes);
    expect(pdf.pages).toBe(1);
    expect(pdf.lines.length).toBeGreaterThan(10);
    expect(pdf.text).toContain(`${codeCardWords.nb.codeCardTitle} ${facts.programTitle} ${facts.code}`);
    expect(pdf.text).toContain('Tjenesten din: Guovdageainnu gielda – Cáhcesuolu d n t ? Telefon: 78 48 80 00');
    // The phone is never split over two lines.
    expect(pdf.lines.filter((l) => l.includes('78'))).toEqual(pdf.lines.filter((l) => l.replace(/\u00a0/g, ' ').includes('78 48 80 00')));
    // The HTML card keeps every letter (UTF-8).
    expect(codeCardHtml(facts)).toContain('Guovdageainnu gielda – Čáhcesuolu đ ŋ ŧ 🙂');
  });

  it("draws a QR code that reads back as the service's login address", async () => {
    for (const loginUrl of ['https://mestring.kommune.example.no/', `https://selvhjelp.bydel-gamle-oslo.oslo.kommune.example.no/${'mestring/'.repeat(8)}`]) {
      const pdf = await readPdf(await codeCardPdf({ code: '7K3M-Q9XH-2WDC-R4TB-J', locale: 'nb', programTitle: 'Mestring av angst', serviceName: 'Bydel X', loginUrl }));
      expect(scan(pdf.fills)?.data, loginUrl).toBe(loginUrl);
    }
    // Without an address there is nothing to scan.
    const without = await readPdf(await codeCardPdf({ code: '7K3M-Q9XH-2WDC-R4TB-J', locale: 'nb', programTitle: 'Mestring av angst', serviceName: 'Bydel X' }));
    expect(without.fills).toEqual([]);
  });
});

/**
 * Paints the page's filled rectangles (the QR code's dark runs) black on white, four
 * pixels to a module with a quiet zone around, as a camera would see the printed card,
 * and reads it with jsQR.
 */
function scan(fills: Fill[]) {
  if (!fills.length) return null;
  const module = Math.min(...fills.map((f) => f.height));
  const left = Math.min(...fills.map((f) => f.x));
  const bottom = Math.min(...fills.map((f) => f.y));
  const top = Math.max(...fills.map((f) => f.y + f.height));
  const modules = Math.round((top - bottom) / module);
  const scale = 4;
  const quiet = 4 * scale;
  const side = modules * scale + 2 * quiet;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const fill of fills) {
    const col = Math.round((fill.x - left) / module);
    const row = Math.round((top - fill.y - fill.height) / module);
    const width = Math.round(fill.width / module);
    for (let y = row * scale; y < (row + 1) * scale; y++) {
      for (let x = col * scale; x < (col + width) * scale; x++) {
        const at = ((quiet + y) * side + quiet + x) * 4;
        pixels[at] = pixels[at + 1] = pixels[at + 2] = 0;
      }
    }
  }
  return jsqr.default(pixels, side, side);
}
