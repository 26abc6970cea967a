/** Error codes of acceptance (验收 / 结题). */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type AcceptanceCode =
  | 'ACCEPTANCE_INVALID'
  | 'ACCEPTANCE_NOT_FOUND'
  | 'ACCEPTANCE_STATE'
  | 'ACCEPTANCE_MATERIALS_MISSING'
  | 'ACCEPTANCE_MATERIAL_REQUIRED'
  | 'ACCEPTANCE_MATERIAL_TOO_LARGE'
  | 'ACCEPTANCE_MATERIAL_TYPE'
  | 'ACCEPTANCE_PANEL_EXISTS'
  | 'ACCEPTANCE_PANEL_INFEASIBLE'
  | 'ACCEPTANCE_DRAW_TOO_EARLY'
  | 'ACCEPTANCE_DRAW_INPUTS_CHANGED'
  | 'ACCEPTANCE_REVIEW_NOT_FOUND'
  | 'ACCEPTANCE_REVIEW_CLOSED'
  | 'ACCEPTANCE_REVIEWS_PENDING'
  | 'ACCEPTANCE_OVERRIDE_REASON'
  | 'ACCEPTANCE_RECTIFY_OVERDUE';

export const acceptanceProblems = {
  ACCEPTANCE_INVALID: { status: 400, title: '验收申请内容有误' },
  ACCEPTANCE_NOT_FOUND: { status: 404, title: '该项目尚未申请验收' },
  ACCEPTANCE_STATE: { status: 409, title: '当前不能办理此验收事项' },
  ACCEPTANCE_MATERIALS_MISSING: { status: 409, title: '验收材料不齐全' },
  ACCEPTANCE_MATERIAL_REQUIRED: { status: 400, title: '请上传验收材料文件' },
  ACCEPTANCE_MATERIAL_TOO_LARGE: { status: 413, title: '验收材料文件过大' },
  ACCEPTANCE_MATERIAL_TYPE: { status: 415, title: '验收材料文件类型不支持' },
  ACCEPTANCE_PANEL_EXISTS: { status: 409, title: '已抽取验收专家组' },
  ACCEPTANCE_PANEL_INFEASIBLE: { status: 409, title: '可抽取的专家不足' },
  ACCEPTANCE_DRAW_TOO_EARLY: { status: 409, title: '随机来源尚未公布' },
  ACCEPTANCE_DRAW_INPUTS_CHANGED: { status: 409, title: '承诺后专家库或回避情况已变化' },
  ACCEPTANCE_REVIEW_NOT_FOUND: { status: 404, title: '验收评审任务不存在' },
  ACCEPTANCE_REVIEW_CLOSED: { status: 409, title: '验收评审意见已提交' },
  ACCEPTANCE_REVIEWS_PENDING: { status: 409, title: '专家意见尚未全部提交' },
  ACCEPTANCE_OVERRIDE_REASON: { status: 400, title: '与规则计算结论不同，须说明理由' },
  ACCEPTANCE_RECTIFY_OVERDUE: { status: 409, title: '整改期限已过' },
} satisfies ProblemCatalogue<AcceptanceCode>;

export const acceptanceProblem = problems(acceptanceProblems);
