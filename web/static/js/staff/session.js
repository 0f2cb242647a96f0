// The professional's session is an HttpOnly cookie set by the server; the client keeps
// only the role and whether a password change is due, to choose what to show.
import { createApi } from '../api.js';

const key = 'mestring.staff';

/** @returns {{ role: string, mustChangePassword: boolean } | null} */
export function staffInfo() {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

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
