// Entries written without a connection: kept on the device (IndexedDB), tied to the
// person's owner key, and sent in the order they were written when the connection is
// back (on the `online` event, at start and after login). Listeners hear
// `mestring:outbox` on window whenever the waiting list changes.
import * as idb from '../idb.js';
import { ApiError, OfflineError } from '../api.js';
import { api, getOwner } from './session.js';

/**
 * @typedef {{ key: string, owner: string, exerciseId: string, entryId?: string, values: Record<string, unknown>, savedAt: string, problem?: string }} Pending
 * @typedef {import('../../../types/client').Schemas['Entry']} Entry
 */

/** Entries the server accepted in the last flush, by exercise: the page swaps its waiting copies for them. */
/** @typedef {{ sent: { key: string, entry: Entry }[], waiting: number }} OutboxChange */

/** @param {OutboxChange} detail */
const announce = (detail) => window.dispatchEvent(new CustomEvent('mestring:outbox', { detail }));

/** What is waiting for the logged-in person, oldest first. */
export async function waiting() {
  const owner = getOwner();
  if (!owner) return [];
  /** @type {Pending[]} */
  const records = await idb.all('outbox').catch(() => []);
  return records.filter((r) => r.owner === owner).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}

/**
 * Keeps an entry on the device to send later. `entryId` edits a saved entry; `key`
 * replaces an entry that is already waiting.
 * @param {{ exerciseId: string, values: Record<string, unknown>, entryId?: string, key?: string }} entry
 * @returns {Promise<Pending>}
 */
export async function keep({ exerciseId, values, entryId, key }) {
  const owner = getOwner();
  if (!owner) throw new OfflineError();
  const previous = key ? /** @type {Pending | undefined} */ (await idb.get('outbox', key)) : undefined;
  /** @type {Pending} */
  const record = { key: key ?? crypto.randomUUID(), owner, exerciseId, values, savedAt: previous?.savedAt ?? new Date().toISOString(), ...(entryId ? { entryId } : {}) };
  await idb.put('outbox', record);
  announce({ sent: [], waiting: (await waiting()).length });
  return record;
}

/**
 * Drops a waiting entry (the person deleted it before it was sent).
 * @param {string} key
 */
export async function drop(key) {
  await idb.remove('outbox', key);
  announce({ sent: [], waiting: (await waiting()).length });
}

/** Deletes everything the logged-in person has waiting or drafted on the device (logout, erasure). */
export async function forgetDevice() {
  const owner = getOwner();
  if (!owner) return;
  for (const store of /** @type {const} */ (['outbox', 'drafts'])) {
    const records = await idb.all(store).catch(() => []);
    for (const r of records) if (r.owner === owner) await idb.remove(store, r.key);
  }
}

/**
 * Sends one waiting entry; a form that already has its one entry on the server
 * (`entry_exists`) becomes an edit of it.
 * @param {Pending} record
 * @returns {Promise<Entry>}
 */
async function send(record) {
  const path = { id: record.exerciseId };
  if (record.entryId) return api.put('/v1/me/exercises/{id}/entries/{entryId}', { ...path, entryId: record.entryId }, { values: /** @type {any} */ (record.values) });
  try {
    return await api.post('/v1/me/exercises/{id}/entries', path, { values: /** @type {any} */ (record.values) });
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'entry_exists') throw err;
    const { entries } = await api.get('/v1/me/exercises/{id}/entries', path);
    const existing = entries[0];
    if (!existing) throw err;
    return api.put('/v1/me/exercises/{id}/entries/{entryId}', { ...path, entryId: existing.id }, { values: /** @type {any} */ (record.values) });
  }
}

/** @type {Promise<OutboxChange> | null} */
let flushing = null;

/**
 * Sends what is waiting, oldest first; stops at the first connection failure. An
 * entry the server refuses is kept with the problem, for the person to fix.
 * @returns {Promise<OutboxChange>}
 */
export function flush() {
  flushing ??= (async () => {
    /** @type {OutboxChange['sent']} */
    const sent = [];
    try {
      for (const record of await waiting()) {
        if (record.problem) continue;
        try {
          const entry = await send(record);
          await idb.remove('outbox', record.key);
          sent.push({ key: record.key, entry });
        } catch (err) {
          if (err instanceof OfflineError || (err instanceof ApiError && (err.status === 401 || err.status >= 500))) break;
          await idb.put('outbox', { ...record, problem: err instanceof ApiError ? err.code : 'unknown' });
        }
      }
    } finally {
      flushing = null;
    }
    const detail = { sent, waiting: (await waiting()).length };
    announce(detail);
    return detail;
  })();
  return flushing;
}

/** Sends what is waiting now and whenever the connection comes back. */
export function startSending() {
  window.addEventListener('online', () => void flush());
  // The online event does not always come (navigator.onLine may never have said offline):
  // while something waits, try again every ten seconds.
  setInterval(() => {
    void waiting().then((w) => { if (w.some((r) => !r.problem)) void flush(); }, () => {});
  }, 10_000);
  void flush();
}
