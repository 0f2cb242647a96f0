/**
 * The server's log: pino, one JSON object per line on stdout (level, time, msg and
 * fields), or human-readable lines with MESTRING_LOG_FORMAT=pretty. What may be logged
 * is decided where lines are written (request-log, onError): route patterns, statuses,
 * durations, request ids and error kinds; never a path with ids, a code, a token, a
 * body or an address.
 *
 * On stdout the lines are buffered and written asynchronously (sonic-boom), so a busy
 * server does not block on its log; `flushLog` writes what is left at shutdown.
 *
 * The buffer is written when it holds 32 KB (about 180 request lines) or once a second,
 * whichever comes first. Each write hands the buffer to a thread of libuv's pool and wakes
 * the log's reader (journald, a pipe); at 4 KB per write that was the largest part of the
 * request log's cost under load (docs/performance.md). A quiet server's lines still appear
 * within a second.
 */
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

export interface LoggerOptions {
  /** `json` (default) or `pretty` (MESTRING_LOG_FORMAT). */
  format?: 'json' | 'pretty';
  /** pino level (MESTRING_LOG_LEVEL), default `info`. */
  level?: string;
  /** Where lines go: a function receiving each line (tests), or stdout by default. */
  destination?: ((line: string) => void) | DestinationStream;
}

const base = {
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label: string) => ({ level: label }) },
};

/**
 * @example
 *   const log = await createLogger({ format: 'pretty' });
 *   log.info({ route: '/v1/me', status: 200, ms: 3 }, 'request');
 */
export async function createLogger(options: LoggerOptions = {}): Promise<Logger> {
  const level = options.level ?? 'info';
  if (options.format === 'pretty') {
    const { default: pretty } = await import('pino-pretty');
    return pino({ ...base, level }, pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', destination: typeof options.destination === 'function' ? lineStream(options.destination) : 1 }));
  }
  return loggerTo(options.destination, level);
}

/** The JSON logger, synchronously built (createApp's default). */
export function loggerTo(destination: LoggerOptions['destination'], level = 'info'): Logger {
  if (typeof destination === 'function') return pino({ ...base, level }, lineStream(destination));
  if (destination) return pino({ ...base, level }, destination);
  // periodicFlush: how long (ms) a line may wait in the buffer.
  return pino({ ...base, level }, pino.destination({ dest: 1, sync: false, minLength: 32 * 1024, maxWrite: 64 * 1024, periodicFlush: 1000 }));
}

/** A pino destination that hands each line (without its newline) to `fn`. */
function lineStream(fn: (line: string) => void): DestinationStream {
  return { write: (text: string) => fn(text.endsWith('\n') ? text.slice(0, -1) : text) } as DestinationStream;
}

/** Writes out buffered lines (await it before exiting); gives up after a second. */
export async function flushLog(log: Logger): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1000);
    try {
      log.flush(() => {
        clearTimeout(timer);
        resolve();
      });
    } catch {
      // A destination that cannot flush (a closed stdout) has nothing more to give.
      clearTimeout(timer);
      resolve();
    }
  });
}
