/** The web client's files: compressed as the client accepts, with an ETag, and 304 for a current copy. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { webDir } from '../../server/routes/web.ts';
import { testApp, type TestEnv } from './helpers.ts';

let env: TestEnv;
afterEach(async () => env?.close());

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await env.app.request(path, { headers });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('static assets', () => {
  it('sends brotli, gzip or plain bytes as accepted, each the same file', async () => {
    env = await testApp();
    const file = readFileSync(join(webDir, 'static', 'js', 'blocks.js'));
    const br = await get('/static/js/blocks.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.res.headers.get('content-encoding')).toBe('br');
    expect(br.res.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.bytes.length).toBeLessThan(file.length / 2);
    expect(brotliDecompressSync(br.bytes).equals(file)).toBe(true);
    const gzip = await get('/static/js/blocks.js', { 'accept-encoding': 'gzip' });
    expect(gzip.res.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(gzip.bytes).equals(file)).toBe(true);
    const plain = await get('/static/js/blocks.js', { 'accept-encoding': 'br;q=0' });
    expect(plain.res.headers.get('content-encoding')).toBeNull();
    expect(plain.bytes.equals(file)).toBe(true);
    expect(plain.res.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers a current copy with 304 and no body, by its ETag', async () => {
    env = await testApp();
    for (const path of ['/static/js/blocks.js', '/']) {
      const first = await get(path);
      const etag = first.res.headers.get('etag');
      expect(etag).toMatch(/^"[\w-]{22}"$/);
      expect(first.res.headers.get('cache-control')).toBe('no-cache');
      const again = await get(path, { 'if-none-match': etag! });
      expect([again.res.status, again.bytes.length, again.res.headers.get('etag')]).toEqual([304, 0, etag]);
      expect(again.res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect((await get(path, { 'if-none-match': '"something-else"' })).res.status).toBe(200);
    }
  });
});
