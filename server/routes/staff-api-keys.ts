/** Organisation admins create, list and revoke API keys for a partner's back end. */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { programOr404, type RouteDeps } from '../deps.ts';
import type { AllowanceRow } from '../store/api-key-issues.ts';
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

/**
 * An API key's licence allowance per program and the log of what it issued (admin).
 *
 * @example
 *   app.route('/', staffApiKeyIssueRoutes(deps)); // after staffAuth on /v1/staff/*
 */
export function staffApiKeyIssueRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();
  const { stores } = deps;
  const keyOf = async (orgId: number, ref: string) => {
    const key = (await stores.staff.keys(orgId)).find((k) => k.ref === ref);
    if (!key) throw apiError('not_found');
    return key;
  };
  const view = (a: AllowanceRow) => ({ programId: a.program_id, total: a.total, used: a.used, remaining: Math.max(0, a.total - a.used) });

  app.get('/v1/staff/api-keys/:ref/allowances', async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller, 'admin');
    const key = await keyOf(caller.orgId, c.req.param('ref'));
    return c.json({ allowances: (await stores.apiKeyIssues.allowances(key.id)).map(view) });
  });

  app.put('/v1/staff/api-keys/:ref/allowances/:programId', jsonBody('api-staff.schema.json#/$defs/ApiKeyAllowanceRequest'), async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller, 'admin');
    const key = await keyOf(caller.orgId, c.req.param('ref'));
    const programId = c.req.param('programId');
    programOr404(deps, programId);
    const { total } = c.get('body') as { total: number };
    const used = (await stores.apiKeyIssues.allowances(key.id)).find((a) => a.program_id === programId)?.used ?? 0;
    if (total < used) throw apiError('validation_failed', undefined, { fields: [{ field: 'total', code: 'minimum', message: `The key has already used ${used}` }] });
    const row = await stores.apiKeyIssues.setAllowance(key.id, programId, total);
    await stores.audit.record({ orgId: caller.orgId, staffId: caller.staffId, apiKeyId: key.id, codeRef: null, action: 'api_key.allowance', at: deps.clock.now().toISOString() });
    return c.json(view(row));
  });

  app.get('/v1/staff/api-keys/:ref/issued', async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller, 'admin');
    const key = await keyOf(caller.orgId, c.req.param('ref'));
    return c.json({ issued: (await stores.apiKeyIssues.log(key.id)).map((r) => ({ ref: r.code_ref!, programId: r.program_id, createdAt: r.created_at, idempotent: r.body_hash !== null })) });
  });
  return app;
}
