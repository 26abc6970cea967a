import { describe, expect, it } from 'vitest';
import { currentReportingPeriod, daysUntil, isOverdue, todayShanghai, yearShanghai } from './dates';

// Instants written in Los Angeles time (UTC−8 in winter): the browser's own calendar would say one day, Shanghai's
// (UTC+8) the next. The page must follow Shanghai.
const la = (wall: string) => new Date(`${wall}-08:00`);

describe('monitoring dates in the browser are Asia/Shanghai days', () => {
  it('the due day itself is on time, the day after is overdue, by Shanghai’s calendar', () => {
    const due = '2026-12-10';
    // 2026-12-09 20:00 in LA is 12-10 12:00 in Shanghai: the due day, on time, 0 days left.
    expect(todayShanghai(la('2026-12-09T20:00:00'))).toBe('2026-12-10');
    expect(isOverdue({ due }, la('2026-12-09T20:00:00'))).toBe(false);
    expect(daysUntil(due, la('2026-12-09T20:00:00'))).toBe(0);
    // 2026-12-10 08:30 in LA is already 12-11 00:30 in Shanghai: overdue, though the browser's own day is the due day.
    expect(isOverdue({ due }, la('2026-12-10T08:30:00'))).toBe(true);
    expect(daysUntil(due, la('2026-12-10T08:30:00'))).toBe(-1);
    // And the last minute of the due day in Shanghai is still on time.
    expect(isOverdue({ due }, new Date('2026-12-10T23:59:59+08:00'))).toBe(false);
  });

  it('a countdown uses the server’s today when the response carries it', () => {
    expect(daysUntil('2026-12-10', '2026-12-07')).toBe(3);
    expect(daysUntil('2026-12-10', '2026-12-10')).toBe(0);
  });

  it('a done milestone is never overdue; the server’s verdict wins when it sends one', () => {
    expect(isOverdue({ due: '2026-01-01', doneOn: '2026-02-01' }, la('2026-12-10T08:30:00'))).toBe(false);
    expect(isOverdue({ due: '2026-12-10', overdue: false }, la('2026-12-20T08:30:00'))).toBe(false);
    expect(isOverdue({ due: '2026-12-10', overdue: true }, la('2026-12-01T08:30:00'))).toBe(true);
  });

  it('the period being reported and the default year turn over at Shanghai midnight', () => {
    // 2026-11-30 09:00 in LA is 12-01 01:00 in Shanghai: November has ended there.
    expect(currentReportingPeriod(la('2026-11-30T09:00:00'))).toBe('2026-11');
    expect(currentReportingPeriod(la('2026-11-30T07:00:00'))).toBe('2026-10');
    expect(yearShanghai(la('2026-12-31T09:00:00'))).toBe(2027);
  });
});
