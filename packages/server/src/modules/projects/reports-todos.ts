/** The home page's 待办 for progress reports: the officer's overdue and awaiting-review reports, the undertaker's open windows. */
import { and, count, eq, inArray, lt, or } from 'drizzle-orm';
import { hasPermission } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import type { Todo } from '../home/todos.js';
import { projectReports } from './reports-schema.js';
import { todayOf } from './reports-schedule.js';
import { projects } from './schema.js';

export async function projectReportTodos(db: Db, auth: AuthContext, now = new Date()): Promise<Todo[]> {
  const out: Todo[] = [];
  const today = todayOf(now);
  const n = async (where: ReturnType<typeof and>) => ((await db.select({ n: count() }).from(projectReports).innerJoin(projects, eq(projects.id, projectReports.projectId)).where(where))[0]?.n ?? 0);
  if (hasPermission(auth.roles, 'project.manage')) {
    const review = await n(eq(projectReports.state, 'submitted'));
    if (review) out.push({ key: 'projectReports.review', title: `${review}份年度进展报告待审核`, description: '对照任务书指标审核通过，或逐条写明理由退回。', link: '/project-reports?due=review', level: 'info' });
    const overdue = await n(or(eq(projectReports.state, 'locked'), and(inArray(projectReports.state, ['open', 'reopened', 'returned']), lt(projectReports.dueDate, today))));
    if (overdue) out.push({ key: 'projectReports.overdue', title: `${overdue}份年度进展报告已逾期`, description: '逾期未交的报告已锁定；确有理由的可写明理由并给出新的截止日期后重新开放。', link: '/project-reports?due=overdue', level: 'warning' });
  }
  const org = auth.user.organisationId;
  if (org && hasPermission(auth.roles, 'project.undertake')) {
    const open = await n(and(eq(projects.organisationId, org), inArray(projectReports.state, ['open', 'reopened', 'returned'])));
    if (open) out.push({ key: 'projectReports.open', title: `${open}份年度进展报告待填报`, description: '请在填报窗口关闭前提交，逾期将被锁定。', link: '/projects', level: 'warning' });
  }
  return out;
}
