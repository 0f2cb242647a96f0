// The client's only way to the server: the public HTTP API, called by the path
// templates of the OpenAPI document so that each call is typed from it. Errors come
// back as ApiError with the API's stable code; no connection is an OfflineError.

/** @typedef {import('../../types/client').Method} Method */

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {{ code?: string, message?: string, [k: string]: unknown }} body
   * @param {Headers} [headers]
   */
  constructor(status, body, headers) {
    super(body.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body.code ?? 'unknown';
    this.body = body;
    this.retryAfter = Number(headers?.get('retry-after') ?? 0);
  }
}

/** The request never reached the server (no network): the caller may keep the data and try later. */
export class OfflineError extends Error {
  constructor() {
    super('offline');
  }
}

/**
 * Fills a path template: ('/v1/me/sections/{id}', { id: 'a b' }) -> '/v1/me/sections/a%20b'.
 * @param {string} template
 * @param {Record<string, string>} [params]
 */
export function fillPath(template, params = {}) {
  return template.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(params[name] ?? ''));
}

/**
 * Makes an API client that sends `Authorization: Bearer` with the token from `getToken`.
 * A response the service worker answered from the device (no network) fires
 * `mestring:from-device` on window, so the page can say so.
 * @param {{ getToken?: () => string | null, onUnauthorized?: () => void }} [options]
 */
export function createApi({ getToken = () => null, onUnauthorized = () => {} } = {}) {
  /**
   * @param {Method} method
   * @param {string} path
   * @param {unknown} [body]
   * @param {string} [query]
   * @returns {Promise<any>}
   */
  async function request(method, path, body, query = '') {
    /** @type {Record<string, string>} */
    const headers = { accept: 'application/json' };
    // The page's language, not the browser's: public routes and error messages answer in it.
    if (typeof document !== 'undefined' && document.documentElement.lang) headers['accept-language'] = document.documentElement.lang;
    const token = getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res;
    try {
      res = await fetch(path + query, { method: method.toUpperCase(), headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    } catch {
      throw new OfflineError();
    }
    // Whether the answer came from the network or from what the device kept: navigator.onLine
    // can say online while nothing gets through (a reload without a connection, a network
    // with no way out), so the page goes by what actually answered.
    window.dispatchEvent(new CustomEvent(res.headers.get('x-mestring-from-device') ? 'mestring:from-device' : 'mestring:from-network'));
    if (res.status === 204) return null;
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      if (res.status === 401 && token) onUnauthorized();
      throw new ApiError(res.status, data.error ?? {}, res.headers);
    }
    return data;
  }
  return {
    /**
     * @template {import('../../types/client').PathsWith<'get'>} P
     * @param {P} path
     * @param {import('../../types/client').ParamsOf<P>} [params]
     * @param {string} [query] e.g. "?since=2026-11-01"
     * @returns {Promise<import('../../types/client').ResponseOf<P, 'get'>>}
     */
    get: (path, params, query) => request('get', fillPath(path, /** @type {Record<string, string>} */ (params)), undefined, query),
    /**
     * @template {import('../../types/client').PathsWith<'post'>} P
     * @param {P} path
     * @param {import('../../types/client').ParamsOf<P>} params
     * @param {import('../../types/client').RequestOf<P, 'post'>} [body]
     * @returns {Promise<import('../../types/client').ResponseOf<P, 'post'>>}
     */
    post: (path, params, body) => request('post', fillPath(path, /** @type {Record<string, string>} */ (params)), body ?? {}),
    /**
     * @template {import('../../types/client').PathsWith<'put'>} P
     * @param {P} path
     * @param {import('../../types/client').ParamsOf<P>} params
     * @param {import('../../types/client').RequestOf<P, 'put'>} body
     * @returns {Promise<import('../../types/client').ResponseOf<P, 'put'>>}
     */
    put: (path, params, body) => request('put', fillPath(path, /** @type {Record<string, string>} */ (params)), body),
    /**
     * @template {import('../../types/client').PathsWith<'delete'>} P
     * @param {P} path
     * @param {import('../../types/client').ParamsOf<P>} [params]
     * @returns {Promise<null>}
     */
    del: (path, params) => request('delete', fillPath(path, /** @type {Record<string, string>} */ (params))),
  };
}
