/** The accounts context's home-page items: the caller's own password, and locked accounts for the system administrator. */
import { daysUntilPasswordExpiry, hasPermission } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import type { Todo } from '../home/todos.js';
import { getSecurityPolicy } from '../security/service.js';
import { countLockedUsers } from './users.js';

export async function accountTodos(db: Db, auth: AuthContext): Promise<Todo[]> {
  const todos: Todo[] = [];
  const u = auth.user;
  if (auth.mustChangePassword) {
    todos.push({ key: 'password.mustChange', title: '请修改密码', description: u.mustChangePassword ? '您正在使用临时密码，修改后才能使用其他功能。' : '您的密码已过期，修改后才能使用其他功能。', link: '/account/password', level: 'error' });
  } else {
    const days = daysUntilPasswordExpiry(u.passwordChangedAt, new Date(), await getSecurityPolicy(db));
    if (days !== null && days <= 14) {
      todos.push({ key: 'password.expiring', title: `密码将在${days}天后过期`, description: '请及时修改密码，过期后须先修改密码才能继续使用。', link: '/account/password', level: 'warning' });
    }
  }
  if (hasPermission(auth.roles, 'user.manage')) {
    const locked = await countLockedUsers(db);
    if (locked > 0) {
      todos.push({ key: 'users.locked', title: `${locked}个账号因连续登录失败被锁定`, description: '核实身份后可解除锁定，或等待锁定到期自动解除。', link: '/users?status=locked', level: 'warning' });
    }
  }
  return todos;
}
