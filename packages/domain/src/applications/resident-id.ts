/**
 * 居民身份证号码 (GB 11643-1999): the 18-character resident ID with its ISO 7064 MOD 11-2 check character,
 * and the mask every view and export uses, so the full number is stored once and shown to nobody.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits, or null when they are not 17 digits. */
export function residentIdCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Folds full-width digits, a lower-case x and spaces that people paste from documents. */
export function normaliseResidentId(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s/g, '')
    .toUpperCase();
}

export type ResidentIdResult = { ok: true; id: string; birthDate: string } | { ok: false; message: string };

/** Validates the format, the birth date (a real day, not in the future of `today`) and the check character. */
export function validateResidentId(input: string, today = new Date()): ResidentIdResult {
  const id = normaliseResidentId(input);
  if (id.length === 0) return { ok: false, message: '请填写身份证号码' };
  if (id.length !== 18) return { ok: false, message: `身份证号码应为18位，当前为${id.length}位` };
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return { ok: false, message: '身份证号码前17位须为数字，最后一位为数字或X' };
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const d = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birth || Number(id.slice(6, 10)) < 1900 || d.getTime() > today.getTime()) {
    return { ok: false, message: `身份证号码中的出生日期“${birth}”无效` };
  }
  const expected = residentIdCheckChar(id.slice(0, 17))!;
  if (expected !== id[17]) return { ok: false, message: `身份证号码校验位错误：第18位应为“${expected}”，实际为“${id[17]}”，请核对是否有输错的数字` };
  return { ok: true, id, birthDate: birth };
}

/**
 * The masked form shown in every view and export: the first 6 (region) and last 4 characters; the birth date
 * and sequence are hidden. Anything that is not 18 characters is masked whole except its last 2.
 */
export function maskResidentId(id: string): string {
  const s = normaliseResidentId(id);
  if (s.length === 18) return `${s.slice(0, 6)}********${s.slice(14)}`;
  return s.length <= 2 ? '*'.repeat(s.length) : `${'*'.repeat(s.length - 2)}${s.slice(-2)}`;
}
