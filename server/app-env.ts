/** The Hono environment of the app: what middleware leaves for routes. */
import type { CodeRow } from './store/codes.ts';
import type { OrgRow } from './store/schema.ts';
import type { StaffCaller } from './middleware/staff-auth/index.ts';

export interface AppEnv {
  Variables: {
    /** The validated JSON body (json-body middleware). */
    body: unknown;
    /** The logged-in person and their organisation (person-auth middleware). */
    person: { code: CodeRow; org: OrgRow; tokenHash: string };
    /** The calling staff member or API key (staff-auth middleware). */
    staff: StaffCaller;
  };
}
