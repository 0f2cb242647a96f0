/**
 * A typed Mestring client: openapi-fetch over the types openapi-typescript generated from
 * the server's /openapi.json (src/api.d.ts). Every path, parameter, body and response is
 * checked by the TypeScript compiler against the document.
 */
import createClient from 'openapi-fetch';
import type { paths } from './api.d.ts';

export type Mestring = ReturnType<typeof createClient<paths>>;

/**
 * A client for `baseUrl`, sending `token` (a person session, staff session or API key) as a bearer token.
 *
 * @example
 *   const staff = mestring('https://mestring.example.org', process.env.MESTRING_API_KEY);
 */
export function mestring(baseUrl: string, token?: string): Mestring {
  return createClient<paths>({ baseUrl, headers: token ? { authorization: `Bearer ${token}` } : {} });
}

/** The body of a successful answer, or an Error naming the API's stable error code. */
export function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data !== undefined) return result.data;
  const code = (result.error as { error?: { code?: string } } | undefined)?.error?.code ?? 'no_body';
  throw new Error(`${result.response.status} ${code}`);
}
