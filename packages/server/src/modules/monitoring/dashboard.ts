/** The leader's one-screen view of a plan: indicator statuses (core first), department reporting, tasks. */
import { asc, eq } from 'drizzle-orm';
import { periodLabel, PROGRESS_STATUSES, ratioPercent, TASK_STATUSES } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { currentReportingMonth } from './reporting.js';
import { lateness } from './review.js';
import { monitoringTasks } from './schema.js';
import { countBy, findPlan, planIndicators, todayShanghai } from './service.js';
import { taskViews } from './tasks.js';

export async function dashboard(db: Db, planCode: string, month?: string) {
  const today = todayShanghai();
  const plan = await findPlan(db, planCode);
  const period = month ?? currentReportingMonth(today);
  const indicators = await planIndicators(db, plan, today);
  // Core indicators first, then the source order: the leader reads the ones the plan is judged by.
  const ordered = [...indicators].sort((a, b) => Number(b.core) - Number(a.core) || a.seq - b.seq);
  const taskIds = (await db.select({ id: monitoringTasks.id }).from(monitoringTasks).where(eq(monitoringTasks.planId, plan.id)).orderBy(asc(monitoringTasks.sortOrder))).map((t) => t.id);
  const tasks = [...(await taskViews(db, taskIds, today)).values()];
  const late = await lateness(db, planCode, period, today);
  const judged = indicators.filter((i) => i.status !== 'unknown');
  const core = indicators.filter((i) => i.core);
  const coreJudged = core.filter((i) => i.status !== 'unknown');
  // Shares are exact percentages with two places (the domain rounds once, half away from zero).
  const pct = (n: number, d: number) => (d === 0 ? null : ratioPercent(n, d));
  return {
    plan: { code: plan.code, name: plan.name, shortName: plan.shortName, periodStart: plan.periodStart, periodEnd: plan.periodEnd, status: plan.status as 'completed' | 'active' },
    asOf: today,
    period,
    periodLabel: periodLabel(period),
    due: late.due,
    dueDate: late.dueDate,
    overdue: late.overdue,
    statusCounts: countBy(PROGRESS_STATUSES, indicators.map((i) => i.status)),
    onTrackShare: pct(judged.filter((i) => i.status !== 'lagging').length, judged.length),
    coreOnTrackShare: pct(coreJudged.filter((i) => i.status !== 'lagging').length, coreJudged.length),
    indicators: ordered,
    coreIndicators: ordered.filter((i) => i.core),
    departments: late.items,
    completeness: pct(late.items.reduce((s, i) => s + i.submitted, 0), late.items.reduce((s, i) => s + i.expected, 0)),
    taskCounts: countBy(TASK_STATUSES, tasks.map((t) => t.status)),
    overdueTasks: tasks.filter((t) => t.status === 'overdue').map((t) => ({ id: t.id, seq: t.seq, title: t.title, lead: t.responsibleUnits[0] ?? null, reason: t.overdueReason })),
  };
}
