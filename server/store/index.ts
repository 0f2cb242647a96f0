/**
 * Every store of the server over one executor: the whole database, or one transaction.
 * Open the database with `openStore` (store/open-store.ts); this module only groups the
 * per-table stores so routes see one object.
 */
import type { Executor } from './executor.ts';
import { orgStore } from './orgs.ts';
import { staffStore } from './staff.ts';
import { codeStore } from './codes.ts';
import { progressStore } from './progress.ts';
import { appointmentStore } from './appointments.ts';
import { auditStore } from './audit.ts';
import { calendarStore } from './calendar.ts';
import { eraseStore } from './erase.ts';
import { settingsStore } from './settings.ts';
import { idRenameStore } from './id-renames.ts';
import { apiKeyIssueStore } from './api-key-issues.ts';
import { webhookStore } from './webhooks.ts';
import { reportStore } from './reports.ts';
import { flagStore } from './flags.ts';
import { groupStore } from './groups.ts';

/**
 * The stores over `x`.
 *
 * @example
 *   const stores = createStores(x); await stores.orgs.bySlug('bydel-x');
 */
export function createStores(x: Executor) {
  return {
    orgs: orgStore(x),
    staff: staffStore(x),
    codes: codeStore(x),
    progress: progressStore(x),
    appointments: appointmentStore(x),
    audit: auditStore(x),
    calendar: calendarStore(x),
    erasure: eraseStore(x),
    settings: settingsStore(x),
    idRenames: idRenameStore(x),
    apiKeyIssues: apiKeyIssueStore(x),
    webhooks: webhookStore(x),
    reports: reportStore(x),
    flags: flagStore(x),
    groups: groupStore(x),
  };
}
export type TableStores = ReturnType<typeof createStores>;
export type { Store as Stores } from './open-store.ts';
