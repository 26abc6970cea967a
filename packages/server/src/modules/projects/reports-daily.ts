/**
 * The daily work of progress reports (run once a day across the cluster by the job `project-reports-daily`):
 * materialise every running project's schedule, open windows that reached their first day, lock those past their
 * closing date (explicit state, audited as the system actor), and remind the undertaker once, a few days before
 * the closing date, through the notification outbox. One transaction per project, so one failure stops nothing else.
 */
import { eq, inArray } from 'drizzle-orm';
import { reminderOn, type PlannedNotification } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../audit/record.js';
import { queueNotifications } from '../notifications/outbox.js';
import { findProject, recordProjectEvent } from './lifecycle.js';
import { projectReports } from './reports-schema.js';
import { refreshProjectReports, REPORT_SCHEDULER, REPORTING_PROJECT_STATES, todayOf } from './reports-schedule.js';
import { projects } from './schema.js';

export interface DailyReportResult {
  projects: number;
  opened: number;
  locked: number;
  reminded: number;
}

export async function runDailyReportWork(db: Db, now = new Date()): Promise<DailyReportResult> {
  const today = todayOf(now);
  const result: DailyReportResult = { projects: 0, opened: 0, locked: 0, reminded: 0 };
  const ids = await db.select({ id: projects.id }).from(projects).where(inArray(projects.state, [...REPORTING_PROJECT_STATES]));
  for (const { id } of ids) {
    await db.transaction(async (tx) => {
      const project = await findProject(tx, id, { forUpdate: true });
      const before = new Map((await tx.select({ id: projectReports.id, state: projectReports.state }).from(projectReports).where(eq(projectReports.projectId, id))).map((r) => [r.id, r.state]));
      const rows = await refreshProjectReports(tx, project, now);
      result.projects++;
      for (const r of rows) {
        const was = before.get(r.id) ?? 'notOpen';
        if (was === 'notOpen' && r.state !== 'notOpen') result.opened++;
        if (was !== 'locked' && r.state === 'locked') result.locked++;
        const awaited = r.state === 'open' || r.state === 'reopened' || r.state === 'returned';
        if (!awaited || r.remindedAt !== null || today < reminderOn(r.closesOn) || today > r.closesOn) continue;
        const planned: PlannedNotification[] = (['inApp', 'sms'] as const).map((channel) => ({
          recipient: { organisationId: project.organisationId, role: 'applicant' as const },
          channel,
          templateKey: 'project.reportReminder' as const,
          payload: { projectId: project.id, projectNo: project.projectNo, title: project.title, periodNo: r.periodNo, dueDate: r.closesOn },
        }));
        await queueNotifications(tx, planned, now);
        await tx.update(projectReports).set({ remindedAt: now }).where(eq(projectReports.id, r.id));
        await recordProjectEvent(tx, REPORT_SCHEDULER, project.id, { kind: 'report.reminded', summary: `提醒承担单位：第${r.periodNo}年度进展报告将于${r.closesOn}截止`, detail: { reportId: r.id, closesOn: r.closesOn }, at: now });
        await recordAudit(tx, REPORT_SCHEDULER, { action: 'project.report.remind', entityType: 'projectReport', entityId: r.id, detail: { projectId: project.id, periodNo: r.periodNo, closesOn: r.closesOn, notifications: planned.length } });
        result.reminded++;
      }
    });
  }
  return result;
}
