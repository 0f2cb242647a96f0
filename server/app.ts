/**
 * createApp: the whole HTTP API as a Hono app, from injected parts (database,
 * compiled programs, clock, secrets, configuration). Tests call `app.request(...)`
 * on it; server/main.ts serves it with @hono/node-server.
 */
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { CompiledProgram } from '../schemas/types.ts';
import type { AppEnv } from './app-env.ts';
import type { Clock } from './clock.ts';
import type { Secrets, ServerConfig } from './config.ts';
import type { AddressOf, RouteDeps } from './deps.ts';
import type { Stores } from './store/index.ts';
import { ApiError, localizedErrorBody, type ErrorCode } from './errors.ts';
import { refuseNulInAddress } from './middleware/url-text.ts';
import { personContentLanguage, requestLocale } from './locale/person-edition.ts';
import { securityHeaders } from './middleware/security-headers/index.ts';
import { requestLog, type RequestObserver } from './middleware/request-log/index.ts';
import { cors } from './middleware/cors/index.ts';
import { bodyLimit } from './middleware/body-limit/index.ts';
import { loggerTo, type Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { operationsRoutes } from './routes/operations.ts';
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
import { isCodeErased } from './store/erase.ts';
import { defaultScore, type ScoreFn } from './scoring.ts';
import { publicRoutes } from './routes/public.ts';
import { personSessionRoutes } from './routes/person-sessions.ts';
import { meRoutes } from './routes/me.ts';
import { meAnswerRoutes } from './routes/me-answers.ts';
import { meLocaleRoutes } from './routes/me-locale.ts';
import { staffSessionRoutes } from './routes/staff-sessions.ts';
import { staffCodeRoutes } from './routes/staff-codes.ts';
import { staffApiKeyIssueRoutes, staffApiKeyRoutes } from './routes/staff-api-keys.ts';
import { docsRoutes } from './routes/docs.ts';
import { webRoutes } from './routes/web.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { staffServiceRoutes } from './routes/staff-service.ts';
import { fhirRoutes } from './routes/fhir.ts';
import { staffWebhookRoutes } from './routes/staff-webhooks.ts';
import { staffOrgRoutes } from './routes/staff-org.ts';
import { staffReportRoutes } from './routes/staff-reports.ts';
import { staffAuditRoutes } from './routes/staff-audit.ts';
import { staffGroupRoutes } from './routes/staff-groups.ts';

export interface AppOptions {
  /** The opened store (store/open-store.ts): SQLite or PostgreSQL. */
  store: Stores;
  programs: readonly CompiledProgram[];
  clock: Clock;
  secrets: Secrets;
  config?: Partial<Pick<ServerConfig, 'corsOrigins' | 'trustedProxies' | 'bodyLimit' | 'programsDir' | 'webhooksAllowHttp' | 'webhooksAllowPrivate' | 'publicUrl'>> & { timeZone?: string };
  /** The log (server/logger.ts); default: JSON lines on stdout, or to `log` when given. */
  logger?: Logger;
  /** Receives each JSON log line instead of stdout (tests read them). */
  log?: (line: string) => void;
  /** Receives each finished request's route pattern, status and duration (default: the metrics'). */
  observe?: RequestObserver;
  /** Prometheus metrics (server/metrics.ts), when on. */
  metrics?: Metrics;
  /** Whether this app serves GET /metrics (false when metrics have a port of their own); default true. */
  serveMetrics?: boolean;
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
  const logger = options.logger ?? loggerTo(options.log);
  const now = () => clock.now();
  /** An error in the language of the request (the person's, or Accept-Language), saying which. */
  const failure = (c: Context, code: ErrorCode, routeMessage?: string, details?: Record<string, unknown>) => {
    const locale = requestLocale(c);
    c.header('Content-Language', locale);
    return localizedErrorBody(locale, code, routeMessage, details);
  };

  const app = new Hono<AppEnv>();
  const metrics = options.metrics;
  app.use(requestLog(logger, options.observe ?? metrics?.observeRequest));
  app.use(securityHeaders());
  app.use(refuseNulInAddress());
  app.use('/v1/*', cors({
    origins: config.corsOrigins ?? [],
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key'],
    maxAge: 600,
  }));
  app.use(bodyLimit(config.bodyLimit ?? 64 * 1024, (c) => c.json(failure(c, 'payload_too_large'), 413)));

  // Hono's '/v1/me/*' matches '/v1/me' itself too: registered for both, each ran twice there.
  app.use('/v1/me/*', personAuth(stores.codes, now));
  app.use('/v1/me/*', personContentLanguage(deps));
  const staff = staffAuth(stores.staff, now);
  app.use('/v1/staff/*', async (c, next) => (c.req.method === 'POST' && c.req.path === '/v1/staff/sessions' ? next() : staff(c, next)));
  app.use('/v1/staff/*', twoFactorGate(stores.staff));

  app.route('/', publicRoutes(deps));
  app.route('/', operationsRoutes(deps, options.serveMetrics === false ? undefined : metrics));
  app.route('/', personSessionRoutes(deps));
  // Before meRoutes: it answers GET /v1/me/export?format=fhir and passes the plain export on.
  app.route('/', fhirRoutes(deps));
  app.route('/', meRoutes(deps));
  app.route('/', meAnswerRoutes(deps));
  app.route('/', meLocaleRoutes(deps));
  app.route('/', staffSessionRoutes(deps));
  app.route('/', staffAccountRoutes(deps));
  app.route('/', staffTwoFactorRoutes(deps, createAccountThrottle({ now, limits: secondFactorLimits, state, key: secrets.throttleKey })));
  app.route('/', staffCodeRoutes(deps));
  app.route('/', staffApiKeyRoutes(deps));
  app.route('/', staffApiKeyIssueRoutes(deps));
  app.route('/', staffServiceRoutes(deps));
  app.route('/', staffWebhookRoutes(deps, { allowHttp: config.webhooksAllowHttp ?? false, allowPrivate: config.webhooksAllowPrivate ?? false }));
  app.route('/', staffOrgRoutes(deps));
  app.route('/', staffReportRoutes(deps));
  app.route('/', staffAuditRoutes(deps));
  app.route('/', staffGroupRoutes(deps));
  app.route('/', calendarRoutes(deps));
  app.route('/', docsRoutes({ publicUrl: config.publicUrl }));
  app.route('/', webRoutes());

  app.notFound((c) => c.json(failure(c, 'not_found', 'No such route.'), 404));
  app.onError(async (error, c) => {
    // A person's request that passed its session check just before the code was erased
    // or revoked can fail on what that removed (a part no longer open, an entry gone):
    // it is answered as the ended session it is. One look-up, on the error path only.
    if (error instanceof ApiError && error.status !== 401 && await sessionEnded(c)) return c.json(failure(c, 'unauthorized'), 401);
    if (error instanceof ApiError) {
      if (metrics && (error.code === 'challenge_required' || error.code === 'too_many_requests')) {
        metrics.observeGuessing(c.req.path.startsWith('/v1/staff/') ? 'staff' : 'person', error.code === 'challenge_required' ? 'challenge' : 'refused');
      }
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(failure(c, error.code, error.routeMessage, error.details), error.status as 400);
    }
    // The code was erased between the session check and the write: as an ended session.
    if (isCodeErased(error)) return c.json(failure(c, 'unauthorized'), 401);
    const storage = storageFailure(error);
    if (storage) {
      logger.error(`storage ${storage}`);
      return c.json(failure(c, 'storage_unavailable'), 503, { 'Retry-After': '30' });
    }
    if (error instanceof HTTPException && error.status === 413) return c.json(failure(c, 'payload_too_large'), 413);
    // The error's message may hold request data: log its kind only, never the stack or values.
    logger.error(`error ${error.name}`);
    return c.json(failure(c, 'internal_error'), 500);
  });
  /** Whether the person of this request (if it is one) no longer has a usable code. */
  async function sessionEnded(c: Context<AppEnv>): Promise<boolean> {
    const person = c.get('person') as AppEnv['Variables']['person'] | undefined;
    if (!person) return false;
    try {
      const code = await stores.codes.byRef(person.code.org_id, person.code.ref);
      return !code || code.erased_at !== null || code.revoked_at !== null;
    } catch {
      // The database is away: the request's own error says more than a guess would.
      return false;
    }
  }
  return app;
}
