/**
 * Money as integer 元, shown in 万元. The documents state amounts in 万元; converting through decimal
 * strings (never `× 10000` on a float) keeps 12.3456万 exactly 123,456元.
 */

const YUAN_PER_WAN = 10_000;

/** 1万亿元: far above any programme, and low enough that sums of several amounts stay exact integers. */
export const MAX_AMOUNT_YUAN = 1_000_000_000_000;

/** '研发总投入过大，不能超过100,000,000万元': people enter 万元, so the limit is said in 万元. */
export function amountTooLargeMessage(what = '金额'): string {
  return `${what}过大，不能超过${formatWan(MAX_AMOUNT_YUAN)}元`;
}

/** A 万元 amount with more than 4 decimals would be a fraction of a 元: refused, never rounded silently. */
export type WanParse = { ok: true; yuan: number } | { ok: false; message: string };

/** Parses a 万元 amount ('12.3456', '1,250', 300) into integer 元. */
export function parseWan(input: number | string): WanParse {
  if (typeof input === 'number' && !Number.isFinite(input)) return { ok: false, message: '金额必须是有限的数字' };
  // String(1e-7) is '1e-7': exponent forms are either below 1元 or beyond safe integers, both refused below.
  const text = (typeof input === 'number' ? String(input) : input).trim().replace(/[,，]/g, '');
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return { ok: false, message: `“${String(input)}”不是有效的万元金额` };
  const [, sign, whole = '0', frac = ''] = m;
  const digits = frac.replace(/0+$/, '');
  if (digits.length > 4) return { ok: false, message: '万元金额最多保留4位小数（精确到元）' };
  const yuan = Number(whole) * YUAN_PER_WAN + Number(digits.padEnd(4, '0') || '0');
  if (!Number.isSafeInteger(yuan) || yuan > MAX_AMOUNT_YUAN) return { ok: false, message: amountTooLargeMessage() };
  return { ok: true, yuan: sign === '-' && yuan !== 0 ? -yuan : yuan };
}

/** 万元 → integer 元; throws RangeError on more than 4 decimals (a fraction of a 元). */
export function wanToYuan(wan: number | string): number {
  const r = parseWan(wan);
  if (!r.ok) throw new RangeError(r.message);
  return r.yuan;
}

function assertYuan(yuan: number): void {
  if (!Number.isSafeInteger(yuan)) throw new RangeError(`金额必须是整数元：${String(yuan)}`);
}

/** Integer 元 → 万元 as a number (for charts and inputs); exact because 元/10000 has at most 4 decimals. */
export function yuanToWan(yuan: number): number {
  assertYuan(yuan);
  return yuan / YUAN_PER_WAN;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** '300万', '12.5万', '1,250万', '12.3456万': no rounding, trailing zeros dropped. */
export function formatWan(yuan: number): string {
  assertYuan(yuan);
  const abs = Math.abs(yuan);
  const whole = Math.floor(abs / YUAN_PER_WAN);
  const frac = String(abs % YUAN_PER_WAN).padStart(4, '0').replace(/0+$/, '');
  return `${yuan < 0 ? '-' : ''}${groupThousands(String(whole))}${frac ? `.${frac}` : ''}万`;
}

/** '1,234,567元'. */
export function formatYuan(yuan: number): string {
  assertYuan(yuan);
  return `${yuan < 0 ? '-' : ''}${groupThousands(String(Math.abs(yuan)))}元`;
}

/** ratio × amount rounded down to the 元 ("not above 30%" must never round up); exact for any safe integers. */
export function floorRatio(yuan: number, ratio: { num: number; den: number }): number {
  assertYuan(yuan);
  const r = Number((BigInt(yuan) * BigInt(ratio.num)) / BigInt(ratio.den));
  if (!Number.isSafeInteger(r)) throw new RangeError('金额过大');
  return r;
}

/** 3/10 → '30%'; a ratio that is no whole percentage stays a fraction ('1/3') rather than a rounded figure. */
export function formatRatio(ratio: { num: number; den: number }): string {
  const pct = ratio.num * 100;
  if (pct % ratio.den === 0) return `${pct / ratio.den}%`;
  if ((pct * 100) % ratio.den === 0) return `${(pct * 100) / ratio.den / 100}%`;
  return `${ratio.num}/${ratio.den}`;
}
