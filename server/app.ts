/**
 * createApp: the whole HTTP API as a Hono app, from injected parts (database,
 * compiled programs, clock, secrets, configuration). Tests call `app.request(...)`
 * on it; server/main.ts serves it with @hono/node-server.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { CompiledProgram } from '../schemas/types.ts';
import type { AppEnv } from './app-env.ts';
import type { Clock } from './clock.ts';
import type { Secrets, ServerConfig } from './config.ts';
import type { AddressOf, RouteDeps } from './deps.ts';
import type { Stores } from './store/index.ts';
import { ApiError, errorBody } from './errors.ts';
import { securityHeaders } from './middleware/security-headers/index.ts';
import { requestLog, type LogLine } from './middleware/request-log/index.ts';
import type { ThrottleState } from './throttle/throttle-state.ts';
import { clientAddress, trustedProxies } from './throttle/client-address.ts';
import { createGuessGate, personPolicy, staffPolicy, type WorkPolicy } from './throttle/guess-gate.ts';
import { personAuth } from './middleware/person-auth/index.ts';
import { staffAuth } from './middleware/staff-auth/index.ts';
import { twoFactorGate } from './middleware/two-factor/index.ts';
import { createAccountThrottle, secondFactorLimits } from './auth/account-throttle.ts';
import { staffTwoFactorRoutes } from './routes/staff-two-factor.ts';
import { staffAccountRoutes } from './routes/staff-accounts.ts';
import { storageFailure } from './store/storage-failure.ts';
import { defaultScore, type ScoreFn } from './scoring.ts';
import { publicRoutes } from './routes/public.ts';
import { personSessionRoutes } from './routes/person-sessions.ts';
import { meRoutes } from './routes/me.ts';
import { meAnswerRoutes } from './routes/me-answers.ts';
import { staffSessionRoutes } from './routes/staff-sessions.ts';
import { staffCodeRoutes } from './routes/staff-codes.ts';
import { staffApiKeyIssueRoutes, staffApiKeyRoutes } from './routes/staff-api-keys.ts';
import { docsRoutes } from './routes/docs.ts';
import { webRoutes } from './routes/web.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { staffServiceRoutes } from './routes/staff-service.ts';

export interface AppOptions {
  /** The opened store (store/open-store.ts): SQLite or PostgreSQL. */
  store: Stores;
  programs: readonly CompiledProgram[];
  clock: Clock;
  secrets: Secrets;
  config?: Partial<Pick<ServerConfig, 'corsOrigins' | 'trustedProxies' | 'bodyLimit' | 'programsDir' | 'publicUrl'>> & { timeZone?: string };
  /** Where request log lines go (default: stdout). */
  log?: LogLine;
  /** The client address, for throttling only (default: the socket's, or X-Forwarded-For from a trusted proxy). */
  addressOf?: AddressOf;
  /** The questionnaire scorer (default: the engine's scoreResponse). */
  score?: ScoreFn;
  /** Throttle counters and spent challenges (default: in this process's memory). */
  throttleState?: ThrottleState;
  /** How proof-of-work follows failures (tests change it). */
  policy?: { person?: Partial<WorkPolicy>; staff?: Partial<WorkPolicy> };
}

/** The client address: the socket's peer, or from X-Forwarded-For when that peer is a trusted proxy. */
function addressFrom(trusted: ReturnType<typeof trustedProxies>): AddressOf {
  return (c) => {
    let socket: string | undefined;
    try {
      socket = getConnInfo(c).remote.address;
    } catch {
      socket = undefined;
    }
    return clientAddress(socket, c.req.header('x-forwarded-for'), trusted);
  };
}

/**
 * Builds the app.
 *
 * @example
 *   const app = createApp({ store: await openStore({ path }), programs, clock: systemClock, secrets });
 *   const res = await app.request('/healthz');
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const config = options.config ?? {};
  const stores = options.store;
  const clock = options.clock;
  const { secrets } = options;
  const state = options.throttleState ?? stores.throttleState;
  const gate = (scope: 'person' | 'staff', policy: WorkPolicy) =>
    createGuessGate({ scope, policy, state, throttleKey: secrets.throttleKey, challengeKey: secrets.challengeKey, now: () => clock.now() });
  const deps: RouteDeps = {
    stores,
    programs: new Map(options.programs.map((p) => [p.id, p])),
    clock,
    secrets,
    gates: {
      person: gate('person', { ...personPolicy, ...options.policy?.person }),
      staff: gate('staff', { ...staffPolicy, ...options.policy?.staff }),
    },
    addressOf: options.addressOf ?? addressFrom(trustedProxies(config.trustedProxies ?? [])),
    score: options.score ?? defaultScore,
    programsDir: config.programsDir ?? './programs',
    timeZone: config.timeZone ?? 'Europe/Oslo',
    secureCookies: true,
    publicUrl: config.publicUrl,
  };
  const log = options.log ?? ((line: string) => console.log(line));
  const now = () => clock.now();

  const app = new Hono<AppEnv>();
  app.use(requestLog(log));
  app.use(securityHeaders());
  const origins = new Set(config.corsOrigins ?? []);
  app.use('/v1/*', cors({
    origin: (origin) => (origins.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key'],
    maxAge: 600,
  }));
  app.use(bodyLimit({ maxSize: config.bodyLimit ?? 64 * 1024, onError: (c) => c.json(errorBody('payload_too_large'), 413) }));

  const person = personAuth(stores.codes, now);
  app.use('/v1/me', person);
  app.use('/v1/me/*', person);
  const staff = staffAuth(stores.staff, now);
  app.use('/v1/staff/*', async (c, next) => (c.req.method === 'POST' && c.req.path === '/v1/staff/sessions' ? next() : staff(c, next)));
  app.use('/v1/staff/*', twoFactorGate(stores.staff));

  app.route('/', publicRoutes(deps));
  app.route('/', personSessionRoutes(deps));
  app.route('/', meRoutes(deps));
  app.route('/', meAnswerRoutes(deps));
  app.route('/', staffSessionRoutes(deps));
  app.route('/', staffAccountRoutes(deps));
  app.route('/', staffTwoFactorRoutes(deps, createAccountThrottle({ now, limits: secondFactorLimits, state, key: secrets.throttleKey })));
  app.route('/', staffCodeRoutes(deps));
  app.route('/', staffApiKeyRoutes(deps));
  app.route('/', staffApiKeyIssueRoutes(deps));
  app.route('/', staffServiceRoutes(deps));
  app.route('/', calendarRoutes(deps));
  app.route('/', docsRoutes({ publicUrl: config.publicUrl }));
  app.route('/', webRoutes());

  app.notFound((c) => c.json(errorBody('not_found', 'No such route.'), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(errorBody(error.code, error.message, error.details), error.status as 400);
    }
    const storage = storageFailure(error);
    if (storage) {
      log(`error storage ${storage}`);
      return c.json(errorBody('storage_unavailable'), 503, { 'Retry-After': '30' });
    }
    if (error instanceof HTTPException && error.status === 413) return c.json(errorBody('payload_too_large'), 413);
    // The error's message may hold request data: log its kind only, never the stack or values.
    log(`error ${error.name}`);
    return c.json(errorBody('internal_error'), 500);
  });
  return app;
}
