import { describe, expect, it } from 'vitest';
import { checkSymbol, codeHint, formatCode, generateCode, hashCode, parseCode } from '../../server/codes/access-code.ts';

describe('access codes', () => {
  it('generates 16 Crockford characters plus a valid check symbol', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}[0-9A-HJKMNP-TV-Z*~$=U]$/);
      expect(parseCode(code)).toEqual({ ok: true, code });
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
