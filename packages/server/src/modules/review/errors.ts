/** Error codes of the review context (评审与立项). Each part adds its codes here. */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type ReviewCode =
  | 'REVIEW_ROUND_NOT_FOUND'
  | 'REVIEW_ROUND_EXISTS'
  | 'REVIEW_CALL_NOT_READY'
  | 'REVIEW_STAGE_REFUSED'
  | 'REVIEW_SETTINGS_INVALID'
  | 'REVIEW_NOTICE_NOT_FOUND'
  | 'REVIEW_NOTICE_PUBLISHED'
  | 'REVIEW_NOTICE_EMPTY'
  | 'REVIEW_NOTICE_START_PASSED'
  | 'REVIEW_OBJECTION_CLOSED'
  | 'REVIEW_OBJECTION_INVALID'
  | 'REVIEW_OBJECTION_SEAL_INVALID'
  | 'REVIEW_OBJECTION_SEAL_TOO_LARGE'
  | 'REVIEW_OBJECTION_NOT_FOUND'
  | 'REVIEW_OBJECTION_RESOLVED'
  | 'REVIEW_CALENDAR_INVALID';

export const reviewProblems = {
  REVIEW_ROUND_NOT_FOUND: { status: 404, title: '评审轮次不存在' },
  REVIEW_ROUND_EXISTS: { status: 409, title: '该申报指南已建立评审轮次' },
  REVIEW_CALL_NOT_READY: { status: 409, title: '该申报指南尚不能进入评审' },
  REVIEW_STAGE_REFUSED: { status: 409, title: '评审阶段不允许此操作' },
  REVIEW_SETTINGS_INVALID: { status: 422, title: '评审设置填写有误' },
  REVIEW_NOTICE_NOT_FOUND: { status: 404, title: '公示不存在' },
  REVIEW_NOTICE_PUBLISHED: { status: 409, title: '公示已发布，不能再修改名单' },
  REVIEW_NOTICE_EMPTY: { status: 409, title: '没有可公示的项目' },
  REVIEW_NOTICE_START_PASSED: { status: 422, title: '公示开始日期已过' },
  REVIEW_OBJECTION_CLOSED: { status: 409, title: '不在公示期内，不受理异议' },
  REVIEW_OBJECTION_INVALID: { status: 422, title: '异议填写有误' },
  REVIEW_OBJECTION_SEAL_INVALID: { status: 422, title: '盖章文件不符合要求' },
  REVIEW_OBJECTION_SEAL_TOO_LARGE: { status: 413, title: '盖章文件过大' },
  REVIEW_OBJECTION_NOT_FOUND: { status: 404, title: '异议不存在' },
  REVIEW_OBJECTION_RESOLVED: { status: 409, title: '该异议已处理' },
  REVIEW_CALENDAR_INVALID: { status: 422, title: '节假日日历填写有误' },
} satisfies ProblemCatalogue<ReviewCode>;

export const reviewProblem = problems(reviewProblems);
