/** The audit context's home-page item: chain heads not anchored for a day, for the auditor. */
import { hasPermission } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import type { Todo } from '../home/todos.js';
import { latestAnchorAt } from './service.js';

export async function auditTodos(db: Db, auth: AuthContext): Promise<Todo[]> {
  if (!hasPermission(auth.roles, 'audit.verify')) return [];
  const at = await latestAnchorAt(db);
  if (at && Date.now() - at.getTime() <= 24 * 3_600_000) return [];
  return [{ key: 'audit.anchor', title: at ? '链头超过24小时未锚定' : '审计链尚未锚定', description: '校验审计链并锚定全部链头，将锚点哈希对外公布，可发现整段删除。', link: '/audit', level: 'info' }];
}
