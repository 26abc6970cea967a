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
  | 'SEPARATION_OF_DUTIES';

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
} satisfies ProblemCatalogue<AccountCode>;

export const accountProblem = problems(accountProblems);
