/**
 * Monitoring's calendar in the browser: days are Asia/Shanghai days whatever the browser's own zone, and the
 * verdicts ("overdue", the period being reported) are the domain's, or the server's when the response carries one.
 */
import { daysBetween, milestoneSummary, reportingPeriodFor, shanghaiToday } from '@kechuang/domain';

/** Today as the bureau counts it: 'YYYY-MM-DD' in Asia/Shanghai. */
export function todayShanghai(now: Date = new Date()): string {
  return shanghaiToday(now);
}

/** The month being reported now: the latest that has ended in Shanghai ('2026-11' all through December). */
export function currentReportingPeriod(now: Date = new Date()): string {
  return reportingPeriodFor('monthly', todayShanghai(now));
}

/** Calendar days from today (Shanghai, or the server's `today` when given) to `due`: 0 on the due day itself, negative after it. */
export function daysUntil(due: string, now: Date | string = new Date()): number {
  return daysBetween(typeof now === 'string' ? now : todayShanghai(now), due);
}

/** Something with a due day, as the server sends it; `overdue` is the server's verdict once it sends one. */
export interface Dated {
  due: string;
  doneOn?: string | null | undefined;
  overdue?: boolean | undefined;
}

/**
 * Open and past its due day. The due day itself is on time (the domain's rule, applied to Shanghai's today);
 * the server's own verdict wins when present, so the page never contradicts the lists and exports.
 */
export function isOverdue(item: Dated, now: Date = new Date()): boolean {
  if (item.overdue !== undefined) return item.overdue;
  return milestoneSummary([{ due: item.due, doneOn: item.doneOn ?? null }], todayShanghai(now)).overdue > 0;
}

/** This year in Shanghai (a form's default year must not depend on where the browser is). */
export function yearShanghai(now: Date = new Date()): number {
  return Number(todayShanghai(now).slice(0, 4));
}
