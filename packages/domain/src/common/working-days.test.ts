import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../monitoring/dates.js';
import { OFFICIAL_CALENDAR_2026 } from './holidays-2026.js';
import { addWorkingDays, isoWeekday, isWorkingDay, nextWorkingDay, parseCalendarImport, workingCalendar, workingDaysBetween, type CalendarDay } from './working-days.js';

const cal2026 = workingCalendar(OFFICIAL_CALENDAR_2026);
const empty = workingCalendar([]);

describe('working days', () => {
  it('knows the weekday of a date without the local time zone', () => {
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('2026-12-06')).toBe(7);
    expect(isoWeekday('2026-02-14')).toBe(6);
    expect(isoWeekday('1969-12-31')).toBe(3);
  });

  it('the 2026 arrangement matches its notice: 7 festivals, 33 days off counted in the notice, 6 make-up working days', () => {
    expect(OFFICIAL_CALENDAR_2026.filter((d) => d.kind === 'holiday')).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    const makeUp = OFFICIAL_CALENDAR_2026.filter((d) => d.kind === 'workday');
    expect(makeUp.map((d) => d.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    // Every make-up working day falls on a weekend, as the notice says.
    for (const d of makeUp) expect(isoWeekday(d.date)).toBeGreaterThanOrEqual(6);
  });

  it('holidays are off even on weekdays, make-up days (调休上班) are working even on weekends', () => {
    expect(isWorkingDay(cal2026, '2026-10-05')).toBe(false); // Monday of 国庆节
    expect(isWorkingDay(cal2026, '2026-10-10')).toBe(true); // Saturday worked
    expect(isWorkingDay(cal2026, '2026-10-11')).toBe(false); // plain Sunday
    expect(isWorkingDay(empty, '2026-10-05')).toBe(true);
  });

  it('Spring Festival: a period starting on the Saturday worked before it runs over the nine days off', () => {
    // 2026-02-13 Fri, 14 Sat (worked), 15–23 off, 24 Tue, 25, 26, 27 Fri, 28 Sat (worked).
    expect(addWorkingDays(cal2026, '2026-02-13', 5)).toBe('2026-02-26');
    expect(addWorkingDays(cal2026, '2026-02-15', 5)).toBe('2026-02-28');
    expect(addWorkingDays(cal2026, '2026-02-15', 1)).toBe('2026-02-24');
    expect(workingDaysBetween(cal2026, '2026-02-14', '2026-02-28')).toBe(6);
  });

  it('National Day: 7 days off with the make-up Saturday after', () => {
    expect(addWorkingDays(cal2026, '2026-09-28', 5)).toBe('2026-10-09');
    expect(addWorkingDays(cal2026, '2026-09-28', 6)).toBe('2026-10-10');
  });

  it('crosses the year boundary (New Year 2026: 1–3 January off, Sunday the 4th worked)', () => {
    expect(addWorkingDays(cal2026, '2025-12-29', 5)).toBe('2026-01-05');
    expect(workingDaysBetween(cal2026, '2025-12-29', '2026-01-05')).toBe(5);
    expect(addWorkingDays(empty, '2026-12-28', 5)).toBe('2027-01-01');
  });

  it('a start on a weekend moves to the next working day', () => {
    expect(nextWorkingDay(cal2026, '2026-12-05')).toBe('2026-12-07');
    expect(addWorkingDays(cal2026, '2026-12-05', 5)).toBe('2026-12-11');
  });

  it('refuses a period that is not a positive whole number of working days', () => {
    expect(() => addWorkingDays(cal2026, '2026-12-07', 0)).toThrow(RangeError);
    expect(() => addWorkingDays(cal2026, '2026-12-07', 1.5)).toThrow(RangeError);
  });

  const date = fc.integer({ min: 20_000, max: 21_500 }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
  const special = fc.array(fc.record({ date, kind: fc.constantFrom('holiday' as const, 'workday' as const), name: fc.constant('测试') }), { maxLength: 40 });

  it('property: an n-day period holds exactly n working days and ends on one', () => {
    fc.assert(
      fc.property(special, date, fc.integer({ min: 1, max: 30 }), (days: CalendarDay[], start, n) => {
        const cal = workingCalendar(days);
        const end = addWorkingDays(cal, start, n);
        expect(isWorkingDay(cal, end)).toBe(true);
        expect(workingDaysBetween(cal, start, end)).toBe(n);
        expect(end >= start).toBe(true);
        // Monotone: one more working day ends strictly later.
        expect(addWorkingDays(cal, start, n + 1) > end).toBe(true);
      }),
    );
  });

  it('property: between counts are additive over a split', () => {
    fc.assert(
      fc.property(special, date, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (days: CalendarDay[], from, a, b) => {
        const cal = workingCalendar(days);
        const mid = addDays(from, a);
        const to = addDays(mid, b + 1);
        expect(workingDaysBetween(cal, from, mid) + workingDaysBetween(cal, addDays(mid, 1), to)).toBe(workingDaysBetween(cal, from, to));
      }),
    );
  });

  it('parses an imported year and reports every bad line in Chinese', () => {
    expect(parseCalendarImport('2027-01-01,放假,元旦\n# 注释\n2027-02-06\t上班\t春节', 2027)).toEqual({
      ok: true,
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'workday', name: '春节' },
      ],
    });
    const bad = parseCalendarImport('2027-02-30,放假,x\n2026-05-01,放假,劳动节\n2027-01-01,休息日,元旦\n2027-01-02,放假', 2027);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.line)).toEqual([1, 2, 3, 4]);
  });
});
