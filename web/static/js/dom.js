// Small DOM helpers. Text always goes in as text nodes; the only HTML ever inserted
// is the program content, which the compiler sanitized at build time.

/**
 * Creates an element. `props` sets attributes (`class`, `for`, `aria-*`, ...) and
 * `on*` listeners; children are nodes or strings (added as text).
 * @param {string} tag
 * @param {Record<string, unknown>} [props]
 * @param {...(Node|string|null|undefined|false|Array<Node|string|null|undefined|false>)} children
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), /** @type {EventListener} */ (value));
    else if (key === 'value') /** @type {HTMLInputElement} */ (el).value = String(value);
    else if (key === 'checked') /** @type {HTMLInputElement} */ (el).checked = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** An element holding sanitized program HTML from the compiled program. */
export function trustedContent(tag, html, props = {}) {
  const el = h(tag, props);
  el.innerHTML = html;
  return el;
}

/** Replaces the children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

let idCounter = 0;
/** A unique id for label/aria wiring. */
export function uid(prefix = 'id') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** Formats an ISO date-time for people, in the current language. */
export function formatDateTime(iso, lang, withTime = true) {
  if (!iso) return '';
  const d = new Date(iso);
  const opts = withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' };
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nb-NO', opts).format(d);
}
