/**
 * Checkpoints of SQLite's write-ahead log off the request path.
 *
 * SQLite copies the log into the database file (a checkpoint) when a commit finds the
 * log past 1000 pages, inside that commit, on the main thread: every request waits for
 * it, and on a large database, whose pages it writes all over the file before an fsync,
 * it made the check-in's p99 at size twice that at 1,000 codes (docs/performance.md,
 * items 38 and 39). A second connection in a worker thread (store/checkpoint-worker.js)
 * does a PASSIVE checkpoint soon after commits instead, which never blocks a reader or a
 * writer. The main connection keeps SQLite's own automatic checkpoint: when the thread
 * has already copied the log it has only the last few frames to copy, when the thread is
 * copying it is skipped (the checkpoint lock is taken) and the commit goes on, and if the
 * thread ever fails, nothing depends on it.
 *
 * The erasure's truncation of the log runs on the main connection, with the thread held
 * (`exclusive`): a checkpoint in progress there would make it fail as busy.
 */
import { Worker } from 'node:worker_threads';

// The shared integers' places (commits counted, the thread's state, a request to stop)
// and the thread's states; handed to store/checkpoint-worker.js with its data.
const slots = { COMMITS: 0, STATE: 1, STOP: 2 } as const;
const states = { IDLE: 0, CHECKPOINTING: 1, HELD: 2 } as const;
const { COMMITS, STATE, STOP } = slots;
const { IDLE, CHECKPOINTING, HELD } = states;

// In Node since 16; TypeScript declares it in lib es2024, which the project does not
// take because Node 20 lacks other parts of it.
const waitAsync = (Atomics as unknown as { waitAsync(array: Int32Array, index: number, value: number): { value: Promise<string> | string } }).waitAsync;

export interface Checkpointer {
  /** Counts a commit: the thread checkpoints a few milliseconds later. Costs an atomic add and a wake. */
  committed(): void;
  /** Runs `fn` while the thread does not checkpoint (waiting for one in progress to end). */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Stops the thread and closes its connection. */
  close(): Promise<void>;
}

/**
 * `gatherMs` is how long the thread lets commits gather before it copies. Longer means
 * fewer checkpoints, but more of the log left for the main connection's own checkpoint
 * to copy inside a commit: on the scale test's database the check-in's p99 was 10 ms
 * with 25 and 6 ms with 5 (docs/performance.md, item 39).
 *
 * @example
 *   const checkpointer = startCheckpointer('./data/mestring.db');
 *   groupCommit(kysely, { onBatch: () => checkpointer.committed(), ... });
 */
export function startCheckpointer(path: string, gatherMs = 5): Checkpointer {
  const shared = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  // Started at the first commit: a store that only reads (a CLI command, most tests) never starts it.
  let worker: Worker | undefined;
  let exited: Promise<void> = Promise.resolve();
  let holders = 0;

  const start = () => {
    worker = new Worker(new URL('./checkpoint-worker.js', import.meta.url), { workerData: { path, shared: shared.buffer, gatherMs, slots, states } });
    // It must never keep a process alive on its own, nor take one down.
    worker.unref();
    exited = new Promise((resolve) => {
      worker!.once('exit', () => {
        // A thread that ended in the middle of a checkpoint must not hold up an erasure.
        Atomics.compareExchange(shared, STATE, CHECKPOINTING, IDLE);
        Atomics.notify(shared, STATE);
        resolve();
      });
      // An error ends the thread ('exit' follows); the main connection's own checkpoint remains.
      worker!.on('error', () => {});
    });
  };

  const hold = async () => {
    for (;;) {
      const was = Atomics.compareExchange(shared, STATE, IDLE, HELD);
      if (was === IDLE || was === HELD) return;
      await waitAsync(shared, STATE, CHECKPOINTING).value;
    }
  };

  return {
    committed() {
      if (!worker) start();
      Atomics.add(shared, COMMITS, 1);
      Atomics.notify(shared, COMMITS);
    },
    async exclusive(fn) {
      // Two erasures may overlap: both hold the thread, and the last one out releases it.
      holders++;
      try {
        await hold();
        return await fn();
      } finally {
        if (--holders === 0) Atomics.store(shared, STATE, IDLE);
      }
    },
    async close() {
      if (!worker) return;
      // Waited for: the process stays up until the thread has closed its connection.
      worker.ref();
      Atomics.store(shared, STOP, 1);
      Atomics.notify(shared, STOP);
      Atomics.add(shared, COMMITS, 1);
      Atomics.notify(shared, COMMITS);
      await exited;
    },
  };
}
