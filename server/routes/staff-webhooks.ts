/**
 * Organisation admins register webhook endpoints (the signing secret is shown once),
 * list and delete them, send a test delivery, and read each endpoint's delivery log.
 * Creating and deleting are audited, and so is a probe at another organisation's ref.
 * Endpoints must be https:// unless the server allows http for local testing, and must not
 * name an address on the server's own network unless it allows that (webhooks/address.ts).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { requireStaffAccount } from '../middleware/staff-auth/index.ts';
import { newRef } from '../auth/tokens.ts';
import { newEndpointSecret } from '../webhooks/signing.ts';
import { privateHost } from '../webhooks/address.ts';
import { eventBody, testEventType } from '../webhooks/events.ts';
import type { DeliveryRow, EndpointRow } from '../store/webhooks.ts';

/** How many deliveries the log shows. */
const logLength = 200;

const endpointView = (e: Pick<EndpointRow, 'ref' | 'url' | 'events' | 'created_at'>) => ({ ref: e.ref, url: e.url, events: e.events.split(' '), createdAt: e.created_at });
const deliveryView = (d: DeliveryRow) => ({
  id: d.msg_id, type: d.type, status: d.status, attempts: d.attempts, lastError: d.last_error, lastStatus: d.last_status,
  createdAt: d.created_at, lastAttemptAt: d.last_attempt_at, nextAttemptAt: d.status === 'pending' ? d.next_attempt_at : null, deliveredAt: d.delivered_at,
});

/**
 * The endpoint URL, or 422 when it is not an absolute https:// URL (http:// when allowed),
 * or names a non-public IP address or localhost (unless private addresses are allowed).
 */
function checkedUrl(url: string, options: { allowHttp: boolean; allowPrivate: boolean }): string {
  const refuse = (code: string, message: string) => apiError('validation_failed', undefined, { fields: [{ field: 'url', code, message }] });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuse('format', 'must be an absolute URL');
  }
  if (parsed.protocol !== 'https:' && !(options.allowHttp && parsed.protocol === 'http:')) throw refuse('https_required', 'must start with https://');
  if (parsed.username || parsed.password) throw refuse('format', 'must not hold a user name or password');
  if (!options.allowPrivate && privateHost(parsed.hostname)) throw refuse('webhook_address_private', 'must not be a loopback, private or other non-public address');
  return parsed.href;
}

/**
 * @example
 *   app.route('/', staffWebhookRoutes(deps, { allowHttp: false, allowPrivate: false })); // after staffAuth on /v1/staff/*
 */
export function staffWebhookRoutes(deps: RouteDeps, options: { allowHttp: boolean; allowPrivate: boolean }) {
  const app = new Hono<AppEnv>();
  const { stores } = deps;
  const admin = (c: { get(key: 'staff'): AppEnv['Variables']['staff'] }) => {
    const caller = c.get('staff');
    requireStaffAccount(caller, 'admin');
    return caller;
  };
  const audit = (caller: { orgId: number; staffId: number }, action: string) =>
    stores.audit.record({ orgId: caller.orgId, staffId: caller.staffId, apiKeyId: null, codeRef: null, action, at: deps.clock.now().toISOString() });
  /** 404 for a ref the caller's organisation does not have; another organisation's is a probe, audited. */
  const notFound = async (caller: { orgId: number; staffId: number }, ref: string) => {
    const owner = await stores.webhooks.orgOfRef(ref);
    if (owner !== undefined && owner !== caller.orgId) await audit(caller, 'webhook.cross_org_probe');
    return apiError('not_found', 'No such webhook in this organisation.');
  };
  const endpointOr404 = async (caller: { orgId: number; staffId: number }, ref: string) => {
    const endpoint = await stores.webhooks.endpoint(caller.orgId, ref);
    if (!endpoint) throw await notFound(caller, ref);
    return endpoint;
  };

  app.post('/v1/staff/webhooks', jsonBody('api-webhooks.schema.json#/$defs/WebhookRequest'), async (c) => {
    const caller = admin(c);
    const body = c.get('body') as { url: string; events: string[] };
    const url = checkedUrl(body.url, options);
    const { secret, sealed } = newEndpointSecret(deps.secrets);
    const ref = newRef('whk');
    const at = deps.clock.now().toISOString();
    await stores.webhooks.addEndpoint({ ref, orgId: caller.orgId, url, events: body.events, sealed, staffId: caller.staffId, now: at });
    await audit(caller, 'webhook.create');
    return c.json({ ...endpointView({ ref, url, events: body.events.join(' '), created_at: at }), secret }, 201);
  });

  app.get('/v1/staff/webhooks', async (c) => {
    const caller = admin(c);
    return c.json({ webhooks: (await stores.webhooks.endpoints(caller.orgId)).map(endpointView) });
  });

  app.delete('/v1/staff/webhooks/:ref', async (c) => {
    const caller = admin(c);
    if (!(await stores.webhooks.removeEndpoint(caller.orgId, c.req.param('ref')))) throw await notFound(caller, c.req.param('ref'));
    await audit(caller, 'webhook.delete');
    return c.body(null, 204);
  });

  app.post('/v1/staff/webhooks/:ref/test', async (c) => {
    const caller = admin(c);
    const endpoint = await endpointOr404(caller, c.req.param('ref'));
    const at = deps.clock.now().toISOString();
    const msgId = newRef('msg');
    await stores.webhooks.enqueue([{ msgId, endpointId: endpoint.id, type: testEventType, codeId: null, dedupKey: null, payload: eventBody(testEventType, at, { webhook: endpoint.ref }), now: at }]);
    return c.json({ id: msgId }, 202);
  });

  app.get('/v1/staff/webhooks/:ref/deliveries', async (c) => {
    const caller = admin(c);
    const endpoint = await endpointOr404(caller, c.req.param('ref'));
    return c.json({ deliveries: (await stores.webhooks.deliveries(endpoint.id, logLength)).map(deliveryView) });
  });
  return app;
}
