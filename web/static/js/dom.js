// Small DOM helpers. Text always goes in as text nodes; the only HTML ever inserted
// is the program content, which the compiler sanitized at build time, and SVG the
// server made (QR codes).

/** @typedef {Node | string | number | null | undefined | false} Child */
/** @typedef {Child | Children[]} Children */

/**
 * Creates an element. `props` sets attributes (`class`, `for`, `aria-*`, ...) and
 * `on*` listeners; children are nodes or strings (added as text).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [props]
 * @param {...Children} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), /** @type {EventListener} */ (value));
    else if (key === 'value') /** @type {HTMLInputElement} */ (/** @type {unknown} */ (el)).value = String(value);
    else if (key === 'checked') /** @type {HTMLInputElement} */ (/** @type {unknown} */ (el)).checked = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/**
 * @param {Element} el
 * @param {Children[]} children
 */
function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/**
 * An element holding sanitized program HTML from the compiled program.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} html
 * @param {Record<string, unknown>} [props]
 */
export function trustedContent(tag, html, props = {}) {
  const el = h(tag, props);
  el.innerHTML = html;
  return el;
}

/**
 * Replaces the children of `el`.
 * @param {Element} el
 * @param {...Children} children
 */
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
