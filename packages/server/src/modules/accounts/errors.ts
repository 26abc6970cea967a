/** Error codes of the accounts context. */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type AccountCode =
  | 'INVALID_CREDENTIALS'
  | 'ACCOUNT_LOCKED'
  | 'ACCOUNT_DISABLED'
  | 'WEAK_PASSWORD'
  | 'PASSWORD_REUSED'
  | 'WRONG_CURRENT_PASSWORD'
  | 'USERNAME_TAKEN'
  | 'ORGANISATION_EXISTS'
  | 'INVALID_ROLES'
  | 'USER_NOT_FOUND'
  | 'SELF_ACTION_REFUSED'
  | 'SEPARATION_OF_DUTIES'
  | 'RECOVERY_NOT_FOUND'
  | 'RECOVERY_NOT_ADMIN'
  | 'RECOVERY_SELF'
  | 'RECOVERY_NOT_PARTY'
  | 'RECOVERY_SAME_PARTY'
  | 'RECOVERY_EXPIRED'
  | 'RECOVERY_CLOSED'
  | 'RECOVERY_PENDING_EXISTS';

export const accountProblems = {
  INVALID_CREDENTIALS: { status: 401, title: '用户名或密码错误' },
  ACCOUNT_LOCKED: { status: 423, title: '账号已锁定' },
  ACCOUNT_DISABLED: { status: 403, title: '账号已停用' },
  WEAK_PASSWORD: { status: 400, title: '密码不符合安全策略' },
  PASSWORD_REUSED: { status: 400, title: '不能使用最近用过的密码' },
  WRONG_CURRENT_PASSWORD: { status: 400, title: '当前密码不正确' },
  USERNAME_TAKEN: { status: 409, title: '用户名已被使用' },
  ORGANISATION_EXISTS: { status: 409, title: '该单位已注册' },
  INVALID_ROLES: { status: 400, title: '角色分配不符合规定' },
  USER_NOT_FOUND: { status: 404, title: '用户不存在' },
  SELF_ACTION_REFUSED: { status: 400, title: '不能对自己的账号执行此操作' },
  SEPARATION_OF_DUTIES: { status: 403, title: '三员分立：系统管理员不能执行此操作' },
  RECOVERY_NOT_FOUND: { status: 404, title: '密码找回申请不存在' },
  RECOVERY_NOT_ADMIN: { status: 400, title: '只有三员管理员的密码通过双人找回' },
  RECOVERY_SELF: { status: 403, title: '不能找回自己的密码' },
  RECOVERY_NOT_PARTY: { status: 403, title: '您不是该管理员密码找回的经办方' },
  RECOVERY_SAME_PARTY: { status: 403, title: '发起人不能批准自己的申请，须由另一位管理员批准' },
  RECOVERY_EXPIRED: { status: 409, title: '密码找回申请已过期' },
  RECOVERY_CLOSED: { status: 409, title: '密码找回申请已处理' },
  RECOVERY_PENDING_EXISTS: { status: 409, title: '该管理员已有待批准的密码找回申请' },
} satisfies ProblemCatalogue<AccountCode>;

export const accountProblem = problems(accountProblems);
