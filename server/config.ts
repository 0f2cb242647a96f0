/**
 * The one place configuration and secrets are read (environment variables and the
 * secret key file). Everything else receives them as plain values.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHmac, randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';

export interface ServerConfig {
  /** PORT, default 8080. */
  port: number;
  /** MESTRING_HOST, default 127.0.0.1: the address to listen on (0.0.0.0 or :: for every interface). */
  host: string;
  /** MESTRING_LOG_FORMAT: `json` (default, one object per line) or `pretty` (for people). */
  logFormat: 'json' | 'pretty';
  /** MESTRING_LOG_LEVEL, default `info` (pino levels: trace, debug, info, warn, error, fatal, silent). */
  logLevel: string;
  /** MESTRING_METRICS=1 turns on Prometheus metrics at GET /metrics; default off. */
  metrics: boolean;
  /** MESTRING_METRICS_PORT: serve /metrics on this port (on `host`) instead of the API's port. */
  metricsPort: number | undefined;
  /** MESTRING_SHUTDOWN_TIMEOUT, seconds (default 10): how long a shutdown waits for requests in flight. */
  shutdownTimeoutMs: number;
  /** MESTRING_DATABASE_URL: a postgres:// URL selects PostgreSQL; unset means the SQLite file. */
  databaseUrl: string | undefined;
  /** MESTRING_DB, default ./data/mestring.db: the SQLite file when no database URL is set. */
  dbPath: string;
  /** MESTRING_SECRET_FILE, default `secret.key` in the database's folder. */
  secretFile: string;
  /** MESTRING_PROGRAMS, default ./programs: the packs compiled at start. */
  programsDir: string;
  /** MESTRING_BUILD, default ./build/programs: where compiled programs are read from. */
  buildDir: string;
  /** MESTRING_CORS_ORIGINS, comma separated; default none (same origin only). */
  corsOrigins: string[];
  /** MESTRING_TRUSTED_PROXIES, comma-separated addresses or CIDR ranges; default none. */
  trustedProxies: string[];
  /** Largest request body in bytes (64 KiB). */
  bodyLimit: number;
  /** MESTRING_SECURE_COOKIES, default true; false only for local http development. */
  secureCookies: boolean;
  /** MESTRING_WORDING_OVERLAY: a folder of official questionnaire wording (<instrument>/<item>.txt); default none. */
  wordingOverlay: string | undefined;
  /** MESTRING_PUBLIC_URL: the address partners reach this server at (the OpenAPI document's `servers`); default none. */
  publicUrl: string | undefined;
  /** MESTRING_WEBHOOKS_ALLOW_HTTP=1 lets endpoints be plain http:// (local testing only). */
  webhooksAllowHttp: boolean;
  /** MESTRING_WEBHOOKS_ALLOW_PRIVATE=1 lets endpoints be on the server's own network (loopback, private ranges). */
  webhooksAllowPrivate: boolean;
  /** MESTRING_WEBHOOKS_BACKOFF: seconds before each retry, comma separated; default the worker's schedule (about 27 hours). */
  webhookBackoffMs: number[] | undefined;
  /** MESTRING_WEBHOOKS_TIMEOUT: seconds a receiver may take to answer (default 10). */
  webhookTimeoutMs: number | undefined;
}

const list = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
/** Comma-separated seconds as milliseconds; undefined when unset. */
const seconds = (value: string | undefined, name: string): number[] | undefined => {
  if (!value) return undefined;
  const ms = list(value).map((s) => Number(s) * 1000);
  if (!ms.length || ms.some((n) => !Number.isFinite(n) || n < 0)) throw new Error(`${name} must be seconds, comma separated (such as 5,300,1800)`);
  return ms;
};

/**
 * Reads the configuration from `env` with defaults. The secret key defaults to the
 * database's folder, so that it does not depend on the working folder.
 *
 * @example
 *   const config = readConfig(process.env);
 */
export function readConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const dbPath = env.MESTRING_DB || './data/mestring.db';
  return {
    port: Number(env.PORT ?? 8080),
    host: env.MESTRING_HOST || '127.0.0.1',
    logFormat: env.MESTRING_LOG_FORMAT === 'pretty' ? 'pretty' : 'json',
    logLevel: env.MESTRING_LOG_LEVEL || 'info',
    metrics: env.MESTRING_METRICS === '1' || env.MESTRING_METRICS === 'true',
    metricsPort: env.MESTRING_METRICS_PORT ? Number(env.MESTRING_METRICS_PORT) : undefined,
    shutdownTimeoutMs: 1000 * Number(env.MESTRING_SHUTDOWN_TIMEOUT || 10),
    databaseUrl: env.MESTRING_DATABASE_URL || undefined,
    dbPath,
    secretFile: env.MESTRING_SECRET_FILE || join(dirname(dbPath), 'secret.key'),
    programsDir: env.MESTRING_PROGRAMS ?? './programs',
    buildDir: env.MESTRING_BUILD ?? './build/programs',
    corsOrigins: list(env.MESTRING_CORS_ORIGINS),
    trustedProxies: list(env.MESTRING_TRUSTED_PROXIES),
    bodyLimit: 64 * 1024,
    secureCookies: env.MESTRING_SECURE_COOKIES !== 'false',
    wordingOverlay: env.MESTRING_WORDING_OVERLAY || undefined,
    publicUrl: env.MESTRING_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    webhooksAllowHttp: env.MESTRING_WEBHOOKS_ALLOW_HTTP === '1',
    webhooksAllowPrivate: env.MESTRING_WEBHOOKS_ALLOW_PRIVATE === '1',
    webhookBackoffMs: seconds(env.MESTRING_WEBHOOKS_BACKOFF, 'MESTRING_WEBHOOKS_BACKOFF'),
    webhookTimeoutMs: seconds(env.MESTRING_WEBHOOKS_TIMEOUT, 'MESTRING_WEBHOOKS_TIMEOUT')?.[0],
  };
}

/** Keys derived from the secret key file. */
export interface Secrets {
  /** HMAC key for access codes: without it the database cannot log anyone in. */
  codeKey: Buffer;
  /** HMAC key for throttle counter names (address buckets, under an hourly key derived from it; accounts). */
  throttleKey: Buffer;
  /** The key altcha-lib signs proof-of-work challenges with (hex). */
  challengeKey: string;
  /** Names the key without revealing it: the database records it to notice a wrong key file. */
  fingerprint: string;
}

/** Derives the named keys from the master secret. */
export function deriveSecrets(master: Buffer): Secrets {
  const derive = (label: string) => createHmac('sha256', master).update(label).digest();
  return {
    codeKey: derive('mestring:code-hmac:v1'),
    throttleKey: derive('mestring:throttle:v1'),
    challengeKey: derive('mestring:proof-of-work:v1').toString('hex'),
    fingerprint: derive('mestring:key-fingerprint:v1').toString('hex').slice(0, 32),
  };
}

/**
 * Reads the secret key file, creating it (32 random bytes, hex, mode 0600, in a folder
 * created 0700) on first start.
 *
 * @example
 *   const { secrets, created } = loadSecrets('./data/secret.key');
 */
export function loadSecrets(file: string): { secrets: Secrets; created: boolean } {
  let created = false;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    created = true;
  }
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file} does not hold a 64-character hex key`);
  return { secrets: deriveSecrets(Buffer.from(hex, 'hex')), created };
}
