/**
 * A real Mestring server for browser tests: every program compiled from programs/, a
 * SQLite file in a temp folder, the system clock, served on 127.0.0.1 on a free port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { compileTree } from '../../engine/index.ts';
import { createApp, type AppOptions } from '../../server/app.ts';
import { deriveSecrets } from '../../server/config.ts';
import { systemClock } from '../../server/clock.ts';
import { openStore } from '../../server/store/open-store.ts';
import type { Stores } from '../../server/store/index.ts';
import { addLicences, createOrg, createStaff, issueCode } from '../../server/admin.ts';

export interface WebServer {
  base: string;
  stores: Stores;
  /** Creates an organisation with licences and a staff member; returns the one-time password. */
  addStaff(org: string, username: string, role?: 'admin' | 'professional'): Promise<string>;
  /** A new code for `programId` in organisation `org` (created with licences if missing), in `locale` (default the organisation's). */
  issueCode(org: string, programId: string, locale?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the server; `options.policy` changes when logins ask for proof-of-work, and
 * `options.programs` names other program folders than programs/ (a fixture pack).
 */
export async function startWebServer(options: Pick<AppOptions, 'policy'> & { programs?: string } = {}): Promise<WebServer> {
  const dir = mkdtempSync(join(tmpdir(), 'mestring-web-'));
  const stores = await openStore({ path: join(dir, 'web.db') });
  const { programs: root = 'programs', ...appOptions } = options;
  const { programs } = compileTree([root]);
  const secrets = deriveSecrets(randomBytes(32));
  const app = createApp({ store: stores, programs, clock: systemClock, secrets, log: () => {}, config: { programsDir: root }, ...appOptions });
  const server: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const base = `http://localhost:${(server.address() as AddressInfo).port}`;
  const ensureOrg = async (org: string) => {
    if (!(await stores.orgs.bySlug(org))) {
      await createOrg(stores, org, `Tjeneste ${org}`, new Date());
      for (const p of programs) await addLicences(stores, org, p.id, 5);
    }
    return (await stores.orgs.bySlug(org))!;
  };
  return {
    base,
    stores,
    async addStaff(org, username, role = 'professional') {
      await ensureOrg(org);
      return (await createStaff(stores, org, username, role, new Date())).password;
    },
    async issueCode(org, programId, locale) {
      return (await issueCode(stores, secrets.codeKey, (await ensureOrg(org)).id, programId, {}, new Date(), locale)).code;
    },
    close: async () => {
      await new Promise((r) => server.close(r));
      await stores.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
