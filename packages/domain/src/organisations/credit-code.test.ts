import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, normaliseCreditCode, validateCreditCode } from './credit-code.js';

// Publicly cited codes (GB 32100 examples and published registrations) plus the demo organisations.
const VALID = ['91350100M000100Y43', '91110000802100433B', '12100000400010398P', '91330206MA2KC7HX53', '12330212MB1A7720X3', '52330206MJ9F3R4N8A'];

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each(VALID)('accepts the valid code %s', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, code });
  });

  it('rejects every one-character substitution of every valid code', () => {
    let tried = 0;
    for (const code of VALID) {
      for (let i = 0; i < 18; i++) {
        for (const c of CREDIT_CODE_ALPHABET) {
          if (c === code[i]) continue;
          const corrupted = code.slice(0, i) + c + code.slice(i + 1);
          expect(validateCreditCode(corrupted).ok, corrupted).toBe(false);
          tried++;
        }
      }
    }
    expect(tried).toBe(VALID.length * 18 * 30);
  });

  it('explains a wrong check character and names the expected one', () => {
    const r = validateCreditCode('91350100M000100Y44');
    expect(r).toMatchObject({ ok: false, problem: { kind: 'checksum', expected: '3', actual: '4' } });
    if (!r.ok) expect(r.message).toContain('校验位错误');
  });

  it.each([
    ['', 'empty', '请填写'],
    ['91350100M000100Y4', 'length', '18位'],
    ['91350100M000100I43', 'character', '第16位'],
    ['B1350100M000100Y43', 'authority', '登记管理部门'],
    ['97350100M000100Y43', 'category', '机构类别'],
    ['9135A100M000100Y43', 'division', '行政区划'],
  ])('rejects %j as %s with a Chinese message', (input, kind, fragment) => {
    const r = validateCreditCode(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.kind).toBe(kind);
      expect(r.message).toContain(fragment);
    }
  });

  it('folds full-width characters, spaces and lower case pasted from documents', () => {
    expect(normaliseCreditCode('９１３５０１００ｍ０００１００ｙ４３')).toBe('91350100M000100Y43');
    expect(validateCreditCode(' 9135 0100-m000 100y43 ').ok).toBe(true);
  });

  it('a computed check character always makes a valid code (property)', () => {
    const alnum = fc.constantFrom(...CREDIT_CODE_ALPHABET);
    const arb = fc.tuple(fc.constantFrom('91', '92', '93', '12', '51', '52', '53', 'Y1'), fc.stringMatching(/^\d{6}$/), fc.array(alnum, { minLength: 9, maxLength: 9 }));
    fc.assert(
      fc.property(arb, ([head, division, body]) => {
        const first17 = head + division + body.join('');
        expect(validateCreditCode(first17 + creditCodeCheckChar(first17)).ok).toBe(true);
      }),
    );
  });
});
