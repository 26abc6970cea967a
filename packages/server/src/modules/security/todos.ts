/** The security context's home-page item: a policy weaker than the 等保三级 baseline, for the security administrator. */
import { DEFAULT_SECURITY_POLICY, hasPermission, SECURITY_POLICY_LABELS, type SecurityPolicy } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import type { Todo } from '../home/todos.js';
import { getSecurityPolicy } from './service.js';

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

export async function securityTodos(db: Db, auth: AuthContext): Promise<Todo[]> {
  if (!hasPermission(auth.roles, 'security.manage')) return [];
  const weak = weakerThanBaseline(await getSecurityPolicy(db));
  if (!weak.length) return [];
  return [{ key: 'security.weak', title: '安全策略低于等保三级基线', description: `以下设置弱于基线：${weak.map((k) => SECURITY_POLICY_LABELS[k]).join('、')}。`, link: '/security', level: 'warning' }];
}
