/**
 * Time-based one-time passwords for staff (RFC 6238: SHA-1, 6 digits, 30-second steps,
 * one step of clock drift either way) with the otpauth package, the enrolment QR code as
 * an inline SVG (qrcode) so the client needs no external request, and readable one-time
 * recovery codes.
 */
import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

const period = 30;
const digits = 6;
/** Steps of drift accepted either side of now. */
const window = 1;

/** A new random shared secret (160 bits), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/**
 * The otpauth:// URI an authenticator app reads from the QR code.
 *
 * @example
 *   otpauthUrl(secret, 'bydel-x/kari') // 'otpauth://totp/Mestring:bydel-x%2Fkari?issuer=Mestring&secret=...'
 */
export function otpauthUrl(secret: string, label: string, issuer = 'Mestring'): string {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(secret), digits, period }).toString();
}

/** The enrolment QR code of `url` as a standalone SVG document string. */
export async function qrSvg(url: string): Promise<string> {
  // Imported on first use: start-up does not need it.
  const { default: QRCode } = await import('qrcode');
  return await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/**
 * The time step a code is valid for at `at`, or undefined when it is not valid.
 * Callers refuse steps at or before the last one accepted (no replay).
 */
export function totpStep(secret: string, code: string, at: Date): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const timestamp = at.getTime();
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(secret), digits, period, timestamp, window });
  return delta === null ? undefined : TOTP.counter({ period, timestamp }) + delta;
}

/**
 * The code an authenticator shows at `at` (for tests, benches and the CLI).
 *
 * @example
 *   totpCode(secret, clock.now()) // '492039'
 */
export function totpCode(secret: string, at: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), digits, period, timestamp: at.getTime() });
}

const recoveryAlphabet = '23456789abcdefghjkmnpqrstuvwxyz';

/** Ten one-time recovery codes, `xxxxx-xxxxx` (about 49 bits each). */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    let code = '';
    for (let i = 0; i < 10; i++) code += recoveryAlphabet[randomInt(recoveryAlphabet.length)];
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/** A typed recovery code in its stored form: lower case, no spaces or dashes; or undefined. */
export function normaliseRecoveryCode(typed: string): string | undefined {
  const code = typed.toLowerCase().replace(/[\s-]/g, '');
  return /^[2-9a-z]{10}$/.test(code) ? code : undefined;
}

/** Whether a typed second factor looks like a TOTP code (digits only). */
export const looksLikeTotp = (typed: string): boolean => /^\d{6}$/.test(typed.replace(/\s/g, ''));
