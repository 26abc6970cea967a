import { describe, expect, it } from 'vitest';
import { milestoneSummary, taskStatus, taskStatusDetail, type TaskProgressInput } from './tasks.js';

const base: TaskProgressInput = {
  due: '2027-12-31',
  milestones: [
    { title: '累计布局市级技术创新中心30家', due: '2026-12-31', doneOn: null },
    { title: '建成市级以上企业研发机构超过5000家', due: '2027-12-31', doneOn: null },
  ],
  latestPercent: null,
  completedOn: null,
};

describe('P315-2 task status', () => {
  it('not started before any progress', () => {
    expect(taskStatus(base, '2026-03-01')).toBe('notStarted');
    expect(taskStatusDetail(base, '2026-03-01').reason).toBe('尚未报告进展');
  });

  it('in progress once the lead unit reports progress or a milestone is done', () => {
    expect(taskStatus({ ...base, latestPercent: 40 }, '2026-03-01')).toBe('inProgress');
    expect(taskStatusDetail({ ...base, latestPercent: 40 }, '2026-03-01').reason).toBe('进度40%');
    expect(taskStatus({ ...base, milestones: [{ ...base.milestones[0]!, doneOn: '2026-02-01' }, base.milestones[1]!] }, '2026-03-01')).toBe('inProgress');
    expect(taskStatus({ ...base, latestPercent: 0 }, '2026-03-01')).toBe('notStarted');
  });

  it('overdue when an open milestone is past due, and says which', () => {
    const d = taskStatusDetail({ ...base, latestPercent: 60 }, '2027-01-01');
    expect(d).toMatchObject({ status: 'overdue', taskOverdue: false, overdueMilestones: [{ index: 0, title: '累计布局市级技术创新中心30家', due: '2026-12-31' }] });
    expect(d.reason).toBe('里程碑逾期未完成：“累计布局市级技术创新中心30家”（2026-12-31）');
    // On the due day itself it is not yet overdue.
    expect(taskStatus({ ...base, latestPercent: 60 }, '2026-12-31')).toBe('inProgress');
  });

  it('overdue when the task itself is past due and not complete', () => {
    const d = taskStatusDetail({ ...base, milestones: [], latestPercent: 90 }, '2028-01-01');
    expect(d).toMatchObject({ status: 'overdue', taskOverdue: true, overdueMilestones: [] });
    expect(d.reason).toBe('任务已于2027-12-31到期未完成');
    const both = taskStatusDetail({ ...base, milestones: [{ due: '2027-06-30', doneOn: null }] }, '2028-01-01');
    expect(both.reason).toBe('任务已于2027-12-31到期未完成；里程碑逾期未完成：“里程碑1”（2027-06-30）');
  });

  it('completed wins, even when late; 100% reported counts as complete', () => {
    expect(taskStatusDetail({ ...base, completedOn: '2027-10-01' }, '2028-06-01')).toMatchObject({ status: 'completed', reason: '已于2027-10-01完成' });
    expect(taskStatusDetail({ ...base, completedOn: '2028-02-01' }, '2028-06-01').reason).toBe('已于2028-02-01完成（晚于截止日期2027-12-31）');
    expect(taskStatus({ ...base, latestPercent: 100 }, '2028-06-01')).toBe('completed');
  });

  it('refuses bad dates and percentages', () => {
    expect(() => taskStatus(base, '2026-02-30')).toThrow(RangeError);
    expect(() => taskStatus({ ...base, latestPercent: 101 }, '2026-01-01')).toThrow('进度须为0到100之间的整数');
    expect(() => taskStatus({ ...base, latestPercent: 12.5 }, '2026-01-01')).toThrow(RangeError);
  });
});

describe('milestone summary', () => {
  it('counts done, overdue and open, and names the next', () => {
    const ms = [
      { title: 'A', due: '2026-06-30', doneOn: '2026-06-01' },
      { title: 'B', due: '2026-12-31', doneOn: null },
      { title: 'C', due: '2027-12-31', doneOn: null },
    ];
    expect(milestoneSummary(ms, '2027-01-05')).toEqual({ total: 3, done: 1, overdue: 1, open: 1, next: { index: 1, title: 'B', due: '2026-12-31' }, text: '里程碑 1/3 已完成，1 个逾期' });
    expect(milestoneSummary(ms, '2026-07-01').text).toBe('里程碑 1/3 已完成');
    expect(milestoneSummary([], '2026-07-01')).toMatchObject({ total: 0, next: null, text: '无里程碑' });
  });
});
