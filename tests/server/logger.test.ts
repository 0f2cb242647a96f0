/**
 * The server's JSON log on a buffered, asynchronous destination (server/logger.ts): every
 * line arrives whole and in order, byte for byte (non-ASCII too), once flushed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bufferedDestination, flushLog, loggerTo } from '../../server/logger.ts';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

describe('the buffered log', () => {
  it('writes every line whole and in order, non-ASCII byte for byte, across many 32 KB writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mestring-log-'));
    dirs.push(dir);
    const file = join(dir, 'log.jsonl');
    const log = loggerTo(bufferedDestination(file));
    const n = 5000;
    for (let i = 0; i < n; i++) log.info({ route: '/v1/me/sections/:id', status: 200, i, note: i % 7 === 0 ? 'Bydel «Å» 😀' : 'x' }, 'request');
    await flushLog(log);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(n);
    lines.forEach((line, i) => {
      const entry = JSON.parse(line);
      expect([entry.level, entry.msg, entry.i, entry.note]).toEqual(['info', 'request', i, i % 7 === 0 ? 'Bydel «Å» 😀' : 'x']);
      expect(entry.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });
  });
});
