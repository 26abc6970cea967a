import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dateOfDayNumber, dayNumber, daysBetween, isIsoDate, isLeapYear, yearEnd } from './dates.js';
import {
  comparePeriods,
  dueDate,
  frequencyOfPeriod,
  isLate,
  isPeriodKey,
  nextPeriod,
  parsePeriod,
  periodContains,
  periodEnd,
  periodLabel,
  periodOf,
  periodsBetween,
  periodsOfYear,
  periodStart,
  previousPeriod,
  reportingPeriodFor,
  periodFiledIn,
  filingMonthOf,
  recentReportingMonths,
  shanghaiToday,
  isLateAt,
  isPastDue,
} from './periods.js';
import type { Frequency } from './types.js';

describe('dates', () => {
  it('knows real calendar days', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2100)).toBe(false);
    expect(yearEnd(2020)).toBe('2020-12-31');
  });

  it('counts calendar days across years and leap days', () => {
    expect(daysBetween('2020-12-31', '2025-12-31')).toBe(1826);
    expect(daysBetween('2025-12-31', '2020-12-31')).toBe(-1826);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(() => dayNumber('2026-02-30')).toThrow(RangeError);
  });

  it('day numbers round-trip (property)', () => {
    fc.assert(fc.property(fc.integer({ min: -20_000, max: 60_000 }), (n) => {
        expect(dayNumber(dateOfDayNumber(n))).toBe(n);
      }),
    );
  });
});

describe('period keys', () => {
  it('P315-3 periods are months, quarters or years', () => {
    expect(periodOf('monthly', '2026-10-15')).toBe('2026-10');
    expect(periodOf('quarterly', '2026-08-01')).toBe('2026-Q3');
    expect(periodOf('annual', '2026-08-01')).toBe('2026');
    expect(parsePeriod('2026-Q3')).toEqual({ frequency: 'quarterly', year: 2026, index: 3 });
    expect(frequencyOfPeriod('2026-10')).toBe('monthly');
    expect(['2026-10', '2026-Q3', '2026', '2026-13', '2026-Q5', '26-10', '2026-1'].map(isPeriodKey)).toEqual([true, true, true, false, false, false, false]);
    expect(() => parsePeriod('2026/10')).toThrow('填报期“2026/10”无效');
  });

  it('start and end days, leap Februaries included', () => {
    expect([periodStart('2026-10'), periodEnd('2026-10')]).toEqual(['2026-10-01', '2026-10-31']);
    expect(periodEnd('2024-02')).toBe('2024-02-29');
    expect(periodEnd('2025-02')).toBe('2025-02-28');
    expect([periodStart('2026-Q3'), periodEnd('2026-Q3')]).toEqual(['2026-07-01', '2026-09-30']);
    expect([periodStart('2026'), periodEnd('2026')]).toEqual(['2026-01-01', '2026-12-31']);
    expect(periodContains('2026-Q3', '2026-09-30')).toBe(true);
    expect(periodContains('2026-Q3', '2026-10-01')).toBe(false);
  });

  it('previous, next, between and per year', () => {
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(nextPeriod('2026-12')).toBe('2027-01');
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(nextPeriod('2026-Q4')).toBe('2027-Q1');
    expect(previousPeriod('2026')).toBe('2025');
    expect(periodsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(periodsBetween('2026-Q3', '2027-Q1')).toEqual(['2026-Q3', '2026-Q4', '2027-Q1']);
    expect(periodsBetween('2027-01', '2026-12')).toEqual([]);
    expect(() => periodsBetween('2026-01', '2026-Q1')).toThrow(RangeError);
    expect(periodsOfYear('monthly', 2026)).toHaveLength(12);
    expect(periodsOfYear('quarterly', 2026)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(periodsOfYear('annual', 2026)).toEqual(['2026']);
  });

  it('orders periods by end day, a month before the quarter it closes', () => {
    expect(['2026-Q1', '2026-03', '2025', '2026-02'].sort(comparePeriods)).toEqual(['2025', '2026-02', '2026-03', '2026-Q1']);
  });

  it('Chinese labels', () => {
    expect(periodLabel('2026-10')).toBe('2026年10月');
    expect(periodLabel('2026-03')).toBe('2026年3月');
    expect(periodLabel('2026-Q3')).toBe('2026年第3季度');
    expect(periodLabel('2026')).toBe('2026年');
  });

  it('next undoes previous and periods tile the calendar (property)', () => {
    const freq = fc.constantFrom<Frequency>('monthly', 'quarterly', 'annual');
    fc.assert(
      fc.property(freq, fc.integer({ min: dayNumber('2000-01-01'), max: dayNumber('2099-12-31') }), (f, n) => {
        const date = dateOfDayNumber(n);
        const p = periodOf(f, date);
        expect(periodContains(p, date)).toBe(true);
        expect(nextPeriod(previousPeriod(p))).toBe(p);
        expect(addDays(periodEnd(previousPeriod(p)), 1)).toBe(periodStart(p));
      }),
    );
  });
});

describe('P315-3 due dates and lateness', () => {
  it('a period is due on the 10th of the month after it ends', () => {
    expect(dueDate('2026-10')).toBe('2026-11-10');
    expect(dueDate('2026-12')).toBe('2027-01-10');
    expect(dueDate('2026-Q3')).toBe('2026-10-10');
    expect(dueDate('2026-Q4')).toBe('2027-01-10');
    expect(dueDate('2026')).toBe('2027-01-10');
    expect(dueDate('2026-10', 5)).toBe('2026-11-05');
    // A due day past the month's end falls on its last day.
    expect(dueDate('2026-01', 31)).toBe('2026-02-28');
    expect(() => dueDate('2026-10', 0)).toThrow(RangeError);
  });

  it('reports for the latest period that has ended', () => {
    expect(reportingPeriodFor('monthly', '2026-11-01')).toBe('2026-10');
    expect(reportingPeriodFor('monthly', '2026-11-30')).toBe('2026-10');
    expect(reportingPeriodFor('monthly', '2026-10-31')).toBe('2026-09');
    expect(reportingPeriodFor('monthly', '2027-01-05')).toBe('2026-12');
    expect(reportingPeriodFor('quarterly', '2026-10-01')).toBe('2026-Q3');
    expect(reportingPeriodFor('annual', '2027-03-01')).toBe('2026');
  });

  it('late when submitted after the due day, or still missing after it; the due day itself is on time', () => {
    expect(isLate('2026-10', 10, '2026-11-10', '2026-11-20')).toBe(false);
    expect(isLate('2026-10', 10, '2026-11-11', '2026-11-20')).toBe(true);
    expect(isLate('2026-10', 10, null, '2026-11-10')).toBe(false);
    expect(isLate('2026-10', 10, null, '2026-11-11')).toBe(true);
    expect(isLate('2026-10', 15, null, '2026-11-11')).toBe(false);
    expect(() => isLate('2026-10', 10, '2026-11-31', '2026-12-01')).toThrow(RangeError);
  });
});

describe('P315-3 reporting months and lateness in Asia/Shanghai', () => {
  it('the period an indicator files in a reporting month, and the month a period is filed in', () => {
    expect(periodFiledIn('monthly', '2026-10')).toBe('2026-10');
    expect(periodFiledIn('quarterly', '2026-08')).toBeNull();
    expect(periodFiledIn('quarterly', '2026-09')).toBe('2026-Q3');
    expect(periodFiledIn('annual', '2026-11')).toBeNull();
    expect(periodFiledIn('annual', '2026-12')).toBe('2026');
    expect(() => periodFiledIn('monthly', '2026-Q3')).toThrow(RangeError);
    expect(filingMonthOf('2026-Q3')).toBe('2026-09');
    expect(filingMonthOf('2026')).toBe('2026-12');
    expect(filingMonthOf('2026-02')).toBe('2026-02');
    for (const f of ['monthly', 'quarterly', 'annual'] as const) {
      for (const m of periodsOfYear('monthly', 2026)) {
        const k = periodFiledIn(f, m);
        if (k !== null) expect(filingMonthOf(k)).toBe(m);
      }
    }
  });

  it('recent reporting months start at the latest ended month and cross the year', () => {
    expect(recentReportingMonths('2026-02-10', 3)).toEqual(['2026-01', '2025-12', '2025-11']);
    expect(recentReportingMonths('2026-01-31', 1)).toEqual(['2025-12']);
  });

  it('today is the Asia/Shanghai day of an instant (UTC+8)', () => {
    expect(shanghaiToday(new Date('2026-11-10T15:59:59Z'))).toBe('2026-11-10');
    expect(shanghaiToday(new Date('2026-11-10T16:00:00Z'))).toBe('2026-11-11');
    expect(shanghaiToday(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('the due day itself is on time: 23:59:59 Asia/Shanghai on the due day is on time, 00:00:00 the next day is late', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(dueDate('2026-10', 10)).toBe('2026-11-10');
    expect(isLateAt('2026-10', 10, new Date('2026-11-10T15:59:59Z'), now)).toBe(false);
    expect(isLateAt('2026-10', 10, new Date('2026-11-10T16:00:00Z'), now)).toBe(true);
    // Not submitted: on time through the due day in Shanghai, late from the next Shanghai midnight.
    expect(isLateAt('2026-10', 10, null, new Date('2026-11-10T15:59:59Z'))).toBe(false);
    expect(isLateAt('2026-10', 10, null, new Date('2026-11-10T16:00:00Z'))).toBe(true);
  });

  it('past due is strictly after the due day', () => {
    expect(isPastDue('2026-10', 10, '2026-11-10')).toBe(false);
    expect(isPastDue('2026-10', 10, '2026-11-11')).toBe(true);
    expect(isPastDue('2026-Q4', 10, '2027-01-11')).toBe(true);
  });
});
