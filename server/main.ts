/**
 * Starts the server: builds programs when the build is missing or older than the
 * sources (never on the request path), opens the database, creates the secret key and,
 * on a new database, the first organisation and admin; then serves with @hono/node-server.
 * It refuses to start when the secret key does not belong to the database (a missing
 * key is not replaced by a new one for an existing database), and warns when the data
 * files are readable by others.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { CompiledProgram } from '../schemas/types.ts';
import { createApp } from './app.ts';
import { loadSecrets, type ServerConfig } from './config.ts';
import { openStore, isPostgresUrl, type StoreOptions } from './store/open-store.ts';
import { createLogger, flushLog } from './logger.ts';
import { metricsApp } from './routes/operations.ts';
import { warmUpBodies } from './middleware/json-body/index.ts';
import type { Stores } from './store/index.ts';
import { fileModeWarnings } from './store/file-modes.ts';
import { systemClock } from './clock.ts';
import { createOrg, createStaff } from './admin.ts';
import { startWebhookWorker } from './webhooks/worker.ts';
import { dueQuestionnaireTimer } from './webhooks/due.ts';
import { expiredSessionsTimer } from './expired-sessions.ts';

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Compiles programs into the build folder when it is missing or older than the sources.
 * The compiler (remark, yaml, ajv) is imported only then: a start with built programs
 * does not load it.
 */
export async function ensureBuilt(config: ServerConfig, say: (line: string) => void): Promise<CompiledProgram[]> {
  const built = existsSync(config.buildDir) ? readdirSync(config.buildDir).filter((f) => f.endsWith('.json')) : [];
  const buildTime = built.length ? Math.min(...built.map((f) => statSync(join(config.buildDir, f)).mtimeMs)) : 0;
  if (!built.length || newestMtime(config.programsDir) > buildTime) {
    say(`compiling programs from ${config.programsDir} ...`);
    const { buildPrograms } = await import('../cli/commands/build.ts');
    const { ids, report } = buildPrograms([config.programsDir], config.buildDir);
    if (!ids) throw new Error(`the programs have errors; fix them or run 'mestring validate':\n${report}`);
  }
  const programs = readdirSync(config.buildDir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => JSON.parse(readFileSync(join(config.buildDir, f), 'utf8')) as CompiledProgram);
  if (!config.wordingOverlay) return programs;
  // The overlay reader is imported only by a service that installed official wording.
  const { overlayProgram } = await import('../engine/scoring/apply-overlay.ts');
  return programs.map((p) => overlayProgram(p, config.wordingOverlay as string));
}

/**
 * Opens the store with its secret key: creates both on a first start, records the key's
 * fingerprint in the database, and refuses (with what to do) a database whose key is
 * missing or is another one, instead of starting with codes that cannot work.
 */
export async function openWithKey(config: Pick<ServerConfig, 'dbPath' | 'secretFile' | 'databaseUrl'>, say: (line: string) => void, hooks: Pick<StoreOptions, 'onBatch' | 'onQuery'> = {}): Promise<{ store: Stores; secrets: ReturnType<typeof loadSecrets>['secrets'] }> {
  const where = isPostgresUrl(config.databaseUrl) ? 'the PostgreSQL database' : `the database ${config.dbPath}`;
  const missingKey = () => new Error(`${where} exists, but its secret key ${config.secretFile} does not. Without that key no code can log in: ` +
    'put the key file back from its backup, or set MESTRING_SECRET_FILE to where it is. No new key is made for an existing database.');
  const sqliteExists = !isPostgresUrl(config.databaseUrl) && existsSync(config.dbPath) && statSync(config.dbPath).size > 0;
  if (sqliteExists && !existsSync(config.secretFile)) throw missingKey();
  const store = await openStore({ url: config.databaseUrl, path: config.dbPath, ...hooks });
  try {
    const recorded = await store.settings.keyFingerprint();
    if (recorded !== undefined && !existsSync(config.secretFile)) throw missingKey();
    const { secrets, created } = loadSecrets(config.secretFile);
    if (created) say(`created the secret key ${config.secretFile} (mode 0600): back it up; without it no code can log in`);
    if (recorded === undefined) {
      await store.settings.setKeyFingerprint(secrets.fingerprint);
    } else if (recorded !== secrets.fingerprint) {
      throw new Error(`the secret key ${config.secretFile} is not the key of ${where} (fingerprint ${secrets.fingerprint.slice(0, 8)}, ` +
        `the database expects ${recorded.slice(0, 8)}). Under another key no code can log in: start with the key file the database was created with.`);
    }
    return { store, secrets };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** How the start-up message names the address: `localhost` for a loopback address (tests read it). */
function shownHost(host: string): string {
  if (host === '127.0.0.1' || host === '::1' || host === 'localhost') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts serving; resolves with the node server once listening. SIGTERM and SIGINT stop
 * it gracefully: no new connections, requests in flight finish (at most
 * MESTRING_SHUTDOWN_TIMEOUT seconds, then their connections are closed), queued writes
 * are committed, the log is flushed, and the process exits 0.
 *
 * @example
 *   const server = await startServer(readConfig());
 */
export async function startServer(config: ServerConfig, say: (line: string) => void = console.log): Promise<ServerType> {
  const logger = await createLogger({ format: config.logFormat, level: config.logLevel });
  // prom-client is loaded only when metrics are on.
  const metrics = config.metrics ? (await import('./metrics.ts')).createMetrics() : undefined;
  const programs = await ensureBuilt(config, say);
  const { store: stores, secrets } = await openWithKey(config, say, metrics ? { onBatch: metrics.observeBatch, onQuery: metrics.observeQuery } : {});
  for (const warning of fileModeWarnings(stores.sqlite ? config.dbPath : undefined, config.secretFile)) say(warning);
  // Progress follows renamed ids (the manifests' renamed: maps) before anything is served.
  const moved = await stores.idRenames.apply(programs);
  if (moved) say(`moved ${moved} stored row(s) to renamed ids`);
  if ((await stores.orgs.count()) === 0) {
    const now = systemClock.now();
    await createOrg(stores, 'admin', 'Mestring', now);
    const admin = await createStaff(stores, 'admin', 'admin', 'admin', now);
    say(['', 'A new database: created organisation "admin" and its admin account.',
      `  log in at http://localhost:${config.port}/staff with org "admin", username "admin" and the one-time password: ${admin.password}`,
      '  (shown only now; you choose your own password at first login)',
      '  give the organisation licences with: npx mestring org quota admin angst=10', ''].join('\n'));
  }
  const separateMetrics = metrics !== undefined && config.metricsPort !== undefined;
  const app = createApp({
    store: stores, programs, clock: systemClock, secrets, logger, metrics, serveMetrics: !separateMetrics,
    config: { corsOrigins: config.corsOrigins, trustedProxies: config.trustedProxies, bodyLimit: config.bodyLimit, programsDir: config.programsDir, webhooksAllowHttp: config.webhooksAllowHttp, webhooksAllowPrivate: config.webhooksAllowPrivate, publicUrl: config.publicUrl },
  });
  // The worker's poll is the server's one timer: it also runs the time-driven jobs.
  const dueQuestionnaires = dueQuestionnaireTimer({ stores, programs: new Map(programs.map((p) => [p.id, p])), clock: systemClock, timeZone: 'Europe/Oslo', everyMs: 15 * 60_000 });
  const expiredSessions = expiredSessionsTimer({ stores, clock: systemClock, everyMs: 60 * 60_000 });
  const webhooks = startWebhookWorker({
    store: stores, secrets, clock: systemClock, backoffMs: config.webhookBackoffMs, allowPrivate: config.webhooksAllowPrivate, timeoutMs: config.webhookTimeoutMs, log: (line) => logger.info(line),
    beforePoll: async () => {
      await expiredSessions();
      await dueQuestionnaires();
    },
  });
  const metricsServer = separateMetrics ? await new Promise<ServerType>((resolve) => {
    const server = serve({ fetch: metricsApp(metrics).fetch, port: config.metricsPort, hostname: config.host }, (info) => {
      say(`metrics on http://${shownHost(config.host)}:${info.port}/metrics`);
      resolve(server);
    });
  }) : undefined;
  return await new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
      say(`Mestring serves ${programs.length} program(s) on http://${shownHost(config.host)}:${info.port} (database: ${stores.description})`);
      resolve(server);
      // The request-body validators compile now, while nothing is asking yet.
      setTimeout(() => void warmUpBodies(), 50).unref();
    });
    server.once('error', reject);
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal, timeoutSeconds: config.shutdownTimeoutMs / 1000 }, 'shutting down');
      metricsServer?.close();
      // Requests in flight may finish; after the bounded wait their connections are cut.
      const deadline = setTimeout(() => {
        logger.warn('shutdown: requests still running after the timeout; closing their connections');
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }, config.shutdownTimeoutMs);
      deadline.unref();
      server.close(() => {
        clearTimeout(deadline);
        void webhooks.stop().then(() => stores.close()).finally(async () => {
          logger.info('stopped');
          await flushLog(logger);
          process.exit(0);
        });
      });
      // Idle keep-alive connections would hold close() open until they time out.
      (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
