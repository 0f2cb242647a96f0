/** `mestring backup` is for the SQLite file; on PostgreSQL it says which tools to use instead. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'mestring-backup-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mestring backup', () => {
  it('refuses with MESTRING_DATABASE_URL set and names pg_dump, writing no file', () => {
    const target = join(dir, 'copy.db');
    const result = spawnSync(process.execPath, [join(root, 'bin/mestring.js'), 'backup', target], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, MESTRING_DATABASE_URL: 'postgres://mestring@127.0.0.1:1/mestring' },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('pg_dump');
    expect(existsSync(target)).toBe(false);
  });
});
