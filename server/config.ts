/**
 * The one place configuration and secrets are read (environment variables and the
 * secret key file). Everything else receives them as plain values.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHmac, randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

export interface ServerConfig {
  /** PORT, default 8080. */
  port: number;
  /** MESTRING_DATABASE_URL: a postgres:// URL selects PostgreSQL; unset means the SQLite file. */
  databaseUrl: string | undefined;
  /** MESTRING_DB, default ./data/mestring.db: the SQLite file when no database URL is set. */
  dbPath: string;
  /** MESTRING_SECRET_FILE, default ./data/secret.key. */
  secretFile: string;
  /** MESTRING_PROGRAMS, default ./programs: the packs compiled at start. */
  programsDir: string;
  /** MESTRING_BUILD, default ./build/programs: where compiled programs are read from. */
  buildDir: string;
  /** MESTRING_CORS_ORIGINS, comma separated; default none (same origin only). */
  corsOrigins: string[];
  /** Largest request body in bytes (64 KiB). */
  bodyLimit: number;
  /** MESTRING_SECURE_COOKIES, default true; false only for local http development. */
  secureCookies: boolean;
  /** MESTRING_WORDING_OVERLAY: a folder of official questionnaire wording (<instrument>/<item>.txt); default none. */
  wordingOverlay: string | undefined;
}

/**
 * Reads the configuration from `env` with defaults.
 *
 * @example
 *   const config = readConfig(process.env);
 */
export function readConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  return {
    port: Number(env.PORT ?? 8080),
    databaseUrl: env.MESTRING_DATABASE_URL || undefined,
    dbPath: env.MESTRING_DB ?? './data/mestring.db',
    secretFile: env.MESTRING_SECRET_FILE ?? './data/secret.key',
    programsDir: env.MESTRING_PROGRAMS ?? './programs',
    buildDir: env.MESTRING_BUILD ?? './build/programs',
    corsOrigins: (env.MESTRING_CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    bodyLimit: 64 * 1024,
    secureCookies: env.MESTRING_SECURE_COOKIES !== 'false',
    wordingOverlay: env.MESTRING_WORDING_OVERLAY || undefined,
  };
}

/** Keys derived from the secret key file. */
export interface Secrets {
  /** HMAC key for access codes: without it the database cannot log anyone in. */
  codeKey: Buffer;
}

/** Derives the named keys from the master secret. */
export function deriveSecrets(master: Buffer): Secrets {
  return { codeKey: createHmac('sha256', master).update('mestring:code-hmac:v1').digest() };
}

/**
 * Reads the secret key file, creating it (32 random bytes, hex, mode 0600) on first start.
 *
 * @example
 *   const { secrets, created } = loadSecrets('./data/secret.key');
 */
export function loadSecrets(file: string): { secrets: Secrets; created: boolean } {
  let created = false;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    created = true;
  }
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file} does not hold a 64-character hex key`);
  return { secrets: deriveSecrets(Buffer.from(hex, 'hex')), created };
}
