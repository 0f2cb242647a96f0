/**
 * Backup and restore: `mestring backup` runs while the real server takes writes; a fresh
 * server started on the restored copy (with the same secret key file) has every write
 * acknowledged before the backup began, and the copy passes `PRAGMA integrity_check`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { request, seedDataDir, startServerProcess, phq9For, type DataDir } from './server-process.ts';

const run = promisify(execFile);
let data: DataDir;
afterAll(() => rmSync(data.dir, { recursive: true, force: true }));

describe('mestring backup under write load', () => {
  it('restores into a fresh server with everything acknowledged before it began', async () => {
    data = await seedDataDir({ codes: 1 });
    const server = await startServerProcess(data);
    const login = await request(server.port, 'POST', '/v1/sessions', { body: { code: data.codes[0]!.code, remember: true } });
    const token = login.json.token as string;
    const acknowledged: { id: string; at: number }[] = [];
    let stop = false;
    const writer = async () => {
      for (let n = 0; !stop && n < 5000; n++) {
        const res = await request(server.port, 'POST', '/v1/me/questionnaires/phq9/responses', { token, body: { answers: phq9For(n % 25) } });
        expect(res.status).toBe(201);
        acknowledged.push({ id: res.json.id, at: performance.now() });
      }
    };
    const writers = [writer(), writer(), writer()];
    await new Promise((resolve) => setTimeout(resolve, 300));
    const backupFile = join(data.dir, 'backups', 'copy.db');
    mkdirSync(join(data.dir, 'backups'));
    const began = performance.now();
    const before = acknowledged.filter((a) => a.at < began).map((a) => a.id);
    const { stdout } = await run(process.execPath, [join(import.meta.dirname, '../../bin/mestring.js'), 'backup', backupFile, '--db', data.dbPath, '--json']);
    expect(JSON.parse(stdout).file).toBe(backupFile);
    await new Promise((resolve) => setTimeout(resolve, 200));
    stop = true;
    await Promise.all(writers);
    await server.stop();
    expect(before.length).toBeGreaterThan(10);

    const restored = { dir: join(data.dir, 'restored'), dbPath: join(data.dir, 'restored', 'mestring.db'), secretFile: join(data.dir, 'restored', 'secret.key') };
    mkdirSync(restored.dir);
    copyFileSync(backupFile, restored.dbPath);
    copyFileSync(data.secretFile, restored.secretFile);
    const check = new Database(restored.dbPath, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    const fresh = await startServerProcess(restored);
    const exported = await request(fresh.port, 'GET', '/v1/me/export', { token });
    expect(exported.status).toBe(200);
    const present = new Set(JSON.stringify(exported.json).match(/rsp_[\w-]+/g) ?? []);
    expect(before.filter((id) => !present.has(id))).toEqual([]);
    // The code itself still logs in on the restored server (the secret key came along).
    expect((await request(fresh.port, 'POST', '/v1/sessions', { body: { code: data.codes[0]!.code } })).status).toBe(201);
    await fresh.stop();
  }, 90_000);
});
