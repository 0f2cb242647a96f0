/**
 * Anonymous access codes: 16 Crockford base32 characters (80 random bits) plus one
 * Crockford mod-37 check character, so that a typo is caught before the server is asked.
 * The code is the only link between a person and their data; it is never stored in clear.
 *
 * New codes are drawn so that their check character is a letter or digit of the code's
 * own alphabet: a body whose value mod 37 would give one of Crockford's five extra check
 * symbols (`*`, `~`, `$`, `=`, `U`) is drawn again. That costs log2(37/32) = 0.21 bits
 * (79.8 bits remain), keeps the same check (so every client that checks codes as they
 * are typed keeps working), and codes issued earlier with an extra symbol still parse.
 * Codes whose body is one repeated character (`0000-0000-0000-0000-0`) are never issued.
 */
import { createHmac, randomBytes } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The 37 check symbols: the alphabet followed by the five extra check symbols (accepted, never issued). */
const checkSymbols = `${alphabet}*~$=U`;
const bodyLength = 16;

/** What `parseCode` found: a normalised code, or why it cannot be one. */
export type ParsedCode = { ok: true; code: string } | { ok: false; reason: 'code_typo' };

/**
 * The check symbol of a Crockford base32 string (value mod 37).
 *
 * @example
 *   checkSymbol('0000000000000010') // '*' (value 32: an extra symbol, so never issued)
 */
export function checkSymbol(body: string): string {
  let value = 0n;
  for (const char of body) value = value * 32n + BigInt(alphabet.indexOf(char));
  return checkSymbols[Number(value % 37n)] as string;
}

/**
 * Whether a normalised code's body is one character repeated. Such codes are never
 * issued; a login with one is refused without counting as a guess.
 *
 * @example
 *   isRepeatedCode('00000000000000000') // true
 */
export function isRepeatedCode(code: string): boolean {
  return /^(.)\1{15}/.test(code);
}

/**
 * A new random code (CSPRNG), normalised (17 characters, no dashes), whose check
 * character is in the code alphabet and whose body is not one repeated character.
 * `random` is injectable for tests.
 *
 * @example
 *   formatCode(generateCode()) // '7K3M-Q9XH-2WDC-R4TB-J'
 */
export function generateCode(random: (size: number) => Uint8Array = randomBytes): string {
  for (;;) {
    let value = 0n;
    for (const byte of random(10)) value = (value << 8n) | BigInt(byte);
    let body = '';
    for (let i = 0; i < bodyLength; i++) {
      body = alphabet[Number(value & 31n)] + body;
      value >>= 5n;
    }
    const check = checkSymbol(body);
    if (alphabet.includes(check) && !isRepeatedCode(body + check)) return body + check;
  }
}

/**
 * Normalises what a person typed (any case; spaces and dashes ignored; O->0, I/L->1)
 * and verifies the check symbol. Old codes with an extra check symbol still parse.
 *
 * @example
 *   parseCode('7k3m q9xh 2wdc r4tb j') // { ok: true, code: '7K3MQ9XH2WDCR4TBJ' } when J is its check symbol
 */
export function parseCode(input: string): ParsedCode {
  const cleaned = input.toUpperCase().replace(/[\s-]+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length !== bodyLength + 1) return { ok: false, reason: 'code_typo' };
  const body = cleaned.slice(0, bodyLength);
  const check = cleaned.slice(bodyLength);
  for (const char of body) if (!alphabet.includes(char)) return { ok: false, reason: 'code_typo' };
  if (checkSymbol(body) !== check) return { ok: false, reason: 'code_typo' };
  return { ok: true, code: cleaned };
}

/**
 * Shows a normalised code in groups of four, check symbol last.
 *
 * @example
 *   formatCode('7K3MQ9XH2WDCR4TBJ') // '7K3M-Q9XH-2WDC-R4TB-J'
 */
export function formatCode(code: string): string {
  return [...(code.slice(0, bodyLength).match(/.{4}/g) ?? []), code.slice(bodyLength)].join('-');
}

/** The short hint staff see to recognise a code: its last group and check symbol. */
export function codeHint(code: string): string {
  return formatCode(code).slice(-6);
}

/**
 * The only form in which a code is stored: HMAC-SHA-256 under the server's code key,
 * so that the database alone cannot log anyone in.
 */
export function hashCode(code: string, key: Buffer): string {
  return createHmac('sha256', key).update(code).digest('hex');
}
