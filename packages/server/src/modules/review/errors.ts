/** Error codes of the review context (评审与立项). Each part adds its codes here. */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type ReviewCode =
  | 'REVIEW_ROUND_NOT_FOUND'
  | 'REVIEW_ROUND_EXISTS'
  | 'REVIEW_CALL_NOT_READY'
  | 'REVIEW_STAGE_REFUSED'
  | 'REVIEW_SETTINGS_INVALID'
  | 'REVIEW_MODE_MISMATCH'
  | 'REVIEW_ASSIGNMENT_INFEASIBLE'
  | 'REVIEW_ASSIGNMENT_EXISTS'
  | 'REVIEW_ASSIGNMENT_CHANGED';

export const reviewProblems = {
  REVIEW_ROUND_NOT_FOUND: { status: 404, title: '评审轮次不存在' },
  REVIEW_ROUND_EXISTS: { status: 409, title: '该申报指南已建立评审轮次' },
  REVIEW_CALL_NOT_READY: { status: 409, title: '该申报指南尚不能进入评审' },
  REVIEW_STAGE_REFUSED: { status: 409, title: '评审阶段不允许此操作' },
  REVIEW_SETTINGS_INVALID: { status: 422, title: '评审设置填写有误' },
  REVIEW_MODE_MISMATCH: { status: 409, title: '分配方式不符' },
  REVIEW_ASSIGNMENT_INFEASIBLE: { status: 422, title: '无法完成专家分配' },
  REVIEW_ASSIGNMENT_EXISTS: { status: 409, title: '本轮已有专家分配' },
  REVIEW_ASSIGNMENT_CHANGED: { status: 409, title: '分配结果已变化，请重新预览' },
} satisfies ProblemCatalogue<ReviewCode>;

export const reviewProblem = problems(reviewProblems);
