/**
 * Runs the real server as a child process (`node bin/mestring.js serve`) on a data folder
 * in a temp directory, for crash, restart, backup and address tests, on the run's backend
 * (the SQLite file in the folder, or a schema of its own in the PostgreSQL run's cluster,
 * passed to the child as MESTRING_DATABASE_URL). The database is seeded before start (an organisation with licences, codes, and staff whose password
 * and authenticator are set), so tests can log in over HTTP at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, openSync, closeSync, fstatSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { fixturePrograms } from '../server/helpers.ts';
import { loadSecrets } from '../../server/config.ts';
import { openStore } from '../../server/store/open-store.ts';
import { testDatabase } from '../support/test-store.ts';
import { addLicences, createOrg, createStaff, issueCode } from '../../server/admin.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { factorKeys, seal } from '../../server/auth/secret-box.ts';
import { newTotpSecret, totpCode } from '../../server/auth/totp.ts';

const root = join(import.meta.dirname, '..', '..');
/**
 * One build folder for every server of this process: the fixture programs compile once.
 * Made by the first server start (most files import this module for its helpers alone),
 * and removed when the process exits.
 */
let buildDir: string | undefined;
function sharedBuildDir(): string {
  if (!buildDir) {
    const made = mkdtempSync(join(tmpdir(), 'mestring-build-'));
    buildDir = made;
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  }
  return buildDir;
}

export const staffPassword = 'a long staff password';

/**
 * A data folder with a seeded database: org `bydel-a` with `licences` licences of `kurs`,
 * `codes` codes and a professional `kari` with a known password and TOTP secret.
 */
export async function seedDataDir(options: { codes?: number; dir?: string; backend?: 'sqlite' | 'postgres' } = {}) {
  const database = await testDatabase('mestring-server-', options.backend);
  const dir = options.dir ?? database.dir;
  mkdirSync(dir, { recursive: true });
  const dbPath = join(dir, 'mestring.db');
  const secretFile = join(dir, 'secret.key');
  const { secrets } = loadSecrets(secretFile);
  const stores = await openStore({ url: database.url, path: dbPath });
  const now = new Date();
  await createOrg(stores, 'bydel-a', 'Bydel A', now);
  await addLicences(stores, 'bydel-a', 'kurs', 1000);
  const staff = await createStaff(stores, 'bydel-a', 'kari', 'professional', now);
  await stores.staff.setPassword(staff.id, await hashPassword(staffPassword), false);
  const totpSecret = newTotpSecret();
  await stores.staff.setPendingTotp(staff.id, seal(factorKeys(secrets), totpSecret));
  await stores.staff.confirmTotp(staff.id, 0, [], now.toISOString());
  const orgId = (await stores.orgs.bySlug('bydel-a'))!.id;
  const codes = [];
  for (let i = 0; i < (options.codes ?? 3); i++) codes.push(await issueCode(stores, secrets.codeKey, orgId, 'kurs', { staffId: staff.id }, now));
  await stores.close();
  /** The server's environment for this database: MESTRING_DATABASE_URL in the PostgreSQL run. */
  const env: Record<string, string> = database.url ? { MESTRING_DATABASE_URL: database.url } : {};
  return { dir, dbPath, secretFile, codes, totpSecret, url: database.url, env, drop: () => database.drop() };
}
export type DataDir = Awaited<ReturnType<typeof seedDataDir>>;

/** Opens the seeded database (on its backend) for a test to look inside. */
export function openSeeded(data: DataDir) {
  return openStore({ url: data.url, path: data.dbPath });
}

/** Every server child still running: killed when the test worker exits, even after a failed test. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A running server child process. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** SIGKILL: no chance to close anything. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
}

/**
 * Starts `node bin/mestring.js serve` on `data` (port chosen by the OS), resolving when it listens.
 * stdout and stderr are appended to `<dir>/server.log`: tests grep it too. `env` adds to or
 * replaces the environment (an empty string stands for unset); `nodeArgs` go to node (the
 * profiler's --cpu-prof, which NODE_OPTIONS does not take). With `stdoutToFile` the
 * server writes stdout to the log file itself (the benches: see `portFromFile`).
 */
export async function startServerProcess(data: { dir: string; dbPath: string; secretFile: string; env?: Record<string, string> }, env: Record<string, string> = {}, nodeArgs: string[] = [], options: { stdoutToFile?: boolean } = {}): Promise<ServerProcess> {
  const logFile = join(data.dir, 'server.log');
  const logFd = openSync(logFile, 'a');
  const logStart = fstatSync(logFd).size;
  const child = spawn(process.execPath, [...nodeArgs, join(root, 'bin/mestring.js'), 'serve'], {
    cwd: data.dir,
    env: { ...process.env, PORT: '0', MESTRING_DB: data.dbPath, MESTRING_SECRET_FILE: data.secretFile, MESTRING_PROGRAMS: fixturePrograms, MESTRING_BUILD: sharedBuildDir(), ...data.env, ...env },
    stdio: ['ignore', options.stdoutToFile ? logFd : 'pipe', logFd],
  });
  closeSync(logFd);
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => { running.delete(child); resolve(); }));
  const port = options.stdoutToFile ? await portFromFile(child, logFile, logStart) : await portFromPipe(child, logFile);
  return {
    child,
    port,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const addressLine = /serves .* on http:\/\/(?:localhost|[\d.]+|\[[\da-f:]+\]):(\d+)/;

/** The port from the server's stdout, read through a pipe and copied to the log file. */
async function portFromPipe(child: ChildProcess, logFile: string): Promise<number> {
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      appendFileSync(logFile, chunk);
      out += chunk.toString();
      const match = addressLine.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    // stderr goes straight to the log file: the reason a server refused to start is there.
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${readFileSync(logFile, 'utf8')}`)));
  });
  child.stdout!.on('data', (chunk: Buffer) => appendFileSync(logFile, chunk));
  return port;
}

/**
 * The port from a server whose stdout goes straight to its log file, as a service
 * manager's journal takes it: the benches' load generator then never handles the request
 * log itself. The address line is looked for after `from` (the file's size before this
 * start), when the file changes.
 */
function portFromFile(child: ChildProcess, logFile: string, from: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const look = () => {
      const match = addressLine.exec(readFileSync(logFile).subarray(from).toString());
      if (!match) return;
      done();
      resolve(Number(match[1]));
    };
    const watcher = watch(logFile, look);
    const poll = setInterval(look, 50);
    const timer = setTimeout(() => { done(); reject(new Error(`server did not start: ${readFileSync(logFile, 'utf8')}`)); }, 60_000);
    const onExit = (code: number | null) => { done(); reject(new Error(`server exited (${code}): ${readFileSync(logFile, 'utf8')}`)); };
    const done = () => { watcher.close(); clearInterval(poll); clearTimeout(timer); child.off('exit', onExit); };
    child.once('exit', onExit);
  });
}

/** One HTTP request to 127.0.0.1:`port`, optionally from a chosen local address. */
export function request(port: number, method: string, path: string, options: { body?: unknown; token?: string; localAddress?: string; timeoutMs?: number; headers?: Record<string, string> } = {}): Promise<{ status: number; json: any; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = http.request({
      host: '127.0.0.1', port, method, path, localAddress: options.localAddress, agent: false,
      headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
      timeout: options.timeoutMs ?? 10_000,
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        let json: any;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, json, headers: res.headers });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Logs kari in with password and the current TOTP code; returns the staff token. */
export async function staffLoginOverHttp(port: number, secret: string, localAddress?: string): Promise<string> {
  const login = await request(port, 'POST', '/v1/staff/sessions', { body: { org: 'bydel-a', username: 'kari', password: staffPassword }, localAddress });
  if (login.status !== 201) throw new Error(`login ${login.status}`);
  const done = await request(port, 'POST', '/v1/staff/sessions/current/totp', { token: login.json.token, body: { code: totpCode(secret, new Date()) }, localAddress });
  if (done.status !== 200) throw new Error(`totp ${done.status}: ${JSON.stringify(done.json)}`);
  return login.json.token;
}

/** PHQ-9 answers that mark one write: the sum of items 1-8 encodes `n` (0-24). */
export const phq9For = (n: number) => {
  const answers: Record<string, number> = { q9: 0 };
  for (let i = 1; i <= 8; i++) answers[`q${i}`] = Math.min(3, Math.max(0, n - (i - 1) * 3));
  return answers;
};
