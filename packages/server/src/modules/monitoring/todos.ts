/** Monitoring items on the home page: what a unit still owes (and who reminded it), what the bureau must review. */
import { count, eq } from 'drizzle-orm';
import { hasPermission } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import type { Todo } from '../home/todos.js';
import { currentReportingMonth, reportingSheet, unitsOfUser } from './reporting.js';
import { openReminders } from './review.js';
import { monitoringReports, monitoringTaskReports } from './schema.js';
import { todayShanghai } from './service.js';

export async function monitoringTodos(db: Db, auth: AuthContext): Promise<Todo[]> {
  const out: Todo[] = [];
  if (hasPermission(auth.roles, 'monitoring.report')) {
    const units = await unitsOfUser(db, auth.user.id);
    if (units.length) {
      const month = currentReportingMonth(todayShanghai());
      const sheet = await reportingSheet(db, auth.user.id, month);
      const open = sheet.indicators.filter((i) => !i.report || i.report.state === 'draft' || i.report.state === 'returned').length + sheet.tasks.filter((x) => !x.report || x.report.state === 'draft' || x.report.state === 'returned').length;
      const returned = sheet.indicators.filter((i) => i.report?.state === 'returned').length + sheet.tasks.filter((x) => x.report?.state === 'returned').length;
      if (open > 0) {
        out.push({
          key: 'monitoring.report.open',
          title: `${sheet.periodLabel}还有${open}项待报送${returned ? `（其中${returned}项被退回修改）` : ''}`,
          description: sheet.late ? `报送截止日 ${sheet.due} 已过，请尽快填报并提交。` : `请在 ${sheet.due} 前填报并提交。`,
          link: `/monitoring/report?period=${month}`,
          level: sheet.late || returned ? 'error' : 'warning',
        });
      }
      for (const r of await openReminders(db, units.map((u) => u.id))) {
        out.push({ key: `monitoring.reminder.${r.planCode}.${r.period}`, title: `科技局提醒：${r.planName}${r.periodLabel}仍有${r.missing}项未报`, description: `${r.unitName}应于 ${r.due} 前报送。`, link: `/monitoring/report?period=${r.period}`, level: 'error' });
      }
    }
  }
  if (hasPermission(auth.roles, 'monitoring.manage')) {
    const [a] = await db.select({ n: count() }).from(monitoringReports).where(eq(monitoringReports.state, 'submitted'));
    const [b] = await db.select({ n: count() }).from(monitoringTaskReports).where(eq(monitoringTaskReports.state, 'submitted'));
    const n = (a?.n ?? 0) + (b?.n ?? 0);
    if (n > 0) out.push({ key: 'monitoring.review', title: `${n}项监测报送待审核`, description: '采纳后计入监测总览；有误的请退回并写明意见。', link: '/monitoring/review', level: 'warning' });
  }
  return out;
}
