/**
 * Calendar arithmetic of a project's deadlines. Dates are YYYY-MM-DD in Asia/Shanghai. One effective end date
 * — the task book's end plus every approved extension — drives every later deadline (acceptance window, last
 * report, recovery), so an extension moves all of them at once. Days: monitoring/dates.ts (addDays,
 * daysBetween); whole months of a project: applications/checks.ts (durationMonths).
 */
import { daysInMonth } from '../monitoring/dates.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `months` calendar months after `date`; the day is clamped to the month's last day (01-31 + 1 month = 02-28/29). */
export function addMonths(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new Error('months must be an integer');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`invalid calendar date: ${date}`);
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return `${pad(ny, 4)}-${pad(nm)}-${pad(Math.min(Number(m[3]), daysInMonth(ny, nm)))}`;
}

/** The end date in force: the original end moved by every approved extension, in months. */
export function effectiveEndDate(originalEnd: string, approvedExtensionMonths: readonly number[]): string {
  return addMonths(originalEnd, approvedExtensionMonths.reduce((s, m) => s + m, 0));
}
