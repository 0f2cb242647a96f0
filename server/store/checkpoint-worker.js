// @ts-check
/**
 * The SQLite checkpointer's thread (started by store/checkpointer.ts): a second
 * connection to the database file that copies the write-ahead log into the database
 * (a PASSIVE checkpoint) soon after commits, so that this work, and the database file's
 * fsync at its end, is done here and not inside a person's commit on the main thread.
 *
 * Plain JavaScript because it is loaded by path in a thread of its own, from the sources
 * under tsx and vitest as from dist/, where no TypeScript loader runs. Typed all the
 * same: `npm run typecheck` checks it (the JSDoc types below, `// @ts-check` above).
 *
 * The main thread and this one share three integers, whose places store/checkpointer.ts
 * hands over with the thread's data. This thread only ever blocks itself: it sleeps in Atomics.wait until the
 * main thread counts a commit.
 */
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @type {{ path: string; shared: SharedArrayBuffer; gatherMs: number; slots: { COMMITS: number; STATE: number; STOP: number }; states: { IDLE: number; CHECKPOINTING: number } }} */
const { path, shared, gatherMs, slots, states } = workerData;
const state = new Int32Array(shared);
// The places and states come from store/checkpointer.ts, so the two cannot disagree.
const { COMMITS, STATE, STOP } = slots;
const { IDLE, CHECKPOINTING } = states;

const db = new Database(path, { fileMustExist: true });
// The main connection has set WAL mode, which the file keeps. Erased rows are
// overwritten in the pages this connection copies too.
db.pragma('secure_delete = ON');
db.pragma('synchronous = FULL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

let seen = Atomics.load(state, COMMITS);
while (Atomics.load(state, STOP) === 0) {
  // Until the main thread counts a commit (or asks this thread to stop).
  Atomics.wait(state, COMMITS, seen);
  // A few milliseconds more, so that a burst of commits is copied by one checkpoint.
  Atomics.wait(state, STOP, 0, gatherMs);
  if (Atomics.load(state, STOP) !== 0) break;
  seen = Atomics.load(state, COMMITS);
  // While the main thread truncates the log after an erasure, it holds STATE, and this
  // round is skipped: the log is empty afterwards anyway.
  if (Atomics.compareExchange(state, STATE, IDLE, CHECKPOINTING) !== IDLE) continue;
  try {
    checkpoint.get();
  } catch {
    // A busy or failing checkpoint here loses nothing: the main connection still
    // checkpoints on its own when the log grows past SQLite's limit.
  } finally {
    Atomics.store(state, STATE, IDLE);
    Atomics.notify(state, STATE);
  }
}
db.close();
