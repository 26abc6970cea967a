/** Error codes of projects (立项项目) and their execution. Each execution part keeps its codes in its own `*-errors.ts`. */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type ProjectCode = 'PROJECT_BUDGET_EXCEEDED' | 'PROJECT_NOTHING_TO_APPROVE' | 'PROJECT_NOT_FOUND' | 'PROJECT_STATE_REFUSED' | 'PROJECT_LEDGER_REFUSED' | 'INTEGRITY_BLOCKED';

export const projectProblems = {
  PROJECT_BUDGET_EXCEEDED: { status: 409, title: '立项金额超出年度可用预算' },
  PROJECT_NOTHING_TO_APPROVE: { status: 409, title: '没有可立项的项目' },
  PROJECT_NOT_FOUND: { status: 404, title: '项目不存在' },
  PROJECT_STATE_REFUSED: { status: 409, title: '项目当前状态不允许此操作' },
  PROJECT_LEDGER_REFUSED: { status: 409, title: '资金变动超出项目承诺' },
  INTEGRITY_BLOCKED: { status: 409, title: '存在科研失信记录' },
} satisfies ProblemCatalogue<ProjectCode>;

export const projectProblem = problems(projectProblems);
