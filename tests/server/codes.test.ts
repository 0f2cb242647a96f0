import { describe, expect, it } from 'vitest';
import { checkSymbol, codeHint, formatCode, generateCode, hashCode, isRepeatedCode, parseCode } from '../../server/codes/access-code.ts';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 10 random bytes that encode `body` (16 Crockford characters), for an injected random source. */
function bytesOf(body: string): Uint8Array {
  let value = 0n;
  for (const char of body) value = value * 32n + BigInt(alphabet.indexOf(char));
  const bytes = new Uint8Array(10);
  for (let i = 9; i >= 0; i--) {
    bytes[i] = Number(value & 255n);
    value >>= 8n;
  }
  return bytes;
}
/** A random source that returns `bodies` in turn. */
const sequence = (...bodies: string[]) => {
  let i = 0;
  return () => bytesOf(bodies[i++]!);
};

describe('access codes', () => {
  it('generates 16 Crockford characters plus a check character from the same alphabet', () => {
    // With mod 37, 5 of 37 bodies would get *, ~, $, = or U: 2000 codes would hold about 270.
    for (let i = 0; i < 2000; i++) {
      const code = generateCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{17}$/);
      expect(parseCode(code)).toEqual({ ok: true, code });
    }
  });

  it('draws again when the check would be an extra symbol or the body is one repeated character', () => {
    expect(checkSymbol('0000000000000010')).toBe('*');
    expect(generateCode(sequence('0000000000000010', '0000000000000014', '000000000000000Z'))).toBe('000000000000000ZZ');
    expect(generateCode(sequence('0000000000000000', 'ZZZZZZZZZZZZZZZZ', '7K3MQ9XH2WDCR4TB'))).toBe(`7K3MQ9XH2WDCR4TB${checkSymbol('7K3MQ9XH2WDCR4TB')}`);
    expect(isRepeatedCode('00000000000000000')).toBe(true);
    expect(isRepeatedCode('ZZZZZZZZZZZZZZZZ0')).toBe(true);
    expect(isRepeatedCode('000000000000000ZZ')).toBe(false);
  });

  it('still accepts codes issued earlier with an extra check symbol', () => {
    for (const body of ['0000000000000010', '0000000000000011', '0000000000000012', '0000000000000013', '0000000000000014']) {
      const code = body + checkSymbol(body);
      expect('*~$=U').toContain(code[16]);
      expect(parseCode(formatCode(code).toLowerCase())).toEqual({ ok: true, code });
    }
  });

  it('computes the check symbol as the value mod 37', () => {
    expect(checkSymbol('0000000000000000')).toBe('0');
    expect(checkSymbol('000000000000000Z')).toBe('Z'); // 31
    expect(checkSymbol('0000000000000010')).toBe('*'); // 32
    expect(checkSymbol('0000000000000014')).toBe('U'); // 36
    expect(checkSymbol('0000000000000015')).toBe('0'); // 37
  });

  it('normalises case, spaces, dashes, O and I/L', () => {
    const code = generateCode();
    const typed = formatCode(code).toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l').replace(/-/g, ' - ');
    expect(parseCode(typed)).toEqual({ ok: true, code });
  });

  it('catches a changed character and a swap as a typo', () => {
    const code = generateCode();
    const changed = (code[0] === '7' ? '8' : '7') + code.slice(1);
    expect(parseCode(changed)).toEqual({ ok: false, reason: 'code_typo' });
    expect(parseCode(code.slice(0, 10))).toEqual({ ok: false, reason: 'code_typo' });
  });

  it('formats in groups and hints with the last group', () => {
    expect(formatCode('7K3MQ9XH2WDCR4TBJ')).toBe('7K3M-Q9XH-2WDC-R4TB-J');
    expect(codeHint('7K3MQ9XH2WDCR4TBJ')).toBe('R4TB-J');
  });

  it('stores codes only as an HMAC under the key', () => {
    const a = hashCode('7K3MQ9XH2WDCR4TBJ', Buffer.alloc(32, 1));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(hashCode('7K3MQ9XH2WDCR4TBJ', Buffer.alloc(32, 2)));
  });
});
