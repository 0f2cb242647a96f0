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
import { isPersonLocale, personLocales, type PersonLocale } from './locale/languages.ts';

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
 * Sets an organisation's language: the default for the codes it issues from now on.
 *
 * @example
 *   await setOrgLocale(stores, 'bydel-x', 'nn')
 */
export async function setOrgLocale(stores: TableStores, slug: string, locale: string): Promise<{ slug: string; locale: PersonLocale }> {
  if (!isPersonLocale(locale)) throw new Error(`Unexpected language '${locale}', expected ${personLocales.join(', ')}`);
  const org = await stores.orgs.bySlug(slug);
  if (!org) throw new Error(`No organisation '${slug}'`);
  await stores.orgs.setLocale(org.id, locale);
  return { slug, locale };
}

/**
 * Generates a code for `programId`, taking one licence, in one transaction.
 * Throws ApiError quota_exhausted when no licence is left. The person's language is
 * `locale`, else the organisation's.
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
  locale?: string,
): Promise<{ code: string; ref: string; hint: string; programId: string; locale: string }> {
  return (await issueCodes(stores, codeKey, orgId, programId, 1, by, now, null, locale))[0]!;
}

/**
 * Generates `n` codes for `programId` (into a group, if given), taking `n` licences, all
 * or none in one transaction: quota_exhausted when fewer than `n` are left. The person's
 * language is `locale`, else the organisation's.
 *
 * @example
 *   const cards = await issueCodes(stores, codeKey, orgId, 'angst', 8, { staffId: 3 }, new Date(), groupId);
 */
export async function issueCodes(
  stores: Stores,
  codeKey: Buffer,
  orgId: number,
  programId: string,
  n: number,
  by: { staffId?: number | null; keyId?: number | null },
  now: Date,
  groupId: number | null = null,
  locale?: string,
): Promise<{ code: string; ref: string; hint: string; programId: string; locale: string }[]> {
  return await stores.transaction(async (tx) => {
    const issued = [];
    for (let i = 0; i < n; i++) issued.push(await issueCodeIn(tx, codeKey, orgId, programId, by, now, groupId, locale));
    return issued;
  });
}

/** One code inside a transaction the caller holds (API keys add their allowance and issue log to it). */
export async function issueCodeIn(
  tx: TableStores,
  codeKey: Buffer,
  orgId: number,
  programId: string,
  by: { staffId?: number | null; keyId?: number | null },
  now: Date,
  groupId: number | null = null,
  locale?: string,
): Promise<{ code: string; ref: string; hint: string; programId: string; locale: string }> {
  const language = locale ?? (await tx.orgs.byId(orgId))?.locale ?? 'nb';
  if (!(await tx.orgs.useLicence(orgId, programId))) throw apiError('quota_exhausted');
  const code = generateCode();
  const ref = newRef('cod');
  const hint = codeHint(code);
  await tx.codes.create({ ref, hmac: hashCode(code, codeKey), hint, orgId, programId, locale: language, staffId: by.staffId ?? null, keyId: by.keyId ?? null, now: now.toISOString(), groupId });
  return { code: formatCode(code), ref, hint, programId, locale: language };
}
