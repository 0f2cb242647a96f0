/**
 * What only the SQLite store does: group commit (many writes, one transaction and one
 * fsync, each caller answered after the commit) and upgrading a file made by the first
 * server, whose migration history was kept in another table.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, type Store } from '../../server/store/open-store.ts';
import { migrations } from '../../server/store/migrations/index.ts';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.close();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'mestring-store-'));
  dirs.push(dir);
  return join(dir, 'test.db');
};
const now = '2025-03-03T08:00:00.000Z';

describe('the SQLite store', () => {
  it('has an index led by code_id on every table that holds one, and on codes.group_id', async () => {
    const path = tempDb();
    stores.push(await openStore({ path }));
    const db = new Database(path, { readonly: true });
    try {
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
      const leading = (table: string) => (db.prepare('SELECT name FROM pragma_index_list(?)').all(table) as { name: string }[])
        .map((i) => (db.prepare('SELECT name FROM pragma_index_info(?) WHERE seqno = 0').get(i.name) as { name: string }).name);
      const withCode = tables.filter((t) => (db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(t, 'code_id')));
      expect(withCode).toContain('appointments');
      expect(withCode.filter((t) => !leading(t).includes('code_id'))).toEqual([]);
      expect(leading('codes')).toContain('group_id');
    } finally {
      db.close();
    }
  });

  it('commits the writes of one event-loop turn together and answers each after the commit', async () => {
    const batches: number[] = [];
    const store = await openStore({ path: tempDb(), onBatch: (n) => batches.push(n) });
    stores.push(store);
    const orgId = await store.orgs.create('bydel-a', 'Bydel A', now);
    await store.orgs.addLicences(orgId, 'kurs', 100);
    batches.length = 0;
    await Promise.all(Array.from({ length: 50 }, () => store.orgs.useLicence(orgId, 'kurs')));
    expect(batches.reduce((a, b) => a + b, 0)).toBe(50);
    expect(batches.length).toBeLessThan(5);
    expect(await store.orgs.licences(orgId)).toEqual([{ program_id: 'kurs', total: 100, used: 50 }]);
  });

  it('lets a read made while a group commit is open wait for it, so it never sees a write that is then undone', async () => {
    const store = await openStore({ path: tempDb() });
    stores.push(store);
    let insertedId: number | undefined;
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    const failing = store.transaction(async (tx) => {
      insertedId = await tx.orgs.create('bydel-a', 'Bydel A', now);
      inserted();
      await gate;
      throw new Error('undone');
    });
    await insertedYet;
    expect(store.sqlite!.inTransaction).toBe(true);
    // A prepared read (store/prepared.ts) asked while the transaction holds the connection.
    const read = store.orgs.byId(insertedId!);
    letGo();
    await expect(failing).rejects.toThrow('undone');
    expect(await read).toBeUndefined();
    expect(await store.orgs.count()).toBe(0);
  });

  it('lets the reads of one event-loop turn share one read transaction; a later turn sees every commit, and a write is never held in it', async () => {
    const path = tempDb();
    const store = await openStore({ path });
    stores.push(store);
    const id = await store.orgs.create('bydel-a', 'Bydel A', now);
    const other = new Database(path);
    try {
      // In one turn the reads see one snapshot: another connection's commit after the
      // first read is not seen in the same turn...
      expect((await store.orgs.byId(id))?.name).toBe('Bydel A');
      other.prepare('UPDATE orgs SET name = ? WHERE id = ?').run('Bydel B', id);
      expect((await store.orgs.byId(id))?.name).toBe('Bydel A');
      // ... and is in the next.
      await new Promise((resolve) => setImmediate(resolve));
      expect((await store.orgs.byId(id))?.name).toBe('Bydel B');
      // A write after a read in the same turn is committed before it is answered: the
      // other connection sees it at once, and the store's next read too.
      const second = await store.orgs.create('bydel-c', 'Bydel C', now);
      expect(other.prepare('SELECT name FROM orgs WHERE id = ?').get(second)).toEqual({ name: 'Bydel C' });
      expect((await store.orgs.byId(second))?.name).toBe('Bydel C');
      expect(store.sqlite?.inTransaction).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
      expect(store.sqlite?.inTransaction).toBe(false);
    } finally {
      other.close();
    }
  });

  it('upgrades a database made by the first server and keeps its rows', async () => {
    const path = tempDb();
    const legacy = new Database(path);
    const folder = fileURLToPath(new URL('./fixtures/legacy-schema/', import.meta.url));
    legacy.exec('CREATE TABLE schema_migrations (number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const name of readdirSync(folder).sort()) {
      legacy.exec(readFileSync(join(folder, name), 'utf8'));
      legacy.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(Number(name.slice(0, 3)), name, now);
    }
    legacy.prepare("INSERT INTO orgs (slug, name, created_at) VALUES ('bydel-a', 'Bydel A', ?)").run(now);
    legacy.close();
    const store = await openStore({ path });
    stores.push(store);
    expect((await store.orgs.bySlug('bydel-a'))?.name).toBe('Bydel A');
    const tables = store.sqlite!.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'schema_%' ORDER BY name").all();
    expect(tables).toEqual([{ name: 'schema_history' }, { name: 'schema_history_lock' }]);
    expect(store.sqlite!.prepare('SELECT name FROM schema_history ORDER BY name').all()).toEqual(Object.keys(migrations('sqlite')).map((name) => ({ name })));
  });
});
