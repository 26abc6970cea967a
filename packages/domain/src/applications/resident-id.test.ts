import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskResidentId, normaliseResidentId, residentIdCheckChar, validateResidentId } from './resident-id.js';

// A made-up number with a correct check character (GB 11643 example region 110101, born 1990-03-07).
const GOOD = `11010119900307${'123'}`;
const full = GOOD + residentIdCheckChar(GOOD)!;

describe('resident ID (居民身份证号码)', () => {
  it('accepts a number whose 18th character is the MOD 11-2 check character, folding full-width digits and x', () => {
    expect(validateResidentId(full)).toEqual({ ok: true, id: full, birthDate: '1990-03-07' });
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(validateResidentId('11010519491231002x').ok).toBe(true);
    expect(normaliseResidentId('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
  });

  it('says what is wrong, in Chinese', () => {
    expect(validateResidentId('')).toEqual({ ok: false, message: '请填写身份证号码' });
    expect(validateResidentId('1234')).toEqual({ ok: false, message: '身份证号码应为18位，当前为4位' });
    expect(validateResidentId('11010119900230123X')).toMatchObject({ ok: false, message: expect.stringContaining('出生日期“1990-02-30”无效') });
    const wrong = full.slice(0, 17) + (full[17] === '0' ? '1' : '0');
    expect(validateResidentId(wrong)).toMatchObject({ ok: false, message: expect.stringContaining('校验位错误') });
  });

  it('refuses a birth date in the future', () => {
    const base = '11010120990101123';
    expect(validateResidentId(base + residentIdCheckChar(base), new Date('2026-01-01T00:00:00Z')).ok).toBe(false);
  });

  it('any 17 digits with their check character validate, and any other 18th character fails (property)', () => {
    const day = fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2010-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(fc.integer({ min: 110000, max: 829999 }), day, fc.integer({ min: 0, max: 999 }), fc.constantFrom(...'0123456789X'), (region, birth, seq, other) => {
        const first17 = `${region}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
        const check = residentIdCheckChar(first17)!;
        expect(validateResidentId(first17 + check).ok).toBe(true);
        if (other !== check) expect(validateResidentId(first17 + other).ok).toBe(false);
      }),
    );
  });

  it('the mask hides the birth date and sequence and never shows more than 10 characters', () => {
    expect(maskResidentId(full)).toBe(`110101********${full.slice(14)}`);
    expect(maskResidentId('12')).toBe('**');
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9X]{18}$/), (id) => {
        const m = maskResidentId(id);
        expect(m.slice(6, 14)).toBe('********');
        expect(m.slice(0, 6) + m.slice(14)).toBe(id.slice(0, 6) + id.slice(14));
        expect(m).toHaveLength(18);
      }),
    );
  });
});
