/**
 * The printable code card a shop hands its customer (`POST /v1/staff/codes?card=html`):
 * one self-contained HTML page (inline style, no scripts, no external assets) with the
 * code, the program, the service and where to log in, and a QR code of the login page
 * (never of the code: a photo of the card must not log anyone in). Its words come from
 * card-content.ts, as the PDF card's do.
 */
import { cardContent, type CardFacts } from './card-content.ts';

export type { CardFacts };

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * @example
 *   codeCardHtml({ code: 'ABCD-...', locale: 'nb', programTitle: 'Mestring av angst', serviceName: 'Bydel X' })
 */
export function codeCardHtml(card: CardFacts): string {
  const content = cardContent(card);
  return `<!doctype html>
<html lang="${content.lang}"><head><meta charset="utf-8"><title>${escape(content.title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#111}main{max-width:32rem;margin:1rem auto;border:2px solid #111;border-radius:8px;padding:1.25rem}
.code{font:700 1.5rem/1.3 ui-monospace,monospace;letter-spacing:.05em;word-break:break-all;margin:.5rem 0 1rem}.qr svg{width:7rem;height:7rem}
@media print{main{margin:0;border-width:1px}}</style></head>
<body><main>
<h1>${escape(content.title)}</h1>
<p>${escape(content.yourCode)}</p>
<p class="code">${escape(content.code)}</p>
<p>${escape(content.keepIt)}</p>
${content.login ? `<p>${escape(content.login.lead)} <strong>${escape(content.login.url)}</strong></p>${card.loginQrSvg ? `<div class="qr">${card.loginQrSvg}</div>` : ''}` : ''}
<p>${escape(content.service)}</p>
</main></body></html>`;
}
