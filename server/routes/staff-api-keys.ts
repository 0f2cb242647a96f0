/** Organisation admins create, list and revoke API keys for a partner's back end. */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { requireStaffAccount } from '../middleware/staff-auth/index.ts';
import { newRef, newToken } from '../auth/tokens.ts';

/**
 * @example
 *   app.route('/', staffApiKeyRoutes(deps)); // after staffAuth on /v1/staff/*
 */
export function staffApiKeyRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();
  const { stores } = deps;

  app.post('/v1/staff/api-keys', jsonBody('api-staff.schema.json#/$defs/ApiKeyRequest'), async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller, 'admin');
    const { name, scopes } = c.get('body') as { name: string; scopes: string[] };
    const { token, hash } = newToken('msk');
    const ref = newRef('key');
    const at = deps.clock.now().toISOString();
    await stores.staff.addKey(ref, caller.orgId, name, hash, scopes, caller.staffId, at);
    return c.json({ ref, name, scopes, createdAt: at, key: token }, 201);
  });

  app.get('/v1/staff/api-keys', async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller, 'admin');
    return c.json({ keys: (await stores.staff.keys(caller.orgId)).map((k) => ({ ref: k.ref, name: k.name, scopes: k.scopes.split(' '), createdAt: k.created_at })) });
  });

  app.delete('/v1/staff/api-keys/:ref', async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller, 'admin');
    const ref = c.req.param('ref');
    if (!await stores.staff.revokeKey(caller.orgId, ref, deps.clock.now().toISOString())) {
      const owner = await stores.staff.keyOrgOfRef(ref);
      if (owner !== undefined && owner !== caller.orgId) {
        await stores.audit.record({ orgId: caller.orgId, staffId: caller.staffId, apiKeyId: null, codeRef: null, action: 'api_key.cross_org_probe', at: deps.clock.now().toISOString() });
      }
      throw apiError('not_found');
    }
    return c.body(null, 204);
  });
  return app;
}
