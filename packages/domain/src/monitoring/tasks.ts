/**
 * Task-list status (任务清单化管理, P315-2, P315-3): not started, in progress, completed or overdue, with the reason
 * an overdue task is overdue. `today` is a parameter; nothing here reads the clock.
 */
import { assertIsoDate } from './dates.js';
import type { TaskStatus } from './types.js';

export interface MilestoneProgress {
  title?: string;
  /** `YYYY-MM-DD`. */
  due: string;
  /** `YYYY-MM-DD` when done, null while open. */
  doneOn: string | null;
}

export interface TaskProgressInput {
  /** `YYYY-MM-DD`. */
  due: string;
  milestones: readonly MilestoneProgress[];
  /** Latest percent reported by the lead unit (0–100), null before the first report. */
  latestPercent: number | null;
  /** `YYYY-MM-DD` when the task was completed, null while open. */
  completedOn: string | null;
}

export interface OverdueMilestone {
  /** Index in the task's milestone list. */
  index: number;
  title: string;
  due: string;
}

export interface TaskStatusDetail {
  status: TaskStatus;
  /** The task's own due day has passed while it is not complete. */
  taskOverdue: boolean;
  /** Open milestones whose due day has passed. */
  overdueMilestones: OverdueMilestone[];
  /** Chinese sentence saying why, e.g. '任务已于2027-12-31到期未完成'. */
  reason: string;
}

function isComplete(input: TaskProgressInput): boolean {
  return input.completedOn !== null || input.latestPercent === 100;
}

/**
 * Status with the reason. Completed wins: a task with a completion day, or whose lead unit reported 100%, is
 * completed even if it finished late. Otherwise it is overdue when its due day has passed (the due day itself is
 * still on time), or when any open milestone's due day has passed; in progress when some progress was reported
 * or a milestone is done; not started otherwise.
 */
export function taskStatusDetail(input: TaskProgressInput, today: string): TaskStatusDetail {
  assertIsoDate(today, '今天');
  assertIsoDate(input.due, '任务截止日期');
  for (const m of input.milestones) {
    assertIsoDate(m.due, '里程碑截止日期');
    if (m.doneOn !== null) assertIsoDate(m.doneOn, '里程碑完成日期');
  }
  if (input.completedOn !== null) assertIsoDate(input.completedOn, '完成日期');
  if (input.latestPercent !== null && !(Number.isInteger(input.latestPercent) && input.latestPercent >= 0 && input.latestPercent <= 100)) {
    throw new RangeError('进度须为0到100之间的整数');
  }
  if (isComplete(input)) {
    const on = input.completedOn;
    return { status: 'completed', taskOverdue: false, overdueMilestones: [], reason: on === null ? '牵头单位报告进度100%' : on > input.due ? `已于${on}完成（晚于截止日期${input.due}）` : `已于${on}完成` };
  }
  const taskOverdue = today > input.due;
  const overdueMilestones = input.milestones.flatMap((m, index) => (m.doneOn === null && today > m.due ? [{ index, title: m.title ?? `里程碑${index + 1}`, due: m.due }] : []));
  if (taskOverdue || overdueMilestones.length > 0) {
    const parts: string[] = [];
    if (taskOverdue) parts.push(`任务已于${input.due}到期未完成`);
    if (overdueMilestones.length > 0) parts.push(`里程碑逾期未完成：${overdueMilestones.map((m) => `“${m.title}”（${m.due}）`).join('、')}`);
    return { status: 'overdue', taskOverdue, overdueMilestones, reason: parts.join('；') };
  }
  const started = (input.latestPercent ?? 0) > 0 || input.milestones.some((m) => m.doneOn !== null);
  return started
    ? { status: 'inProgress', taskOverdue: false, overdueMilestones: [], reason: input.latestPercent === null ? '已完成部分里程碑' : `进度${input.latestPercent}%` }
    : { status: 'notStarted', taskOverdue: false, overdueMilestones: [], reason: '尚未报告进展' };
}

/** The status alone; see taskStatusDetail for the rules and the reason. */
export function taskStatus(input: TaskProgressInput, today: string): TaskStatus {
  return taskStatusDetail(input, today).status;
}

export interface MilestoneSummary {
  total: number;
  done: number;
  /** Open and past due. */
  overdue: number;
  /** Open and not yet due. */
  open: number;
  /** The earliest open milestone, null when all are done. */
  next: { index: number; title: string; due: string } | null;
  /** '里程碑 1/3 已完成，1 个逾期', '无里程碑'. */
  text: string;
}

export function milestoneSummary(milestones: readonly MilestoneProgress[], today: string): MilestoneSummary {
  assertIsoDate(today, '今天');
  let done = 0;
  let overdue = 0;
  let next: MilestoneSummary['next'] = null;
  for (const [index, m] of milestones.entries()) {
    if (m.doneOn !== null) {
      done++;
      continue;
    }
    if (today > m.due) overdue++;
    if (next === null || m.due < next.due) next = { index, title: m.title ?? `里程碑${index + 1}`, due: m.due };
  }
  const total = milestones.length;
  const text = total === 0 ? '无里程碑' : `里程碑 ${done}/${total} 已完成${overdue > 0 ? `，${overdue} 个逾期` : ''}`;
  return { total, done, overdue, open: total - done - overdue, next, text };
}
