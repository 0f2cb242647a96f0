/**
 * The organisation's language: the one its new codes get unless the professional picks
 * another. Any staff member may read it (the code form preselects it); only an admin
 * changes it. Codes already issued keep their language.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { RouteDeps } from '../deps.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { requireStaffAccount } from '../middleware/staff-auth/index.ts';
import type { PersonLocale } from '../locale/languages.ts';

/**
 * @example
 *   app.route('/', staffOrgRoutes(deps)); // after staffAuth on /v1/staff/*
 */
export function staffOrgRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();
  const { stores } = deps;

  app.get('/v1/staff/org/locale', async (c) => c.json({ locale: (await stores.orgs.byId(c.get('staff').orgId))?.locale ?? 'nb' }));

  app.put('/v1/staff/org/locale', jsonBody('api-staff.schema.json#/$defs/OrgLocaleRequest'), async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller, 'admin');
    const { locale } = c.get('body') as { locale: PersonLocale };
    await stores.orgs.setLocale(caller.orgId, locale);
    await stores.audit.record({ orgId: caller.orgId, staffId: caller.staffId, apiKeyId: caller.apiKeyId, codeRef: null, action: 'org.locale', at: deps.clock.now().toISOString() });
    return c.json({ locale });
  });
  return app;
}
