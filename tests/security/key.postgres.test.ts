/**
 * On PostgreSQL, as on SQLite, the database records the fingerprint of its secret key: a
 * second server (or a restart) with another key file, or with none, is refused with a
 * message, instead of serving codes that cannot work.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { seedDataDir, startServerProcess, type DataDir } from './server-process.ts';

let data: DataDir;
afterAll(async () => data?.drop());

describe('the secret key of a PostgreSQL database', () => {
  it('is recorded at the first start, and another key or a missing one is refused', { timeout: 120_000 }, async () => {
    data = await seedDataDir({ codes: 1 });
    const first = await startServerProcess(data);
    await first.stop();
    await expect(startServerProcess({ ...data, secretFile: join(data.dir, 'another.key') })).rejects.toThrow(/not the key of the PostgreSQL database|exists, but its secret key/);
    const again = await startServerProcess(data);
    await again.stop();
  });
});
