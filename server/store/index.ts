/** Every store of the server over one database connection (the single writer). */
import type { Db } from '../db/open-database.ts';
import { orgStore } from './orgs.ts';
import { staffStore } from './staff.ts';
import { codeStore } from './codes.ts';
import { progressStore } from './progress.ts';
import { appointmentStore } from './appointments.ts';
import { auditStore } from './audit.ts';
import { calendarStore } from './calendar.ts';
import { settingsStore } from './settings.ts';

/**
 * The prepared statements of every store.
 *
 * @example
 *   const stores = createStores(db); stores.orgs.bySlug('bydel-x');
 */
export function createStores(db: Db) {
  return {
    db,
    orgs: orgStore(db),
    staff: staffStore(db),
    codes: codeStore(db),
    progress: progressStore(db),
    appointments: appointmentStore(db),
    audit: auditStore(db),
    calendar: calendarStore(db),
    settings: settingsStore(db),
  };
}
export type Stores = ReturnType<typeof createStores>;
