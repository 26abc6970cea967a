/**
 * Reporting periods (P315-3 月度监测): '2026-10' (monthly), '2026-Q3' (quarterly), '2026' (annual). A period's
 * report is due on a set day of the month after it ends (default the 10th); nothing here reads the clock:
 * `today` is always a parameter.
 */
import { shanghaiDate } from '../programmes/rule-set.js';
import { assertIsoDate, compareDates, daysInMonth, isoDate } from './dates.js';
import type { Frequency, PeriodKey } from './types.js';

export interface ParsedPeriod {
  frequency: Frequency;
  year: number;
  /** Month 1–12, quarter 1–4, or 1 for a year. */
  index: number;
}

const MONTHLY = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTERLY = /^(\d{4})-Q([1-4])$/;
const ANNUAL = /^(\d{4})$/;

/** Parses a period key; null when it is none of the three forms. */
export function tryParsePeriod(period: string): ParsedPeriod | null {
  let m = MONTHLY.exec(period);
  if (m) return { frequency: 'monthly', year: Number(m[1]), index: Number(m[2]) };
  m = QUARTERLY.exec(period);
  if (m) return { frequency: 'quarterly', year: Number(m[1]), index: Number(m[2]) };
  m = ANNUAL.exec(period);
  if (m) return { frequency: 'annual', year: Number(m[1]), index: 1 };
  return null;
}

export function isPeriodKey(period: unknown): period is PeriodKey {
  return typeof period === 'string' && tryParsePeriod(period) !== null;
}

/** Throws RangeError (Chinese) on a malformed key. */
export function parsePeriod(period: PeriodKey): ParsedPeriod {
  const p = tryParsePeriod(period);
  if (!p) throw new RangeError(`填报期“${String(period)}”无效：须为 2026-10、2026-Q3 或 2026 的形式`);
  return p;
}

export function periodKey(frequency: Frequency, year: number, index: number): PeriodKey {
  const y = String(year).padStart(4, '0');
  if (frequency === 'monthly') return `${y}-${String(index).padStart(2, '0')}`;
  if (frequency === 'quarterly') return `${y}-Q${index}`;
  return y;
}

export function frequencyOfPeriod(period: PeriodKey): Frequency {
  return parsePeriod(period).frequency;
}

export function yearOfPeriod(period: PeriodKey): number {
  return parsePeriod(period).year;
}

const PER_YEAR: Record<Frequency, number> = { monthly: 12, quarterly: 4, annual: 1 };

/** First and last month (1–12) a period covers. */
function monthsOf(p: ParsedPeriod): [number, number] {
  if (p.frequency === 'monthly') return [p.index, p.index];
  if (p.frequency === 'quarterly') return [3 * p.index - 2, 3 * p.index];
  return [1, 12];
}

/** The period of `frequency` that contains `date`: ('monthly', '2026-10-15') → '2026-10'. */
export function periodOf(frequency: Frequency, date: string): PeriodKey {
  assertIsoDate(date);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (frequency === 'monthly') return periodKey('monthly', year, month);
  if (frequency === 'quarterly') return periodKey('quarterly', year, Math.ceil(month / 3));
  return periodKey('annual', year, 1);
}

/** First day of the period. */
export function periodStart(period: PeriodKey): string {
  const p = parsePeriod(period);
  return isoDate(p.year, monthsOf(p)[0], 1);
}

/** Last day of the period: '2026-Q1' → '2026-03-31', '2024-02' → '2024-02-29'. */
export function periodEnd(period: PeriodKey): string {
  const p = parsePeriod(period);
  const last = monthsOf(p)[1];
  return isoDate(p.year, last, daysInMonth(p.year, last));
}

export function periodContains(period: PeriodKey, date: string): boolean {
  assertIsoDate(date);
  return periodStart(period) <= date && date <= periodEnd(period);
}

function ordinal(p: ParsedPeriod): number {
  return p.year * PER_YEAR[p.frequency] + (p.index - 1);
}

function fromOrdinal(frequency: Frequency, n: number): PeriodKey {
  const per = PER_YEAR[frequency];
  return periodKey(frequency, Math.floor(n / per), (n % per) + 1);
}

export function previousPeriod(period: PeriodKey): PeriodKey {
  const p = parsePeriod(period);
  return fromOrdinal(p.frequency, ordinal(p) - 1);
}

export function nextPeriod(period: PeriodKey): PeriodKey {
  const p = parsePeriod(period);
  return fromOrdinal(p.frequency, ordinal(p) + 1);
}

/** Orders two periods of any frequencies by their end day, then by length (a month before the quarter it ends). */
export function comparePeriods(a: PeriodKey, b: PeriodKey): -1 | 0 | 1 {
  const c = compareDates(periodEnd(a), periodEnd(b));
  if (c !== 0) return c;
  const d = compareDates(periodStart(b), periodStart(a));
  return d;
}

/**
 * Every period from `from` to `to` inclusive, both of one frequency: ('2026-11', '2027-02') → four months.
 * Empty when `to` is before `from`; RangeError when the frequencies differ.
 */
export function periodsBetween(from: PeriodKey, to: PeriodKey): PeriodKey[] {
  const a = parsePeriod(from);
  const b = parsePeriod(to);
  if (a.frequency !== b.frequency) throw new RangeError(`填报期“${from}”与“${to}”的频率不同`);
  const out: PeriodKey[] = [];
  for (let n = ordinal(a); n <= ordinal(b); n++) out.push(fromOrdinal(a.frequency, n));
  return out;
}

/** The periods of `frequency` in a calendar year: 12 months, 4 quarters or the year. */
export function periodsOfYear(frequency: Frequency, year: number): PeriodKey[] {
  return periodsBetween(periodKey(frequency, year, 1), periodKey(frequency, year, PER_YEAR[frequency]));
}

/** Checks a due day; 1–31, a day beyond the month's end falls on its last day. */
function assertDueDay(dueDay: number): void {
  if (!Number.isInteger(dueDay) || dueDay < 1 || dueDay > 31) throw new RangeError('报送截止日须为1到31之间的整数');
}

/**
 * When a period's report is due: `dueDay` of the month after the period ends ('2026-10' → '2026-11-10',
 * '2026-Q4' → '2027-01-10', '2026' → '2027-01-10'). A due day past that month's end (31 in February) falls on its last day.
 */
export function dueDate(period: PeriodKey, dueDay = 10): string {
  assertDueDay(dueDay);
  const end = periodEnd(period);
  let year = Number(end.slice(0, 4));
  let month = Number(end.slice(5, 7)) + 1;
  if (month === 13) {
    year += 1;
    month = 1;
  }
  return isoDate(year, month, Math.min(dueDay, daysInMonth(year, month)));
}

/**
 * The period a department reports for on `today`: the latest one whose end has passed (on 2026-11-01 and all
 * through November, October; on 2026-10-31 October has not ended yet, so September).
 */
export function reportingPeriodFor(frequency: Frequency, today: string): PeriodKey {
  return previousPeriod(periodOf(frequency, today));
}

/**
 * Late (逾期): submitted after the due day, or not submitted and the due day has passed. A report on the due day
 * itself is on time.
 */
export function isLate(period: PeriodKey, dueDay: number, submittedOn: string | null, today: string): boolean {
  assertIsoDate(today, '今天');
  const due = dueDate(period, dueDay);
  if (submittedOn !== null) {
    assertIsoDate(submittedOn, '报送日期');
    return submittedOn > due;
  }
  return today > due;
}

/** The calendar day in Asia/Shanghai at an instant: the day every due date and lateness verdict is read on. */
export function shanghaiToday(now: Date): string {
  return shanghaiDate(now);
}

/**
 * Late at an instant: like isLate, with the submission time and "now" read as Asia/Shanghai days. A report
 * submitted at 23:59:59 on the due day (15:59:59 UTC) is on time; one at 00:00:00 the next day is late.
 */
export function isLateAt(period: PeriodKey, dueDay: number, submittedAt: Date | null, now: Date): boolean {
  return isLate(period, dueDay, submittedAt === null ? null : shanghaiToday(submittedAt), shanghaiToday(now));
}

/** The due day has passed (Asia/Shanghai) — what "overdue" means for an outstanding report. The due day itself is not overdue. */
export function isPastDue(period: PeriodKey, dueDay: number, today: string): boolean {
  assertIsoDate(today, '今天');
  return today > dueDate(period, dueDay);
}

/** The report a department files for an indicator of `frequency` in reporting month `month`: the period that ends with that month, or null ('quarterly', '2026-08') → null, ('quarterly', '2026-09') → '2026-Q3'. */
export function periodFiledIn(frequency: Frequency, month: PeriodKey): PeriodKey | null {
  const m = parsePeriod(month);
  if (m.frequency !== 'monthly') throw new RangeError(`填报月份“${month}”须为 2026-10 的形式`);
  const key = periodOf(frequency, periodEnd(month));
  return periodEnd(key) === periodEnd(month) ? key : null;
}

/** The reporting month in which a period is filed: its last month ('2026-Q3' → '2026-09', '2026' → '2026-12'). */
export function filingMonthOf(period: PeriodKey): PeriodKey {
  return periodOf('monthly', periodEnd(period));
}

/** The latest `n` reporting months on `today`, newest first: the current reporting month and the ones before it. */
export function recentReportingMonths(today: string, n: number): PeriodKey[] {
  const out: PeriodKey[] = [];
  let cur = reportingPeriodFor('monthly', today);
  for (let i = 0; i < n; i++) {
    out.push(cur);
    cur = previousPeriod(cur);
  }
  return out;
}

/** '2026年10月', '2026年第3季度', '2026年'. */
export function periodLabel(period: PeriodKey): string {
  const p = parsePeriod(period);
  if (p.frequency === 'monthly') return `${p.year}年${p.index}月`;
  if (p.frequency === 'quarterly') return `${p.year}年第${p.index}季度`;
  return `${p.year}年`;
}
