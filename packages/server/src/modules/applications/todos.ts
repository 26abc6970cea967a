/** The to-dos the application chain gives each level on its home page: what waits for this caller now. */
import { and, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { formatShanghai, hasPermission } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import type { Todo } from '../home/todos.js';
import { callsWithoutRecommendation, earliestCloseAfter, publishedCalls } from '../programmes/call-queries.js';
import { recommenderScope } from './access.js';
import { applications } from './schema.js';

async function countWhere(db: Db, where: SQL | undefined): Promise<number> {
  const [r] = await db.select({ n: count() }).from(applications).where(where);
  return r?.n ?? 0;
}

export async function applicationTodos(db: Db, auth: AuthContext, now = new Date()): Promise<Todo[]> {
  const out: Todo[] = [];
  const org = auth.user.organisationId;
  if (org && hasPermission(auth.roles, 'application.apply')) {
    const returned = await countWhere(db, and(eq(applications.organisationId, org), eq(applications.state, 'returned')));
    if (returned) out.push({ key: 'applications.returned', title: `${returned}份申报书被退回修改`, description: '退回理由显示在对应栏目旁，修改后重新提交。', link: '/applications', level: 'error' });
    const draftOf = and(eq(applications.organisationId, org), eq(applications.state, 'draft'), inArray(applications.callId, publishedCalls()));
    const drafts = await countWhere(db, draftOf);
    const closesAt = drafts ? await earliestCloseAfter(db, sql`(select ${applications.callId} from ${applications} where ${draftOf})`, now) : null;
    if (drafts && closesAt) {
      out.push({ key: 'applications.drafts', title: `${drafts}份申报书草稿尚未提交`, description: `最近的截止时间为 ${formatShanghai(closesAt)}（北京时间），截止后不能提交。`, link: '/applications', level: 'warning' });
    }
  }
  if (org && hasPermission(auth.roles, 'application.endorse')) {
    const waiting = await countWhere(db, and(eq(applications.organisationId, org), eq(applications.state, 'submitted')));
    if (waiting) out.push({ key: 'applications.endorse', title: `${waiting}份申报书待单位审核`, description: '审核通过后报送下一级；不符合要求的可退回并逐项说明理由。', link: '/applications', level: 'info' });
  }
  const scope = recommenderScope(auth);
  if (scope) {
    const waiting = await countWhere(db, and(eq(applications.state, 'endorsed'), scope));
    if (waiting) out.push({ key: 'applications.recommend', title: `${waiting}份申报书待推荐`, description: '推荐后报送科技局形式审查。', link: '/applications', level: 'info' });
  }
  if (hasPermission(auth.roles, 'application.review')) {
    const endorsed = await countWhere(db, and(eq(applications.state, 'endorsed'), inArray(applications.callId, callsWithoutRecommendation())));
    const recommended = await countWhere(db, eq(applications.state, 'recommended'));
    const n = endorsed + recommended;
    if (n) out.push({ key: 'applications.accept', title: `${n}份申报书待受理（形式审查）`, description: '逐项核对材料后受理，或退回并说明理由。', link: '/applications', level: 'info' });
  }
  return out;
}
