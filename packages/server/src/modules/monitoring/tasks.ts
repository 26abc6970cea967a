/** Task lists (任务清单化, P315-2/3): tasks with their responsible units, milestones and latest progress. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { TASK_STATUS_LABELS, taskStatusDetail, periodLabel, type ReportState, type TaskStatus } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { monitoringMilestones, monitoringPlans, monitoringTaskReports, monitoringTasks, monitoringTaskUnits, monitoringUnits } from './schema.js';
import { findPlan, stateLabel, todayShanghai, type UnitRef } from './service.js';

export interface TaskView {
  id: string;
  planCode: string;
  code: string;
  section: string;
  seq: string;
  title: string;
  content: string;
  responsibleUnits: UnitRef[];
  due: string;
  completedOn: string | null;
  milestones: { id: string; title: string; due: string; doneOn: string | null }[];
  latestProgress: { period: string; periodLabel: string; percent: number; progress: string; state: ReportState; stateLabel: string; submittedAt: string | null } | null;
  status: TaskStatus;
  statusLabel: string;
  overdueReason: string | null;
  /** The task's own due day (YYYY-MM-DD, Asia/Shanghai). */
  dueDate: string;
  /** The domain's verdict on `today` in Asia/Shanghai: past its due day or an open milestone's, and not complete. */
  overdue: boolean;
}

export async function taskViews(tx: Tx, ids: string[], today: string): Promise<Map<string, TaskView>> {
  const out = new Map<string, TaskView>();
  if (ids.length === 0) return out;
  const [tasks, units, milestones, reports] = await Promise.all([
    tx.select({ task: monitoringTasks, planCode: monitoringPlans.code }).from(monitoringTasks).innerJoin(monitoringPlans, eq(monitoringPlans.id, monitoringTasks.planId)).where(inArray(monitoringTasks.id, ids)),
    tx
      .select({ taskId: monitoringTaskUnits.taskId, code: monitoringUnits.code, name: monitoringUnits.name })
      .from(monitoringTaskUnits)
      .innerJoin(monitoringUnits, eq(monitoringUnits.id, monitoringTaskUnits.unitId))
      .where(inArray(monitoringTaskUnits.taskId, ids))
      .orderBy(asc(monitoringTaskUnits.position)),
    tx.select().from(monitoringMilestones).where(inArray(monitoringMilestones.taskId, ids)).orderBy(asc(monitoringMilestones.sortOrder)),
    // Only accepted progress is shown and counted: a draft or a report under review is not yet the task's standing.
    tx.select().from(monitoringTaskReports).where(and(inArray(monitoringTaskReports.taskId, ids), eq(monitoringTaskReports.state, 'accepted'))).orderBy(desc(monitoringTaskReports.period)),
  ]);
  for (const { task, planCode } of tasks) {
    const ms = milestones.filter((m) => m.taskId === task.id);
    const latest = reports.find((r) => r.taskId === task.id) ?? null;
    const accepted = reports.find((r) => r.taskId === task.id && r.state === 'accepted') ?? null;
    const s = taskStatusDetail({ due: task.due, milestones: ms.map((m) => ({ title: m.title, due: m.due, doneOn: m.doneOn })), latestPercent: accepted?.percent ?? null, completedOn: task.completedOn }, today);
    out.set(task.id, {
      id: task.id,
      planCode,
      code: task.code,
      section: task.section,
      seq: task.seq,
      title: task.title,
      content: task.content,
      responsibleUnits: units.filter((u) => u.taskId === task.id).map(({ code, name }) => ({ code, name })),
      due: task.due,
      completedOn: task.completedOn,
      milestones: ms.map((m) => ({ id: m.id, title: m.title, due: m.due, doneOn: m.doneOn })),
      latestProgress: latest ? { period: latest.period, periodLabel: periodLabel(latest.period), percent: latest.percent, progress: latest.progress, state: latest.state as ReportState, stateLabel: stateLabel(latest.state), submittedAt: latest.submittedAt?.toISOString() ?? null } : null,
      status: s.status,
      statusLabel: TASK_STATUS_LABELS[s.status],
      overdueReason: s.status === 'overdue' ? s.reason : null,
      dueDate: task.due,
      overdue: s.status === 'overdue',
    });
  }
  return out;
}

export async function listTasks(db: Db, planCode: string, filter: { unit?: string | undefined; status?: TaskStatus | undefined }) {
  const plan = await findPlan(db, planCode);
  const ids = (await db.select({ id: monitoringTasks.id }).from(monitoringTasks).where(eq(monitoringTasks.planId, plan.id)).orderBy(asc(monitoringTasks.sortOrder))).map((t) => t.id);
  const views = await taskViews(db, ids, todayShanghai());
  return ids
    .map((id) => views.get(id)!)
    .filter((t) => (!filter.unit || t.responsibleUnits.some((u) => u.code === filter.unit)) && (!filter.status || t.status === filter.status));
}
