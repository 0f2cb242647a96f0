/**
 * Staff accounts of an organisation, for its admins: the list (with whether each has
 * set up two-step login) and new accounts with a one-time password. Resetting a
 * colleague's second factor is in staff-two-factor.ts.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { requireStaffAccount } from '../middleware/staff-auth/index.ts';
import { createStaff } from '../admin.ts';
import type { Role } from '../store/staff.ts';

/**
 * @example
 *   app.route('/', staffAccountRoutes(deps));
 */
export function staffAccountRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();
  const { stores } = deps;

  app.get('/v1/staff/accounts', async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller, 'admin');
    return c.json({
      accounts: (await stores.staff.list(caller.orgId)).map((s) => ({
        username: s.username,
        role: s.role,
        createdAt: s.created_at,
        mustChangePassword: s.must_change_password === 1,
        twoFactor: s.totp_confirmed_at !== null,
      })),
    });
  });

  app.post('/v1/staff/accounts', jsonBody('api-staff.schema.json#/$defs/StaffAccountRequest'), async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller, 'admin');
    const { username, role } = c.get('body') as { username: string; role: Role };
    const org = (await stores.orgs.byId(caller.orgId))!;
    if (await stores.staff.byUsername(org.id, username)) throw apiError('conflict', 'That username is taken in this organisation.');
    const created = await createStaff(stores, org.slug, username, role, deps.clock.now());
    await stores.audit.record({ orgId: caller.orgId, staffId: caller.staffId, apiKeyId: null, codeRef: null, action: 'staff.create', at: deps.clock.now().toISOString() });
    return c.json({ username: created.username, role: created.role, password: created.password }, 201);
  });
  return app;
}
