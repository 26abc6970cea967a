/**
 * Calendar days as 'YYYY-MM-DD' strings (Asia/Shanghai days, as the bureau counts them). Arithmetic goes through
 * UTC day numbers, so it is the same in every time zone and in the browser; nothing here reads the clock.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True for a real calendar day in 'YYYY-MM-DD' form ('2024-02-29' yes, '2023-02-29' no). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.toISOString().slice(0, 10) === s;
}

/** Throws RangeError (Chinese) unless `s` is a real 'YYYY-MM-DD' day. */
export function assertIsoDate(s: string, what = '日期'): void {
  if (!isIsoDate(s)) throw new RangeError(`${what}“${String(s)}”无效：须为 YYYY-MM-DD 格式的有效日期`);
}

/** Days since 1970-01-01. */
export function dayNumber(date: string): number {
  assertIsoDate(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

export function dateOfDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

/** `to` − `from` in calendar days (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isLeapYear(year: number): boolean {
  return daysInMonth(year, 2) === 29;
}

/** 'YYYY-12-31'. */
export function yearEnd(year: number): string {
  return `${String(year).padStart(4, '0')}-12-31`;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** -1, 0, 1; 'YYYY-MM-DD' strings compare as text. */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  assertIsoDate(a);
  assertIsoDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}
