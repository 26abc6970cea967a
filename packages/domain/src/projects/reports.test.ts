import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dateOfDayNumber, dayNumber } from '../monitoring/dates.js';
import { addMonths, effectiveEndDate } from './dates.js';
import {
  dueSystemEvents, PROJECT_REPORT_EVENTS, PROJECT_REPORT_STATES, PROJECT_REPORT_TRANSITIONS, projectReportTransition, REPORT_WINDOW_OPENS_DAYS_BEFORE, reportContentSchema,
  reportLateDays, reportProblems, reportSchedule, reportTemplate, windowRefusal, type ProjectReportEvent, type ProjectReportState,
} from './reports.js';
import { DEFAULT_POST_AWARD_SETTINGS } from './settings.js';

const S = DEFAULT_POST_AWARD_SETTINGS;

describe('report schedule (BL-10 periodic checks of progress)', () => {
  it('BL-10: a two-year project owes one annual report: the first 12 months, due 31 days after, window open 30 days before the period ends', () => {
    expect(reportSchedule('2026-07-01', '2028-06-30', S)).toEqual([
      { periodNo: 1, periodStart: '2026-07-01', periodEnd: '2027-06-30', opensOn: '2027-05-31', dueDate: '2027-07-31' },
    ]);
  });

  it('a project of 12 months or less owes none (acceptance covers it); 13 months owes one; three years owe two (the last year goes to acceptance)', () => {
    expect(reportSchedule('2026-07-01', '2027-06-30', S)).toEqual([]);
    expect(reportSchedule('2026-07-01', '2027-07-31', S).map((p) => p.periodEnd)).toEqual(['2027-06-30']);
    expect(reportSchedule('2026-01-01', '2028-12-31', S).map((p) => p.periodEnd)).toEqual(['2026-12-31', '2027-12-31']);
  });

  it('reads the programme settings: a higher threshold drops the reports, a longer due period moves the due date', () => {
    expect(reportSchedule('2026-07-01', '2028-06-30', { ...S, annualReportAboveMonths: 24 })).toEqual([]);
    expect(reportSchedule('2026-07-01', '2028-06-30', { ...S, reportDueDays: 60 })[0]!.dueDate).toBe('2027-08-29');
  });

  it('an approved extension moves the schedule: computed from the effective end, the extended year gains a report', () => {
    const before = reportSchedule('2026-07-01', effectiveEndDate('2028-06-30', []), S);
    const after = reportSchedule('2026-07-01', effectiveEndDate('2028-06-30', [12]), S);
    expect(before.map((p) => p.periodNo)).toEqual([1]);
    expect(after.map((p) => [p.periodNo, p.periodEnd, p.dueDate])).toEqual([[1, '2027-06-30', '2027-07-31'], [2, '2028-06-30', '2028-07-31']]);
    // A six-month extension of a 12-month project takes it over the threshold: now it reports once.
    expect(reportSchedule('2026-07-01', effectiveEndDate('2027-06-30', [6]), S).map((p) => p.periodNo)).toEqual([1]);
  });

  it('a start on 29 February keeps the periods contiguous', () => {
    expect(reportSchedule('2024-02-29', '2027-02-27', S).map((p) => [p.periodStart, p.periodEnd])).toEqual([['2024-02-29', '2025-02-27'], ['2025-02-28', '2026-02-27']]);
  });

  const day = fc.integer({ min: dayNumber('2020-01-01'), max: dayNumber('2035-12-31') }).map(dateOfDayNumber);
  const settings = fc.record({ annualReportAboveMonths: fc.integer({ min: 1, max: 60 }), reportDueDays: fc.integer({ min: 1, max: 365 }) });

  it('property: periods are contiguous 12-month years from the start, all end before the effective end, and none is missing', () => {
    fc.assert(fc.property(day, fc.integer({ min: 1, max: 4000 }), settings, (start, length, s) => {
      const end = addDays(start, length);
      const periods = reportSchedule(start, end, s);
      periods.forEach((p, i) => {
        expect(p.periodNo).toBe(i + 1);
        expect(p.periodStart).toBe(i === 0 ? start : addDays(periods[i - 1]!.periodEnd, 1));
        expect(p.periodEnd < end).toBe(true);
        expect(addDays(p.periodEnd, 1)).toBe(addMonths(start, 12 * p.periodNo));
        expect(p.opensOn).toBe(addDays(p.periodEnd, -REPORT_WINDOW_OPENS_DAYS_BEFORE));
        expect(p.dueDate).toBe(addDays(p.periodEnd, s.reportDueDays));
        expect(p.opensOn < p.dueDate).toBe(true);
      });
      if (periods.length > 0) expect(addDays(addMonths(start, 12 * (periods.length + 1)), -1) >= end).toBe(true);
    }));
  });

  it('property: extending the end never removes or moves a report; it may only add later ones', () => {
    fc.assert(fc.property(day, fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 24 }), settings, (start, length, months, s) => {
      const end = addDays(start, length);
      const before = reportSchedule(start, end, s);
      const after = reportSchedule(start, effectiveEndDate(end, [months]), s);
      expect(after.slice(0, before.length)).toEqual(before);
    }));
  });
});

describe('report window state table', () => {
  const pairs = PROJECT_REPORT_STATES.flatMap((s) => PROJECT_REPORT_EVENTS.map((e) => [s, e] as [ProjectReportState, ProjectReportEvent]));
  it.each(pairs)('%s × %s', (state, event) => {
    const r = projectReportTransition(state, event);
    const to = PROJECT_REPORT_TRANSITIONS[state][event];
    if (to) expect(r).toEqual({ ok: true, to });
    else expect(r).toEqual({ ok: false, message: expect.stringMatching(/^报告当前为「.+」，不能.+（须为：.+）$/) });
  });

  it('an accepted report is final; a locked one opens again only by an officer reopening it', () => {
    for (const e of PROJECT_REPORT_EVENTS) expect(projectReportTransition('accepted', e).ok).toBe(false);
    expect(PROJECT_REPORT_EVENTS.filter((e) => projectReportTransition('locked', e).ok)).toEqual(['reopen']);
  });

  const w = { opensOn: '2027-05-31', closesOn: '2027-07-31' };
  it('the scheduler opens a window on its first day and locks it the day after it closes (both at once when it missed the window)', () => {
    expect(dueSystemEvents('notOpen', w, '2027-05-30')).toEqual([]);
    expect(dueSystemEvents('notOpen', w, '2027-05-31')).toEqual(['open']);
    expect(dueSystemEvents('open', w, '2027-07-31')).toEqual([]);
    expect(dueSystemEvents('open', w, '2027-08-01')).toEqual(['lock']);
    expect(dueSystemEvents('notOpen', w, '2027-09-01')).toEqual(['open', 'lock']);
    expect(dueSystemEvents('reopened', { ...w, closesOn: '2027-08-15' }, '2027-08-16')).toEqual(['lock']);
    expect(dueSystemEvents('submitted', w, '2027-09-01')).toEqual([]);
  });

  it('writing is refused outside the window with the window in Chinese, even before the scheduler has locked it', () => {
    expect(windowRefusal('notOpen', w, '2027-05-01')).toBe('填报窗口尚未开放：2027-05-31 至 2027-07-31。');
    expect(windowRefusal('open', w, '2027-06-15')).toBeNull();
    expect(windowRefusal('open', w, '2027-08-01')).toContain('填报窗口已于 2027-07-31 关闭');
    expect(windowRefusal('locked', w, '2027-08-01')).toContain('请联系项目经办人重新开放');
    expect(windowRefusal('submitted', w, '2027-06-15')).toContain('待审核');
  });

  it('lateness counts from the original due date: to the first submission, or to today while still awaited', () => {
    expect(reportLateDays('2027-07-31', '2027-07-31', '2027-09-01')).toBe(0);
    expect(reportLateDays('2027-07-31', '2027-08-10', '2027-09-01')).toBe(10);
    expect(reportLateDays('2027-07-31', null, '2027-08-05')).toBe(5);
    expect(reportLateDays('2027-07-31', null, '2027-07-01')).toBe(0);
  });
});

describe('report content against the task book in force', () => {
  const taskBook = {
    indicators: [{ kind: 'technical' as const, name: '模具寿命', unit: '模次', currentValue: '50000', targetValue: '100000', verification: '检测报告', core: true }],
    yearlyPlan: [
      { year: 2026, goals: 'a', milestones: [{ date: '2026-12-31', description: '仿真平台上线' }] },
      { year: 2027, goals: 'b', milestones: [{ date: '2027-12-31', description: '样模通过验证' }] },
    ],
  };
  const filled = () => {
    const d = reportTemplate(taskBook, '2027-06-30');
    return { ...d, progress: '完成仿真平台', indicators: d.indicators.map((i) => ({ ...i, currentValue: '70000' })), spending: { fiscalCityYuan: 0, fiscalDistrictYuan: 300_000, selfRaisedYuan: 500_000, otherYuan: 0 }, nextSteps: '样模试制' };
  };

  it('the template lists every task-book indicator with its target and the milestones due by the period end', () => {
    const d = reportTemplate(taskBook, '2027-06-30');
    expect(d.indicators).toEqual([{ name: '模具寿命', unit: '模次', targetValue: '100000', currentValue: '', note: '' }]);
    expect(d.milestones.map((m) => m.description)).toEqual(['仿真平台上线']);
  });

  it('an empty draft is refused field by field in Chinese', () => {
    const problems = reportProblems(reportTemplate(taskBook, '2027-06-30'), taskBook, { netPaidYuan: 0 });
    expect(problems).toEqual(expect.arrayContaining([
      { field: 'progress', message: '请填写年度进展情况' },
      { field: 'indicators.0.currentValue', message: '请填写当前值' },
      { field: 'nextSteps', message: '请填写下一步工作计划' },
    ]));
  });

  it('every indicator as in the task book; fiscal spending not beyond what was paid (reconciles with the ledger)', () => {
    expect(reportProblems(filled(), taskBook, { netPaidYuan: 600_000 })).toEqual([]);
    expect(reportContentSchema.safeParse(filled()).success).toBe(true);
    const renamed = filled();
    renamed.indicators[0]!.targetValue = '90000';
    expect(reportProblems(renamed, taskBook, { netPaidYuan: 600_000 })).toEqual([{ field: 'indicators.0', message: '指标「模具寿命」须按任务书填报（目标值 100000模次）' }]);
    expect(reportProblems(filled(), taskBook, { netPaidYuan: 299_999 })).toEqual([{ field: 'spending.fiscalDistrictYuan', message: '财政资金累计支出 300000 元超过已拨付 299999 元' }]);
  });
});
