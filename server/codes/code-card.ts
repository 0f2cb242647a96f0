/**
 * The printable code card a shop hands its customer (`POST /v1/staff/codes?card=html`):
 * one self-contained HTML page (inline style, no scripts, no external assets) with the
 * code, the program, the service and where to log in, and a QR code of the login page
 * (never of the code: a photo of the card must not log anyone in).
 */
const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export interface CardFacts {
  code: string;
  programTitle: string;
  serviceName: string;
  servicePhone?: string | undefined;
  /** The login page, e.g. https://mestring.example.no/ (absent when the server does not know its address). */
  loginUrl?: string | undefined;
  /** The login page's QR code (SVG), when there is a login URL. */
  loginQrSvg?: string | undefined;
}

/**
 * @example
 *   codeCardHtml({ code: 'ABCD-...', programTitle: 'Mestring av angst', serviceName: 'Bydel X' })
 */
export function codeCardHtml(card: CardFacts): string {
  return `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>${escape(card.programTitle)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#111}main{max-width:32rem;margin:1rem auto;border:2px solid #111;border-radius:8px;padding:1.25rem}
.code{font:700 1.5rem/1.3 ui-monospace,monospace;letter-spacing:.05em;word-break:break-all;margin:.5rem 0 1rem}.qr svg{width:7rem;height:7rem}
@media print{main{margin:0;border-width:1px}}</style></head>
<body><main>
<h1>${escape(card.programTitle)}</h1>
<p>Koden din (tas vare på som et passord, den er anonym):</p>
<p class="code">${escape(card.code)}</p>
${card.loginUrl ? `<p>Logg inn på <strong>${escape(card.loginUrl)}</strong></p>${card.loginQrSvg ? `<div class="qr">${card.loginQrSvg}</div>` : ''}` : ''}
<p>${escape(card.serviceName)}${card.servicePhone ? `, telefon ${escape(card.servicePhone)}` : ''}</p>
<p lang="en">Your code is anonymous: keep it like a password. It is the only way to log in.</p>
</main></body></html>`;
}
