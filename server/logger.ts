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
  return pino({ ...base, level }, bufferedDestination(1));
}

/**
 * Lines to `dest` (a file descriptor or path), buffered and written asynchronously: in
 * 32 KB writes, or after at most a second (periodicFlush, in ms).
 *
 * Each line is handed to sonic-boom as a Buffer (its `contentMode: 'buffer'`). Given
 * strings, sonic-boom measures the UTF-8 length of the whole pending string (up to
 * `maxWrite`, here 64 KB) on every line to decide whether the line still fits; that
 * was about 10 % of `GET /healthz`'s CPU time (docs/performance.md, "Third round"). With
 * Buffers it adds up lengths it already knows.
 *
 * @example
 *   const log = loggerTo(bufferedDestination('/dev/null'));
 */
export function bufferedDestination(dest: number | string): DestinationStream & { flush(cb: (error?: Error) => void): void; flushSync(): void; end(): void } {
  const out = pino.destination({ dest, sync: false, minLength: 32 * 1024, maxWrite: 64 * 1024, periodicFlush: 1000, contentMode: 'buffer' });
  return {
    write: (line: string) => out.write(Buffer.from(line) as unknown as string),
    flush: (cb) => out.flush(cb),
    flushSync: () => out.flushSync(),
    end: () => out.end(),
  };
}

/** A pino destination that hands each line (without its newline) to `fn`. */
function lineStream(fn: (line: string) => void): DestinationStream {
  return { write: (text: string) => fn(text.endsWith('\n') ? text.slice(0, -1) : text) } as DestinationStream;
}

/**
 * Writes out buffered lines (await it before exiting); gives up waiting after a second.
 *
 * sonic-boom's `flush` calls back once its current write is done, while up to
 * `minLength` (32 KB, some 180 lines) may still wait in its buffer; a synchronous write
 * then gives the rest (tests/server/logger.test.ts lost the last 42 of 5000 lines without it, on the destination before this one too).
 */
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
  const stream = (log as unknown as Record<symbol, { flushSync?: () => void } | undefined>)[pino.symbols.streamSym];
  try {
    stream?.flushSync?.();
  } catch {
    // Not open yet, or stdout is gone: nothing more can be written.
  }
}
