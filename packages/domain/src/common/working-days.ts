/**
 * Working days (工作日) as the bureau counts them: Monday to Friday, except the public holidays of the calendar,
 * plus the weekend days the State Council's arrangement turns into working days (调休上班). Dates are
 * 'YYYY-MM-DD' Asia/Shanghai days and all arithmetic goes through UTC day numbers, so the answer is the same in
 * the server, the seed and a browser in any time zone; nothing here reads the clock.
 */
import { addDays, assertIsoDate, dayNumber, isIsoDate } from '../monitoring/dates.js';

/** holiday: a day off (放假), even on a weekday; workday: a weekend day worked (调休上班). */
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];
export const CALENDAR_DAY_KIND_LABELS: Record<CalendarDayKind, string> = { holiday: '放假', workday: '调休上班' };

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  /** The festival it belongs to (元旦, 春节 …). */
  name: string;
}

/** The exceptions to Monday–Friday, by date. */
export interface WorkingCalendar {
  readonly days: ReadonlyMap<string, CalendarDay>;
}

export function workingCalendar(days: readonly CalendarDay[]): WorkingCalendar {
  const map = new Map<string, CalendarDay>();
  for (const d of days) {
    assertIsoDate(d.date, '日历日期');
    map.set(d.date, d);
  }
  return { days: map };
}

/** 1 = Monday … 7 = Sunday (ISO). 1970-01-01 (day 0) was a Thursday. */
export function isoWeekday(date: string): number {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(date: string): boolean {
  return isoWeekday(date) >= 6;
}

export function isWorkingDay(cal: WorkingCalendar, date: string): boolean {
  const special = cal.days.get(date);
  if (special) return special.kind === 'workday';
  return !isWeekend(date);
}

/** A search that finds no working day within this many days means the calendar is broken (every day a holiday). */
const MAX_SCAN_DAYS = 3660;

/** `date` itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(cal: WorkingCalendar, date: string): string {
  let d = date;
  for (let i = 0; i < MAX_SCAN_DAYS; i++, d = addDays(d, 1)) if (isWorkingDay(cal, d)) return d;
  throw new RangeError(`${date}之后十年内没有工作日：请检查节假日日历`);
}

/**
 * The last day of a period of `n` working days that starts on `startDate` (or on the next working day when
 * `startDate` is not one): with n = 1 it is that first working day itself.
 */
export function addWorkingDays(cal: WorkingCalendar, startDate: string, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('工作日天数须为正整数');
  let d = nextWorkingDay(cal, startDate);
  for (let left = n - 1; left > 0; left--) d = nextWorkingDay(cal, addDays(d, 1));
  return d;
}

/** Working days from `from` to `to`, both included (0 when `to` is before `from`). */
export function workingDaysBetween(cal: WorkingCalendar, from: string, to: string): number {
  assertIsoDate(from);
  assertIsoDate(to);
  let count = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(cal, d)) count++;
  return count;
}

/** One line of an imported year: `2027-01-01,放假,元旦` (comma, tab or spaces; 放假/holiday, 上班/调休/workday). */
export type CalendarImport = { ok: true; days: CalendarDay[] } | { ok: false; errors: { line: number; message: string }[] };

const KIND_WORDS: Record<string, CalendarDayKind> = { 放假: 'holiday', 休: 'holiday', holiday: 'holiday', 上班: 'workday', 调休: 'workday', 调休上班: 'workday', 班: 'workday', workday: 'workday' };

/** Parses an imported year's days; every day must fall in `year` and appear once. */
export function parseCalendarImport(text: string, year: number): CalendarImport {
  const days: CalendarDay[] = [];
  const errors: { line: number; message: string }[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [date = '', kindWord = '', ...rest] = line.split(/[,，\t ]+/);
    const kind = KIND_WORDS[kindWord.toLowerCase()];
    const name = rest.join(' ').trim();
    if (!isIsoDate(date)) errors.push({ line: i + 1, message: `“${date}”不是 YYYY-MM-DD 格式的有效日期` });
    else if (!date.startsWith(`${year}-`)) errors.push({ line: i + 1, message: `${date}不在${year}年内` });
    else if (seen.has(date)) errors.push({ line: i + 1, message: `${date}重复` });
    else if (!kind) errors.push({ line: i + 1, message: `类型“${kindWord}”无效：须为“放假”或“上班”` });
    else if (!name) errors.push({ line: i + 1, message: '缺少节日名称（如“春节”）' });
    else {
      seen.add(date);
      days.push({ date, kind, name });
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, days };
}

/** Expands a festival's ranges into days: `range('春节', 'holiday', '2026-02-15', '2026-02-23')`. */
export function calendarRange(name: string, kind: CalendarDayKind, from: string, to: string): CalendarDay[] {
  const out: CalendarDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push({ date: d, kind, name });
  return out;
}
