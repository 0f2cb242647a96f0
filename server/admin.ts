/**
 * Administration used by the CLI and the first start: create organisations, add
 * licences, create staff accounts with one-time passwords, and the code generation
 * that staff routes and partner keys share.
 */
import type { Stores, TableStores } from './store/index.ts';
import type { Role } from './store/staff.ts';
import { hashPassword, oneTimePassword } from './auth/password.ts';
import { codeHint, formatCode, generateCode, hashCode } from './codes/access-code.ts';
import { newRef } from './auth/tokens.ts';
import { apiError } from './errors.ts';

const slugPattern = /^[a-z0-9][a-z0-9-]{1,62}$/;
const usernamePattern = /^[a-z0-9][a-z0-9._-]{1,62}$/;

/**
 * Creates an organisation.
 *
 * @example
 *   await createOrg(stores, 'bydel-x', 'Bydel X psykisk helse', new Date())
 */
export async function createOrg(stores: TableStores, slug: string, name: string, now: Date): Promise<{ id: number; slug: string }> {
  if (!slugPattern.test(slug)) throw new Error(`Unexpected slug '${slug}', expected lower-case letters, digits and dashes (2-63 characters)`);
  if (await stores.orgs.bySlug(slug)) throw new Error(`Organisation '${slug}' already exists`);
  return { id: await stores.orgs.create(slug, name.trim() || slug, now.toISOString()), slug };
}

/**
 * Adds `n` licences of `programId` to an organisation.
 *
 * @example
 *   await addLicences(stores, 'bydel-x', 'angst', 20)
 */
export async function addLicences(stores: TableStores, slug: string, programId: string, n: number): Promise<{ programId: string; total: number; used: number }> {
  const org = await stores.orgs.bySlug(slug);
  if (!org) throw new Error(`No organisation '${slug}'`);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`Unexpected licence count '${n}', expected a positive whole number`);
  await stores.orgs.addLicences(org.id, programId, n);
  const row = (await stores.orgs.licences(org.id)).find((l) => l.program_id === programId)!;
  return { programId, total: row.total, used: row.used };
}

/**
 * Creates a staff account with a one-time password (must be changed at first login).
 *
 * @example
 *   const { password } = await createStaff(stores, 'bydel-x', 'kari', 'professional', new Date());
 */
export async function createStaff(stores: TableStores, slug: string, username: string, role: Role, now: Date): Promise<{ id: number; username: string; role: Role; password: string }> {
  const check = async () => {
    const org = await stores.orgs.bySlug(slug);
    if (!org) throw new Error(`No organisation '${slug}'`);
    if (!usernamePattern.test(username)) throw new Error(`Unexpected username '${username}', expected lower-case letters, digits, dots, dashes (2-63 characters)`);
    if (await stores.staff.byUsername(org.id, username)) throw new Error(`User '${username}' already exists in '${slug}'`);
    return org;
  };
  await check();
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  // Checked again after the hash: another request may have taken the name meanwhile.
  const id = await stores.staff.create((await check()).id, username, role, hash, now.toISOString());
  return { id, username, role, password };
}

/**
 * Generates a code for `programId`, taking one licence, in one transaction.
 * Throws ApiError quota_exhausted when no licence is left.
 *
 * @example
 *   const { code, ref, hint } = await issueCode(stores, codeKey, orgId, 'angst', { staffId: 3 }, new Date());
 */
export async function issueCode(
  stores: Stores,
  codeKey: Buffer,
  orgId: number,
  programId: string,
  by: { staffId?: number | null; keyId?: number | null },
  now: Date,
): Promise<{ code: string; ref: string; hint: string; programId: string }> {
  return await stores.transaction((tx) => issueCodeIn(tx, codeKey, orgId, programId, by, now));
}

/** issueCode's work inside a transaction the caller holds (API keys add their allowance and log to it). */
export async function issueCodeIn(
  tx: TableStores,
  codeKey: Buffer,
  orgId: number,
  programId: string,
  by: { staffId?: number | null; keyId?: number | null },
  now: Date,
): Promise<{ code: string; ref: string; hint: string; programId: string }> {
  if (!(await tx.orgs.useLicence(orgId, programId))) throw apiError('quota_exhausted');
  const code = generateCode();
  const ref = newRef('cod');
  const hint = codeHint(code);
  await tx.codes.create({ ref, hmac: hashCode(code, codeKey), hint, orgId, programId, staffId: by.staffId ?? null, keyId: by.keyId ?? null, now: now.toISOString() });
  return { code: formatCode(code), ref, hint, programId };
}
