/**
 * Group commit for SQLite: the writes queued during one turn of the event loop run in one
 * transaction, each in its own savepoint (so one failing write does not undo the others),
 * and share one COMMIT, that is one fsync with synchronous=FULL. Each caller's promise
 * settles only after that commit: nothing is acknowledged before it is durable. While a
 * batch commits, the next one gathers.
 */
import { sql } from 'kysely';
import type { Db } from './executor.ts';
import { insideTransaction } from './executor.ts';

interface Job {
  fn: (trx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommit {
  /** Queues `fn` for the next batch; resolves with its result after the batch commits. */
  run<T>(fn: (trx: Db) => Promise<T>): Promise<T>;
  /** Resolves when every queued write has been committed (for a clean shutdown). */
  drain(): Promise<void>;
}

/** The statements group commit runs around the writes. */
export type ControlStatement = 'BEGIN' | 'COMMIT' | 'ROLLBACK' | 'SAVEPOINT job' | 'RELEASE job' | 'ROLLBACK TO job';

export interface GroupCommitOptions {
  /** Whether the connection is inside a transaction now (after some errors SQLite has ended it). */
  inTransaction: () => boolean;
  onBatch?: (size: number) => void | undefined;
  /**
   * Runs a control statement at once on the connection the batch holds (SQLite: a
   * prepared better-sqlite3 statement). Without it each goes through Kysely, which
   * builds and queues it like any query: about twenty times per batch.
   */
  control?: (statement: ControlStatement) => void;
}

/**
 * @example
 *   const commits = groupCommit(kysely, { inTransaction: () => raw.inTransaction, onBatch: (n) => metrics.batch(n) });
 *   await commits.run((trx) => trx.insertInto('checkins').values(row).execute());
 */
export function groupCommit(kysely: Db, options: GroupCommitOptions): GroupCommit {
  let queue: Job[] = [];
  let scheduled = false;
  let flushing: Promise<void> = Promise.resolve();

  const flush = async (): Promise<void> => {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (!batch.length) return;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    // BEGIN and COMMIT by hand on the one connection: after some errors (a full disk, an
    // I/O error) SQLite has already rolled the whole transaction back, and then every
    // write of the batch has failed with that error, not only the one that saw it.
    let lost: unknown;
    try {
      await kysely.connection().execute(async (conn) => {
        const control = options.control ?? ((statement: ControlStatement) => sql.raw(statement).execute(conn));
        await control('BEGIN');
        for (const job of batch) {
          await control('SAVEPOINT job');
          try {
            const value = await insideTransaction(() => job.fn(conn));
            await control('RELEASE job');
            outcomes.push({ ok: true, value });
          } catch (error) {
            if (!options.inTransaction()) {
              lost = error;
              return;
            }
            await control('ROLLBACK TO job');
            await control('RELEASE job');
            outcomes.push({ ok: false, error });
          }
        }
        try {
          await control('COMMIT');
        } catch (error) {
          if (options.inTransaction()) await control('ROLLBACK');
          throw error;
        }
      });
    } catch (error) {
      lost ??= error;
    }
    if (lost !== undefined) {
      // Nothing of the batch was stored.
      for (const job of batch) job.reject(lost);
      return;
    }
    options.onBatch?.(batch.length);
    batch.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      flushing = flushing.then(flush, flush);
    });
  };

  return {
    run<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
    async drain() {
      while (queue.length || scheduled) {
        await new Promise((r) => setImmediate(r));
        await flushing;
      }
      await flushing;
    },
  };
}
