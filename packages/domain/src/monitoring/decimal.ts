/**
 * Exact decimal arithmetic on DecimalString ('2.33', '13000', '-0.5') through BigInt.
 *
 * Internally a decimal is an integer count of millionths (scale 10^6, the six places a DecimalString may carry),
 * so sums and differences are exact. Products and quotients are exact rationals first and rounded once, half away
 * from zero (四舍五入, the rounding every statistical table uses), at a stated number of places: a float would turn
 * 169/301 into the wrong last digit often enough to matter (YJ-2), and would differ between engines.
 */
import type { DecimalString } from './types.js';

/** The most fraction digits a DecimalString carries. */
export const DECIMAL_PLACES = 6;
const SCALE = 10n ** BigInt(DECIMAL_PLACES);
const DECIMAL_RE = /^-?\d+(?:\.\d{1,6})?$/;

/** True for '12', '-0.5', '3.000000'; false for '1e3', '.5', '1,000', '1.1234567'. */
export function isDecimalString(value: unknown): value is DecimalString {
  return typeof value === 'string' && DECIMAL_RE.test(value);
}

function assertDecimal(d: DecimalString): void {
  if (!isDecimalString(d)) throw new RangeError(`“${String(d)}”不是有效的数值（最多${DECIMAL_PLACES}位小数）`);
}

/** Fraction digits as written: '3.0' → 1, '56.17' → 2, '76' → 0. */
export function decimalPlaces(d: DecimalString): number {
  assertDecimal(d);
  const dot = d.indexOf('.');
  return dot < 0 ? 0 : d.length - dot - 1;
}

/** DecimalString → integer millionths ('2.33' → 2330000n). Throws RangeError on anything that is not a DecimalString. */
export function decimalToScaled(d: DecimalString): bigint {
  assertDecimal(d);
  const neg = d.startsWith('-');
  const [whole = '0', frac = ''] = (neg ? d.slice(1) : d).split('.');
  const n = BigInt(whole) * SCALE + BigInt(frac.padEnd(DECIMAL_PLACES, '0'));
  return neg ? -n : n;
}

/** `n` units of 10^-places as a fixed-point string: (5615n, 2) → '56.15', (-5n, 2) → '-0.05', (7n, 0) → '7'. */
function fixed(n: bigint, places: number): string {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const frac = places > 0 ? `.${digits.slice(digits.length - places)}` : '';
  return `${neg ? '-' : ''}${whole}${frac}`;
}

/** Integer millionths → canonical DecimalString (trailing zeros dropped, never '-0'). */
export function scaledToDecimal(n: bigint): DecimalString {
  const s = fixed(n, DECIMAL_PLACES);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** n / d rounded half away from zero (四舍五入). Throws RangeError when d is 0. */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('除数不能为0');
  const sign = n < 0n !== d < 0n ? -1n : 1n;
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  return sign * ((2n * a + b) / (2n * b));
}

function assertPlaces(places: number): void {
  if (!Number.isInteger(places) || places < 0 || places > DECIMAL_PLACES) throw new RangeError(`小数位数须为0到${DECIMAL_PLACES}之间的整数`);
}

/** An exact rational num/den (den > 0), the form every formula here computes in before it rounds once. */
export interface Fraction {
  num: bigint;
  den: bigint;
}

export function fraction(num: bigint, den: bigint = 1n): Fraction {
  if (den === 0n) throw new RangeError('除数不能为0');
  return den < 0n ? { num: -num, den: -den } : { num, den };
}

/** '2.33' → 233/100 (as 2330000/1000000). */
export function fractionOfDecimal(d: DecimalString): Fraction {
  return { num: decimalToScaled(d), den: SCALE };
}

export function fractionAdd(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function fractionSub(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function fractionMul(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.num, a.den * b.den);
}

/** Throws RangeError when b is zero. */
export function fractionDiv(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den, a.den * b.num);
}

export function fractionCompare(a: Fraction, b: Fraction): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function fractionSign(a: Fraction): -1 | 0 | 1 {
  return a.num < 0n ? -1 : a.num > 0n ? 1 : 0;
}

/** Rounded half away from zero to `places` (0–6), with exactly that many fraction digits: (1/3, 2) → '0.33'. */
export function fractionToFixed(f: Fraction, places: number): DecimalString {
  assertPlaces(places);
  return fixed(divRoundHalfUp(f.num * 10n ** BigInt(places), f.den), places);
}

/** Rounded half away from zero to 6 places, canonical form (trailing zeros dropped). */
export function fractionToDecimal(f: Fraction): DecimalString {
  return scaledToDecimal(divRoundHalfUp(f.num * SCALE, f.den));
}

/** Canonical form: '03.50' → '3.5', '-0' → '0'. */
export function normalizeDecimal(d: DecimalString): DecimalString {
  return scaledToDecimal(decimalToScaled(d));
}

export function addDecimal(a: DecimalString, b: DecimalString): DecimalString {
  return scaledToDecimal(decimalToScaled(a) + decimalToScaled(b));
}

export function subDecimal(a: DecimalString, b: DecimalString): DecimalString {
  return scaledToDecimal(decimalToScaled(a) - decimalToScaled(b));
}

/** Sum of any number of decimals; '0' for none. */
export function sumDecimals(values: Iterable<DecimalString>): DecimalString {
  let total = 0n;
  for (const v of values) total += decimalToScaled(v);
  return scaledToDecimal(total);
}

/** a × b rounded half away from zero to `places` (default 6), canonical form. */
export function mulDecimal(a: DecimalString, b: DecimalString, places: number = DECIMAL_PLACES): DecimalString {
  return normalizeDecimal(fractionToFixed(fractionMul(fractionOfDecimal(a), fractionOfDecimal(b)), places));
}

/** a ÷ b rounded half away from zero to `places` (default 6), canonical form. Throws RangeError when b is 0. */
export function divDecimal(a: DecimalString, b: DecimalString, places: number = DECIMAL_PLACES): DecimalString {
  if (decimalToScaled(b) === 0n) throw new RangeError('除数不能为0');
  const q = fractionDiv(fractionOfDecimal(a), fractionOfDecimal(b));
  return normalizeDecimal(fractionToFixed(q, places));
}

export function compareDecimal(a: DecimalString, b: DecimalString): -1 | 0 | 1 {
  const x = decimalToScaled(a);
  const y = decimalToScaled(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Numeric equality: '3.0' equals '3'. */
export function decimalEquals(a: DecimalString, b: DecimalString): boolean {
  return compareDecimal(a, b) === 0;
}

export function negateDecimal(a: DecimalString): DecimalString {
  return scaledToDecimal(-decimalToScaled(a));
}

export function absDecimal(a: DecimalString): DecimalString {
  const n = decimalToScaled(a);
  return scaledToDecimal(n < 0n ? -n : n);
}

/**
 * Rounded half away from zero to `places` (0–6). `fixedPlaces` (default true) keeps exactly that many digits
 * ('2.9' → '2.90'), as tables show shares; false gives the canonical form.
 */
export function roundDecimal(a: DecimalString, places: number, fixedPlaces = true): DecimalString {
  const s = fractionToFixed(fractionOfDecimal(a), places);
  return fixedPlaces ? s : normalizeDecimal(s);
}

/**
 * A JavaScript number as a DecimalString, rounded to 6 places by Number#toFixed, whose result the language
 * defines exactly (unlike String(x), which may give '1e-7'). Excel hands over 56.150000000000006 for a cell
 * that shows 56.15: six places are far below any figure a department reports and far above a float's noise.
 */
export function decimalFromNumber(x: number): DecimalString {
  if (!Number.isFinite(x)) throw new RangeError('数值必须是有限的数字');
  if (Math.abs(x) >= 1e15) throw new RangeError('数值过大');
  return normalizeDecimal(x.toFixed(DECIMAL_PLACES));
}

function toBigInt(x: bigint | number, what: string): bigint {
  if (typeof x === 'bigint') return x;
  if (!Number.isSafeInteger(x)) throw new RangeError(`${what}须为整数`);
  return BigInt(x);
}

/**
 * num/den as a percentage rounded half away from zero to `places`, always with that many digits:
 * 169/301 → '56.15', 1/2 → '50.00'. Exact: the quotient is never a float. Throws RangeError when den is 0.
 */
export function ratioPercent(num: bigint | number, den: bigint | number, places = 2): DecimalString {
  const n = toBigInt(num, '分子');
  const d = toBigInt(den, '分母');
  if (d === 0n) throw new RangeError('分母不能为0');
  return fractionToFixed(fraction(n * 100n, d), places);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * For display: '13000' → '13,000', '1234.5' → '1,234.5'. `places` (a number, or `{ places }`) rounds half away
 * from zero and keeps exactly that many digits: ('1234.5', 2) → '1,234.50'; `thousands: false` leaves the
 * separators out. Server and web both call this, so a figure reads the same everywhere.
 */
export function formatDecimal(d: DecimalString, places: number | { places?: number; thousands?: boolean } = {}): string {
  const options = typeof places === 'number' ? { places } : places;
  const s = options.places === undefined ? normalizeDecimal(d) : roundDecimal(d, options.places);
  if (options.thousands === false) return s;
  const neg = s.startsWith('-');
  const [whole = '0', frac] = (neg ? s.slice(1) : s).split('.');
  return `${neg ? '-' : ''}${groupThousands(whole)}${frac === undefined ? '' : `.${frac}`}`;
}

/** '13000' → '13,000' with the fraction as written. */
export function formatThousands(d: DecimalString): string {
  assertDecimal(d);
  const neg = d.startsWith('-');
  const [whole = '0', frac] = (neg ? d.slice(1) : d).split('.');
  return `${neg ? '-' : ''}${groupThousands(whole)}${frac === undefined ? '' : `.${frac}`}`;
}

export type DecimalParse = { ok: true; value: DecimalString; places: number } | { ok: false; message: string };

export interface DecimalInputOptions {
  /** Accept one trailing '%' (or '％'): '56.17%' → '56.17'. Off by default: an indicator's unit says what it is. */
  percent?: boolean;
  /** At most this many fraction digits (default 6). */
  maxPlaces?: number;
}

const GROUPED = /^\d{1,3}(?:,\d{3})+$/;

function quote(raw: string): string {
  const t = raw.trim();
  return t.length > 20 ? `${t.slice(0, 20)}…` : t;
}

/**
 * Reads a figure as people type or paste it: '1,234.5', full-width '１２３４．５', '+3', ' 7 ', '56.17%' (only
 * with `percent`). The value keeps the fraction digits as written ('3.0' stays '3.0': the precision a figure
 * was reported at matters, see compareReported) and `places` counts them. Messages are Chinese and name the input.
 */
export function parseDecimalInput(raw: string, options: DecimalInputOptions = {}): DecimalParse {
  const maxPlaces = options.maxPlaces ?? DECIMAL_PLACES;
  if (typeof raw !== 'string') return { ok: false, message: '请填写数值' };
  // NFKC folds full-width digits, '．', '，', '％', '－', '＋' and the ideographic space to ASCII.
  let s = raw.normalize('NFKC').replace(/\u2212/g, '-').trim();
  if (s === '') return { ok: false, message: '请填写数值' };
  if (s.endsWith('%')) {
    if (!options.percent) return { ok: false, message: `“${quote(raw)}”不能带百分号，请只填数值` };
    s = s.slice(0, -1).trim();
  }
  const m = /^([+-]?)([\d,]*)(?:\.(\d*))?$/.exec(s);
  if (!m || !/\d/.test(s)) return { ok: false, message: `“${quote(raw)}”不是有效的数字` };
  const [, sign = '', wholeRaw = '', frac = ''] = m;
  if (wholeRaw.includes(',') && !GROUPED.test(wholeRaw)) return { ok: false, message: `“${quote(raw)}”的千位分隔符位置不正确` };
  const whole = wholeRaw.replace(/,/g, '').replace(/^0+(?=\d)/, '') || '0';
  if (frac.length > maxPlaces) return { ok: false, message: maxPlaces === 0 ? `“${quote(raw)}”须为整数` : `“${quote(raw)}”最多保留${maxPlaces}位小数` };
  if (whole.length > 15) return { ok: false, message: `“${quote(raw)}”数值过大` };
  const zero = /^0*$/.test(whole + frac);
  const value = `${sign === '-' && !zero ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
  return { ok: true, value, places: frac.length };
}
