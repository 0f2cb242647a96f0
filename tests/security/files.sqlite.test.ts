/**
 * Safe files, on the real server (a child process): a new data folder is created 0700 and
 * the database, its -wal and -shm, the secret key and backups 0600; the secret key lives
 * beside the database whatever the working folder; start-up warns when files are readable
 * by others; a key that does not belong to the database, or a missing key for an existing
 * database, is refused with a clear message instead of a start where no code works.
 */
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { request, startServerProcess } from './server-process.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const top = mkdtempSync(join(tmpdir(), 'mestring-files-'));
afterAll(() => rmSync(top, { recursive: true, force: true }));

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('a first start in an empty place', () => {
  const elsewhere = join(top, 'working-folder');
  const dataDir = join(top, 'srv', 'data');
  const dbPath = join(dataDir, 'mestring.db');
  const data = { dir: elsewhere, dbPath, secretFile: '' };

  it('creates the folder 0700, the database, -wal, -shm and the key 0600, with the key beside the database', async () => {
    mkdirSync(elsewhere, { recursive: true });
    const server = await startServerProcess(data, { MESTRING_SECRET_FILE: '' });
    onTestFinished(() => server.kill());
    expect((await request(server.port, 'GET', '/healthz')).status).toBe(200);
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(true);
    expect(existsSync(join(elsewhere, 'data', 'secret.key'))).toBe(false);
    expect(mode(dataDir)).toBe('700');
    for (const file of ['mestring.db', 'mestring.db-wal', 'mestring.db-shm', 'secret.key']) expect([file, mode(join(dataDir, file))]).toEqual([file, '600']);
    const backup = join(top, 'backup.db');
    await run(process.execPath, [join(root, 'bin/mestring.js'), 'backup', backup, '--db', dbPath]);
    expect(mode(backup)).toBe('600');
    await server.stop();
  }, 120_000);

  it('warns at start-up when the files are readable by others', async () => {
    chmodSync(dbPath, 0o644);
    chmodSync(dataDir, 0o755);
    const server = await startServerProcess(data, { MESTRING_SECRET_FILE: '' });
    await server.stop();
    const log = readFileSync(join(elsewhere, 'server.log'), 'utf8');
    expect(log).toContain(`warning: ${dbPath} is mode 0644: others can read it; make it 0600`);
    expect(log).toMatch(/warning: .*srv\/data is mode 0755: others can read it; make it 0700/);
    chmodSync(dbPath, 0o600);
    chmodSync(dataDir, 0o700);
  }, 120_000);

  it('refuses to start with another key, or with none, and says what to do', async () => {
    const key = join(dataDir, 'secret.key');
    renameSync(key, `${key}.kept`);
    writeFileSync(key, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    await expect(startServerProcess(data, { MESTRING_SECRET_FILE: '' })).rejects.toThrow(/server exited/);
    expect(readFileSync(join(elsewhere, 'server.log'), 'utf8')).toMatch(/secret key .*secret\.key is not the key of the database .*mestring\.db.*start with the key file the database was created with/);

    rmSync(key);
    await expect(startServerProcess(data, { MESTRING_SECRET_FILE: '' })).rejects.toThrow(/server exited/);
    expect(readFileSync(join(elsewhere, 'server.log'), 'utf8')).toMatch(/the database .*mestring\.db exists, but its secret key .*secret\.key does not.*No new key is made/);
    expect(existsSync(key)).toBe(false);

    renameSync(`${key}.kept`, key);
    const server = await startServerProcess(data, { MESTRING_SECRET_FILE: '' });
    onTestFinished(() => server.kill());
    expect((await request(server.port, 'GET', '/healthz')).status).toBe(200);
    await server.stop();
  }, 180_000);
});
