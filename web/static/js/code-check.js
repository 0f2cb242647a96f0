// Checks a typed code as the person types, with the same rules as the server:
// any case, spaces and dashes ignored, O->0, I/L->1, and the Crockford mod-37
// check character last, so that a typo is caught before anything is sent.

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const checkSymbols = `${alphabet}*~$=U`;

/**
 * Normalises what was typed.
 * @param {string} input
 */
export function normaliseCode(input) {
  return input.toUpperCase().replace(/[\s-]+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/**
 * @param {string} input
 * @returns {{ state: 'empty' | 'short' | 'long' | 'typo' | 'ok', length: number }}
 */
export function checkCode(input) {
  const code = normaliseCode(input);
  if (code.length === 0) return { state: 'empty', length: 0 };
  for (const char of code.slice(0, 16)) if (!alphabet.includes(char)) return { state: 'typo', length: code.length };
  if (code.length < 17) return { state: 'short', length: code.length };
  if (code.length > 17) return { state: 'long', length: code.length };
  let value = 0n;
  for (const char of code.slice(0, 16)) value = value * 32n + BigInt(alphabet.indexOf(char));
  return checkSymbols[Number(value % 37n)] === code[16] ? { state: 'ok', length: 17 } : { state: 'typo', length: 17 };
}

/**
 * Shows a code in groups of four: 7K3M-Q9XH-2WDC-R4TB-J.
 * @param {string} input
 */
export function groupCode(input) {
  const code = normaliseCode(input);
  return [...(code.slice(0, 16).match(/.{1,4}/g) ?? []), code.slice(16)].filter(Boolean).join('-');
}
