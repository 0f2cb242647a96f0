/**
 * "Try it" on GET /docs: each operation gets a form (path, query and header parameters,
 * a JSON body prefilled with the schema's required fields) that the page's script
 * (/docs.js) sends with fetch to this server and whose answer it shows under the form.
 * The script is served from the same origin, so the CSP (default-src 'self') needs no
 * exception: no inline script, no eval, no other origin. Without the script the forms
 * are inert and the page is still a full reference.
 */

type Json = Record<string, any>;

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const placeholderOf = (schema: Json | undefined): unknown => {
  const type = Array.isArray(schema?.type) ? schema.type[0] : schema?.type;
  if (schema?.enum) return schema.enum[0];
  return type === 'integer' || type === 'number' ? 0 : type === 'boolean' ? false : type === 'array' ? [] : type === 'object' ? {} : '';
};

/**
 * A starting body for a request schema: its required properties with empty values of
 * their types (one level of $ref followed), so a partner sees what to fill in.
 *
 * @example
 *   bodySkeleton('#/components/schemas/SessionRequest', schemas) // '{\n  "code": ""\n}'
 */
export function bodySkeleton(ref: string, schemas: Json): string {
  const resolve = (s: Json | undefined): Json | undefined => (typeof s?.$ref === 'string' ? schemas[s.$ref.split('/').at(-1)!] : s);
  const schema = resolve(schemas[ref.split('/').at(-1)!]);
  const required: string[] = schema?.required ?? [];
  const body = Object.fromEntries(required.map((name) => [name, placeholderOf(resolve(schema?.properties?.[name]))]));
  return JSON.stringify(body, null, 2);
}

/**
 * The try-it form of one operation, folded in a <details> under its description.
 *
 * @example
 *   tryItForm('get', '/healthz', doc.paths['/healthz'].get, doc.components.schemas)
 */
export function tryItForm(method: string, path: string, op: Json, schemas: Json): string {
  const id = String(op.operationId);
  const fields = ((op.parameters ?? []) as Json[]).map((p) => {
    const fieldId = `${id}-${p.in}-${p.name}`;
    const label = `<label for="${escape(fieldId)}"><code>${escape(p.name)}</code> (${escape(p.in)}${p.required ? ', required' : ''})</label>`;
    const data = `data-in="${escape(p.in)}" data-name="${escape(p.name)}"`;
    const input = Array.isArray(p.schema?.enum)
      ? `<select id="${escape(fieldId)}" ${data}><option value="">(none)</option>${(p.schema.enum as string[]).map((v) => `<option>${escape(v)}</option>`).join('')}</select>`
      : `<input id="${escape(fieldId)}" ${data} autocomplete="off" spellcheck="false"${p.required ? ' required' : ''}>`;
    return `<p>${label} ${input}</p>`;
  });
  const bodyRef = (op.requestBody as Json | undefined)?.content?.['application/json']?.schema?.$ref as string | undefined;
  if (bodyRef) {
    fields.push(`<p><label for="${escape(id)}-body">JSON body</label><br><textarea id="${escape(id)}-body" data-in="body" rows="4" spellcheck="false">${escape(bodySkeleton(bodyRef, schemas))}</textarea></p>`);
  }
  return `<details class="try"><summary>Try it</summary>
<form class="try" data-method="${escape(method.toUpperCase())}" data-path="${escape(path)}">
${fields.join('\n')}
<p><button type="submit">Send ${escape(method.toUpperCase())} ${escape(path)}</button></p>
<pre class="answer" tabindex="0" aria-live="polite" hidden></pre>
</form></details>`;
}

/** The box at the top of the page: the token every try-it request sends. */
export const tryItIntro = `<section id="try" class="try-intro"><h2>Trying requests</h2>
<p>Every route below has a <strong>Try it</strong> form. It sends the request from this page to this server (not to another address in <code>servers</code>) and shows the status, content type and body of the answer. The page never sends a cookie: authenticate with a token.</p>
<p><label for="try-token">Bearer token (a person's <code>msp_...</code> from <code>POST /v1/sessions</code>, a staff <code>mss_...</code> or an API key <code>msk_...</code>)</label><br>
<input id="try-token" type="password" autocomplete="off" spellcheck="false" size="60"></p></section>`;

/** The page's script, served from /docs.js. Plain ES2020: it runs as written in the browser. */
export const docsScript = `'use strict';
(() => {
  const token = document.getElementById('try-token');
  const textTypes = /json|^text\\/|xml|javascript/;
  async function send(form) {
    const answer = form.querySelector('.answer');
    let path = form.dataset.path;
    const query = new URLSearchParams();
    const headers = {};
    let body;
    for (const field of form.querySelectorAll('[data-in]')) {
      const value = field.value.trim();
      if (!value) continue;
      const name = field.dataset.name;
      if (field.dataset.in === 'path') path = path.replace('{' + name + '}', encodeURIComponent(value));
      else if (field.dataset.in === 'query') query.append(name, value);
      else if (field.dataset.in === 'header') headers[name] = value;
      else if (field.dataset.in === 'body') body = field.value;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token && token.value.trim()) headers.authorization = 'Bearer ' + token.value.trim();
    const url = path + (query.toString() ? '?' + query : '');
    answer.hidden = false;
    answer.textContent = 'Sending ' + form.dataset.method + ' ' + url + ' ...';
    try {
      const res = await fetch(url, { method: form.dataset.method, headers, body, credentials: 'omit', cache: 'no-store' });
      const type = res.headers.get('content-type') || '';
      let text;
      if (!type || textTypes.test(type)) {
        text = await res.text();
        if (/json/.test(type)) {
          try { text = JSON.stringify(JSON.parse(text), null, 2); } catch { /* shown as sent */ }
        }
      } else {
        text = '(' + (await res.arrayBuffer()).byteLength + ' bytes of ' + type + ')';
      }
      answer.textContent = form.dataset.method + ' ' + url + '\\n' + res.status + ' ' + res.statusText + '\\ncontent-type: ' + type + '\\n\\n' + text;
    } catch (error) {
      answer.textContent = 'The request did not get an answer: ' + error.message;
    }
  }
  for (const form of document.querySelectorAll('form.try')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void send(form);
    });
  }
})();
`;
