/** The to-dos the application chain gives each level on its home page: what waits for this caller now. */
import { and, count, eq, inArray, min, type SQL } from 'drizzle-orm';
import { formatShanghai, hasPermission } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import type { Todo } from '../home/todos.js';
import { calls } from '../programmes/schema.js';
import { applications } from './schema.js';

async function countWhere(db: Db, where: SQL | undefined): Promise<{ n: number; closesAt: Date | null }> {
  const [r] = await db.select({ n: count(), closesAt: min(calls.closesAt) }).from(applications).innerJoin(calls, eq(calls.id, applications.callId)).where(where);
  return { n: r?.n ?? 0, closesAt: r?.closesAt ?? null };
}

export async function applicationTodos(db: Db, auth: AuthContext, now = new Date()): Promise<Todo[]> {
  const out: Todo[] = [];
  const org = auth.user.organisationId;
  if (org && hasPermission(auth.roles, 'application.apply')) {
    const returned = await countWhere(db, and(eq(applications.organisationId, org), eq(applications.state, 'returned')));
    if (returned.n) out.push({ key: 'applications.returned', title: `${returned.n}份申报书被退回修改`, description: '退回理由显示在对应栏目旁，修改后重新提交。', link: '/applications', level: 'error' });
    const drafts = await countWhere(db, and(eq(applications.organisationId, org), eq(applications.state, 'draft'), eq(calls.status, 'published')));
    if (drafts.n && drafts.closesAt && drafts.closesAt > now) {
      out.push({ key: 'applications.drafts', title: `${drafts.n}份申报书草稿尚未提交`, description: `最近的截止时间为 ${formatShanghai(drafts.closesAt)}（北京时间），截止后不能提交。`, link: '/applications', level: 'warning' });
    }
  }
  if (org && hasPermission(auth.roles, 'application.endorse')) {
    const waiting = await countWhere(db, and(eq(applications.organisationId, org), eq(applications.state, 'submitted')));
    if (waiting.n) out.push({ key: 'applications.endorse', title: `${waiting.n}份申报书待单位审核`, description: '审核通过后报送下一级；不符合要求的可退回并逐项说明理由。', link: '/applications', level: 'info' });
  }
  if (hasPermission(auth.roles, 'application.recommend')) {
    const waiting = await countWhere(db, and(eq(applications.state, 'endorsed'), eq(calls.requiresRecommendation, true)));
    if (waiting.n) out.push({ key: 'applications.recommend', title: `${waiting.n}份申报书待推荐`, description: '推荐后报送科技局形式审查。', link: '/applications', level: 'info' });
  }
  if (hasPermission(auth.roles, 'application.review')) {
    const endorsed = await countWhere(db, and(eq(applications.state, 'endorsed'), eq(calls.requiresRecommendation, false)));
    const recommended = await countWhere(db, inArray(applications.state, ['recommended']));
    const n = endorsed.n + recommended.n;
    if (n) out.push({ key: 'applications.accept', title: `${n}份申报书待受理（形式审查）`, description: '逐项核对材料后受理，或退回并说明理由。', link: '/applications', level: 'info' });
  }
  return out;
}
