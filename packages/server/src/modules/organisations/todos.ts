/** The organisations context's home-page items for a unit admin: an incomplete profile, invitations not yet accepted. */
import { and, count, eq } from 'drizzle-orm';
import { hasPermission } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import type { Todo } from '../home/todos.js';
import { invitations } from './schema.js';
import { findOrganisation } from './service.js';

export async function organisationTodos(db: Db, auth: AuthContext): Promise<Todo[]> {
  const todos: Todo[] = [];
  const orgId = auth.user.organisationId;
  if (!orgId) return todos;
  if (hasPermission(auth.roles, 'organisation.update')) {
    const org = await findOrganisation(db, orgId);
    const missing = org ? [!org.address && '单位地址', !org.contactEmail && '联系邮箱'].filter(Boolean) : [];
    if (missing.length) {
      todos.push({ key: 'organisation.incomplete', title: '完善单位信息', description: `本单位尚未填写${missing.join('、')}。`, link: '/organisation', level: 'info' });
    }
  }
  if (hasPermission(auth.roles, 'organisation.members')) {
    const [r] = await db.select({ n: count() }).from(invitations).where(and(eq(invitations.organisationId, orgId), eq(invitations.status, 'pending')));
    const pending = r?.n ?? 0;
    if (pending > 0) {
      todos.push({ key: 'invitations.pending', title: `${pending}个邀请尚未被接受`, description: '可在“成员与邀请”中查看或撤销；链接只在发出时显示一次，如已遗失可撤销后重新邀请。', link: '/organisation/members', level: 'info' });
    }
  }
  return todos;
}
