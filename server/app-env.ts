/** The Hono environment of the app: what middleware leaves for routes. */
import type { CodeRow } from './store/codes.ts';
import type { StaffCaller } from './middleware/staff-auth/index.ts';

export interface AppEnv {
  Variables: {
    /** The validated JSON body (json-body middleware). */
    body: unknown;
    /** The logged-in person (person-auth middleware). */
    person: { code: CodeRow; tokenHash: string };
    /** The calling staff member or API key (staff-auth middleware). */
    staff: StaffCaller;
  };
}
