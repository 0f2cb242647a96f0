// The client's only way to the server: the public HTTP API. Errors come back as
// ApiError with the API's stable code, status and any field details.

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

/**
 * Makes an API client that sends `Authorization: Bearer` with the token from `getToken`.
 * @param {{ getToken?: () => string | null, onUnauthorized?: () => void }} [options]
 */
export function createApi({ getToken = () => null, onUnauthorized = () => {} } = {}) {
  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   */
  async function request(method, path, body) {
    /** @type {Record<string, string>} */
    const headers = { accept: 'application/json' };
    const token = getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    if (res.status === 204) return null;
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      if (res.status === 401 && token) onUnauthorized();
      throw new ApiError(res.status, data.error ?? {}, res.headers);
    }
    return data;
  }
  return {
    get: (path) => request('GET', path),
    post: (path, body = {}) => request('POST', path, body),
    put: (path, body = {}) => request('PUT', path, body),
    del: (path) => request('DELETE', path),
  };
}
