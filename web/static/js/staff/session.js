// The professional's session is an HttpOnly cookie set by the server; the client keeps
// only the role and which login steps are left, to choose what to show.
import { createApi } from '../api.js';

const key = 'mestring.staff';

/** @typedef {{ role: string, mustChangePassword: boolean, twoFactor?: string }} StaffInfo */

/** @returns {StaffInfo | null} */
export function staffInfo() {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

/** @param {StaffInfo | null} info */
export function setStaffInfo(info) {
  if (info) sessionStorage.setItem(key, JSON.stringify(info));
  else sessionStorage.removeItem(key);
}

export const api = createApi({
  onUnauthorized: () => {
    setStaffInfo(null);
    location.hash = '#/login';
  },
});
