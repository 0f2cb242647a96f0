// A small promise wrapper over IndexedDB for what must survive closing the page: the
// entries written offline (outbox) and unsaved form text (drafts). Records are keyed
// by their `key` property.

const name = 'mestring';
/** @typedef {'outbox' | 'drafts'} StoreName */
/** @type {StoreName[]} */
const storeNames = ['outbox', 'drafts'];

/** @type {Promise<IDBDatabase> | null} */
let opening = null;

/** @returns {Promise<IDBDatabase>} */
function open() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      for (const store of storeNames) if (!request.result.objectStoreNames.contains(store)) request.result.createObjectStore(store, { keyPath: 'key' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
  });
  return opening;
}

/**
 * Runs `work` in a transaction on `store` and resolves when the transaction is durable.
 * @template T
 * @param {StoreName} store
 * @param {IDBTransactionMode} mode
 * @param {(s: IDBObjectStore) => IDBRequest<T> | void} work
 * @returns {Promise<T | undefined>}
 */
async function run(store, mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode, { durability: 'strict' });
    const request = work(tx.objectStore(store));
    tx.oncomplete = () => resolve(request ? request.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * Every record in `store`.
 * @param {StoreName} store
 * @returns {Promise<any[]>}
 */
export async function all(store) {
  return (await run(store, 'readonly', (s) => s.getAll())) ?? [];
}

/**
 * One record by key.
 * @param {StoreName} store
 * @param {string} key
 * @returns {Promise<any>}
 */
export function get(store, key) {
  return run(store, 'readonly', (s) => s.get(key));
}

/**
 * Stores `record` (it has a `key`).
 * @param {StoreName} store
 * @param {{ key: string, [k: string]: unknown }} record
 */
export async function put(store, record) {
  await run(store, 'readwrite', (s) => s.put(record));
}

/**
 * @param {StoreName} store
 * @param {string} key
 */
export async function remove(store, key) {
  await run(store, 'readwrite', (s) => s.delete(key));
}

/** Deletes every record of every store (logout, erasure). */
export async function clearAll() {
  for (const store of storeNames) await run(store, 'readwrite', (s) => s.clear());
}
