/**
 * The web client's files as the server sends them: read once, compressed once (brotli
 * and gzip, for text types), named by a strong ETag of their content, and read again
 * only when the file's modification time changes. A request with a matching
 * If-None-Match is answered 304 with no body, so a return visit re-downloads nothing.
 */
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

export interface Asset {
  body: Uint8Array<ArrayBuffer>;
  gzip?: Uint8Array<ArrayBuffer>;
  br?: Uint8Array<ArrayBuffer>;
  etag: string;
  mtimeMs: number;
}

/** Types worth compressing (images and fonts are compressed already). */
const compressible = /^(text\/|application\/(json|manifest\+json|javascript)|image\/svg\+xml)/;

const assets = new Map<string, Asset>();

/**
 * The asset at `path` (absolute), from the cache while the file is unchanged.
 * Throws when the file cannot be read.
 */
export async function loadAsset(path: string, type: string): Promise<Asset> {
  const { mtimeMs } = await stat(path);
  const cached = assets.get(path);
  if (cached && cached.mtimeMs === mtimeMs) return cached;
  const body = new Uint8Array(await readFile(path));
  const asset: Asset = { body, mtimeMs, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
  if (compressible.test(type) && body.byteLength > 512) {
    asset.gzip = new Uint8Array(gzipSync(body, { level: 9 }));
    asset.br = new Uint8Array(brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } }));
  }
  assets.set(path, asset);
  return asset;
}

/** Whether an If-None-Match header names `etag` (or is `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/** The best encoding of `asset` the client accepts: brotli, then gzip, else none. */
export function pickEncoding(asset: Asset, acceptEncoding: string | undefined): { body: Uint8Array<ArrayBuffer>; encoding?: 'br' | 'gzip' } {
  const accepted = (acceptEncoding ?? '').toLowerCase();
  const accepts = (name: string) => new RegExp(`(^|,)\\s*${name}\\s*(;\\s*q=(?!0(\\.0*)?\\s*(,|$))[\\d.]+)?\\s*(,|$)`).test(accepted);
  if (asset.br && accepts('br')) return { body: asset.br, encoding: 'br' };
  if (asset.gzip && accepts('gzip')) return { body: asset.gzip, encoding: 'gzip' };
  return { body: asset.body };
}
