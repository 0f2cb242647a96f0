/**
 * Renders the OpenAPI document as an HTML page for GET /docs, with a form per route to
 * try it (docs-try-it.ts). No external assets (Mestring must work with no internet
 * access) and no inline script: its stylesheet (/docs.css) and script (/docs.js) are
 * served from the same origin, which the CSP default-src 'self' allows.
 */
import type { openApiDocument } from './document.ts';
import { tryItForm, tryItIntro } from './docs-try-it.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * @example
 *   c.html(renderDocsPage(openApiDocument()))
 */
export function renderDocsPage(doc: ReturnType<typeof openApiDocument>): string {
  const rows: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods) as [string, Record<string, unknown>][]) {
      const responses = Object.entries(op.responses as Record<string, { description: string }>)
        .map(([status, r]) => `<li><code>${escape(status)}</code> ${escape(r.description)}</li>`).join('');
      const body = (op.requestBody as { content: { 'application/json': { schema: { $ref: string } } } } | undefined)?.content['application/json'].schema.$ref;
      const auth = (op.security as object[]).length ? Object.keys((op.security as Record<string, unknown>[])[0] ?? {}).join(' / ') : 'none';
      rows.push(`<section id="${escape(String(op.operationId))}"><h3><span class="m">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
<p>${escape(String(op.summary))}</p><p><strong>Authentication:</strong> ${escape(auth)}${body ? ` &middot; <strong>Body:</strong> <a href="#schema-${escape(body.split('/').at(-1)!)}">${escape(body.split('/').at(-1)!)}</a>` : ''}</p>
<ul>${responses}</ul>
${tryItForm(method, path, op, doc.components.schemas)}</section>`);
    }
  }
  // A wide schema scrolls sideways: tabindex lets a keyboard user scroll it too.
  const schemas = Object.entries(doc.components.schemas)
    .map(([name, schema]) => `<section id="schema-${escape(name)}"><h3>${escape(name)}</h3><pre tabindex="0">${escape(JSON.stringify(schema, null, 2))}</pre></section>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.info.title)} reference</title>
<link rel="stylesheet" href="/docs.css">
<script src="/docs.js" defer></script>
</head><body><main>
<h1>${escape(doc.info.title)} <small>${escape(doc.info.version)}</small></h1>
<p>${escape(doc.info.description)}</p>
<p>The machine-readable document: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${escape(doc.openapi)}).</p>
${tryItIntro}
<h2>Routes</h2>
${rows.join('\n')}
<h2>Schemas</h2>
${schemas}
</main></body></html>`;
}

/** The page's stylesheet, served from /docs.css (same origin, so CSP default-src 'self' allows it). */
export const docsCss = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:60rem;margin:0 auto;padding:1rem}
section{border-top:1px solid #ccc;padding:.5rem 0}
.m{display:inline-block;min-width:4.5rem;font-weight:700}
pre{background:#f4f4f4;padding:.5rem;overflow:auto;font-size:13px}
code{font-size:.95em}
a{color:#0b5cad}
.try-intro{background:#f4f7fb;border:1px solid #ccd;padding:.25rem 1rem}
details.try summary{cursor:pointer;color:#0b5cad;font-weight:600}
form.try input,form.try select,form.try textarea,#try-token{font:14px ui-monospace,monospace;max-width:100%;box-sizing:border-box}
form.try textarea{width:100%}
form.try button{font:inherit;padding:.25rem .75rem}
.answer{border-left:4px solid #0b5cad;white-space:pre-wrap;word-break:break-word;max-height:30rem}`;
