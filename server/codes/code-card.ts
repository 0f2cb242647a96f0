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
<html lang="${content.lang}"><head><meta charset="utf-8"><title>${escape(content.heading)}: ${escape(content.programTitle)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#111}main{max-width:32rem;margin:1rem auto;border:2px solid #111;border-radius:8px;padding:1.25rem}
h1{font-size:1.4rem;margin:0 0 .25rem}.program{font-size:1.1rem;margin:0}.phone{white-space:nowrap}.note{color:#333}
.code{font:700 1.5rem/1.3 ui-monospace,monospace;letter-spacing:.05em;word-break:break-all;margin:.5rem 0 1rem}.qr svg{width:7rem;height:7rem}
@media print{main{margin:0;border-width:1px}}</style></head>
<body><main>
<h1>${escape(content.heading)}</h1>
<p class="program">${escape(content.programTitle)}</p>
<p class="code">${escape(content.code)}</p>
${content.login ? `<p>${escape(content.login.where)}</p>${card.loginQrSvg ? `<div class="qr"><p>${escape(content.login.scan)}</p>${card.loginQrSvg}</div>` : ''}` : ''}
<p>${escape(content.service)}${content.phone ? `<br><span class="phone">${escape(content.phone)}</span>` : ''}</p>
<p>${escape(content.lost)}</p>
<p class="note">${escape(content.note)}</p>
</main></body></html>`;
}
