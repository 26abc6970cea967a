/** Error codes of the programmes context. */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type ProgrammeCode =
  | 'PROGRAMME_NOT_FOUND'
  | 'PROGRAMME_EXISTS'
  | 'VERSION_NOT_FOUND'
  | 'VERSION_EXISTS'
  | 'VERSION_FROZEN'
  | 'VERSION_BACKDATED'
  | 'NO_VERSION_IN_FORCE'
  | 'CATEGORY_NOT_FOUND'
  | 'FIELD_NOT_FOUND'
  | 'CALL_NOT_FOUND'
  | 'CALL_NOT_EDITABLE'
  | 'CALL_TRANSITION_REFUSED'
  | 'CALL_INVALID'
  | 'BUDGET_OVERDRAWN';

export const programmeProblems = {
  PROGRAMME_NOT_FOUND: { status: 404, title: '计划不存在' },
  PROGRAMME_EXISTS: { status: 409, title: '计划代码已存在' },
  VERSION_NOT_FOUND: { status: 404, title: '政策版本不存在' },
  VERSION_EXISTS: { status: 409, title: '该版本号或生效日期已存在' },
  VERSION_FROZEN: { status: 409, title: '该政策版本已被发布的指南使用，不能再修改' },
  VERSION_BACKDATED: { status: 422, title: '政策版本不能追溯生效' },
  NO_VERSION_IN_FORCE: { status: 422, title: '该日期没有生效的政策版本' },
  CATEGORY_NOT_FOUND: { status: 404, title: '类别不存在' },
  FIELD_NOT_FOUND: { status: 404, title: '领域不存在' },
  CALL_NOT_FOUND: { status: 404, title: '申报指南不存在' },
  CALL_NOT_EDITABLE: { status: 409, title: '申报指南已发布，规则已冻结，不能修改' },
  CALL_TRANSITION_REFUSED: { status: 409, title: '当前状态下不能执行此操作' },
  CALL_INVALID: { status: 400, title: '申报指南内容有误' },
  BUDGET_OVERDRAWN: { status: 409, title: '超出年度预算' },
} satisfies ProblemCatalogue<ProgrammeCode>;

export const programmeProblem = problems(programmeProblems);
