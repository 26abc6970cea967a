/** Each role's to-do list on its home page, computed from the records (never stored, so never stale). */
import { and, count, eq } from 'drizzle-orm';
import { DEFAULT_SECURITY_POLICY, daysUntilPasswordExpiry, hasPermission, SECURITY_POLICY_LABELS, type SecurityPolicy } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { countLockedUsers } from '../accounts/users.js';
import { latestAnchorAt } from '../audit/service.js';
import { findOrganisation } from '../organisations/service.js';
import { invitations } from '../organisations/schema.js';
import { getSecurityPolicy } from '../security/service.js';
import { monitoringTodos } from '../monitoring/todos.js';
import { applicationTodos } from '../applications/todos.js';

export interface Todo {
  key: string;
  title: string;
  description: string;
  link: string | null;
  level: 'info' | 'warning' | 'error';
}

/** Settings where a smaller number is weaker (the rest: a larger number is weaker). */
const LOWER_IS_WEAKER: (keyof SecurityPolicy)[] = ['minLength', 'minCharClasses', 'historyCount'];

export function weakerThanBaseline(p: SecurityPolicy): (keyof SecurityPolicy)[] {
  const out: (keyof SecurityPolicy)[] = [];
  for (const k of Object.keys(DEFAULT_SECURITY_POLICY) as (keyof SecurityPolicy)[]) {
    const base = DEFAULT_SECURITY_POLICY[k];
    const v = p[k];
    if (typeof base === 'boolean') {
      if (base && !v) out.push(k);
    } else if (k === 'expiryDays') {
      if (v === 0 || (v as number) > base) out.push(k);
    } else if (LOWER_IS_WEAKER.includes(k) ? (v as number) < base : (v as number) > base) {
      out.push(k);
    }
  }
  return out;
}

export async function todosFor(db: Db, auth: AuthContext): Promise<Todo[]> {
  const todos: Todo[] = [];
  const policy = await getSecurityPolicy(db);
  const u = auth.user;
  if (auth.mustChangePassword) {
    todos.push({ key: 'password.mustChange', title: '请修改密码', description: u.mustChangePassword ? '您正在使用临时密码，修改后才能使用其他功能。' : '您的密码已过期，修改后才能使用其他功能。', link: '/account/password', level: 'error' });
  } else {
    const days = daysUntilPasswordExpiry(u.passwordChangedAt, new Date(), policy);
    if (days !== null && days <= 14) {
      todos.push({ key: 'password.expiring', title: `密码将在${days}天后过期`, description: '请及时修改密码，过期后须先修改密码才能继续使用。', link: '/account/password', level: 'warning' });
    }
  }

  if (hasPermission(auth.roles, 'organisation.update') && u.organisationId) {
    const org = await findOrganisation(db, u.organisationId);
    const missing = org ? [!org.address && '单位地址', !org.contactEmail && '联系邮箱'].filter(Boolean) : [];
    if (missing.length) {
      todos.push({ key: 'organisation.incomplete', title: '完善单位信息', description: `本单位尚未填写${missing.join('、')}。`, link: '/organisation', level: 'info' });
    }
  }
  if (hasPermission(auth.roles, 'organisation.members') && u.organisationId) {
    const [r] = await db.select({ n: count() }).from(invitations).where(and(eq(invitations.organisationId, u.organisationId), eq(invitations.status, 'pending')));
    const pending = r?.n ?? 0;
    if (pending > 0) {
      todos.push({ key: 'invitations.pending', title: `${pending}个邀请尚未被接受`, description: '可在“成员与邀请”中查看或撤销；链接只在发出时显示一次，如已遗失可撤销后重新邀请。', link: '/organisation/members', level: 'info' });
    }
  }
  if (hasPermission(auth.roles, 'user.manage')) {
    const locked = await countLockedUsers(db);
    if (locked > 0) {
      todos.push({ key: 'users.locked', title: `${locked}个账号因连续登录失败被锁定`, description: '核实身份后可解除锁定，或等待锁定到期自动解除。', link: '/users?status=locked', level: 'warning' });
    }
  }
  if (hasPermission(auth.roles, 'security.manage')) {
    const weak = weakerThanBaseline(policy);
    if (weak.length) {
      todos.push({ key: 'security.weak', title: '安全策略低于等保三级基线', description: `以下设置弱于基线：${weak.map((k) => SECURITY_POLICY_LABELS[k]).join('、')}。`, link: '/security', level: 'warning' });
    }
  }
  todos.push(...(await monitoringTodos(db, auth)));
  todos.push(...(await applicationTodos(db, auth)));
  if (hasPermission(auth.roles, 'audit.verify')) {
    const at = await latestAnchorAt(db);
    if (!at || Date.now() - at.getTime() > 24 * 3_600_000) {
      todos.push({ key: 'audit.anchor', title: at ? '链头超过24小时未锚定' : '审计链尚未锚定', description: '校验审计链并锚定全部链头，将锚点哈希对外公布，可发现整段删除。', link: '/audit', level: 'info' });
    }
  }
  return todos;
}
