/** Error codes of the review context (评审与立项). Each part adds its codes here. */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type ReviewCode =
  | 'REVIEW_ROUND_NOT_FOUND'
  | 'REVIEW_ROUND_EXISTS'
  | 'REVIEW_CALL_NOT_READY'
  | 'REVIEW_STAGE_REFUSED'
  | 'REVIEW_SETTINGS_INVALID'
  | 'REVIEW_RUBRIC_MISSING'
  | 'REVIEW_RUBRIC_LOCKED'
  | 'REVIEW_ASSIGNMENT_NOT_FOUND'
  | 'REVIEW_DECLARATION_REQUIRED'
  | 'REVIEW_ALREADY_OPENED'
  | 'REVIEW_NO_REPLACEMENT'
  | 'REVIEW_SHEET_INVALID'
  | 'REVIEW_SHEET_SUBMITTED'
  | 'REVIEW_SCORING_CLOSED'
  | 'REVIEW_SCORING_INCOMPLETE'
  | 'REVIEW_PANEL_REFUSED'
  | 'REVIEW_ATTACHMENT_NOT_FOUND';

export const reviewProblems = {
  REVIEW_ROUND_NOT_FOUND: { status: 404, title: '评审轮次不存在' },
  REVIEW_ROUND_EXISTS: { status: 409, title: '该申报指南已建立评审轮次' },
  REVIEW_CALL_NOT_READY: { status: 409, title: '该申报指南尚不能进入评审' },
  REVIEW_STAGE_REFUSED: { status: 409, title: '评审阶段不允许此操作' },
  REVIEW_SETTINGS_INVALID: { status: 422, title: '评审设置填写有误' },
  REVIEW_RUBRIC_MISSING: { status: 409, title: '尚未设置评分细则' },
  REVIEW_RUBRIC_LOCKED: { status: 409, title: '已有专家提交评分，评分细则不能再修改' },
  // Deliberately says nothing of whose assignment it is: an expert asking for another's gets this, blinded.
  REVIEW_ASSIGNMENT_NOT_FOUND: { status: 404, title: '评审任务不存在' },
  REVIEW_DECLARATION_REQUIRED: { status: 409, title: '请先声明是否需要回避' },
  REVIEW_ALREADY_OPENED: { status: 409, title: '已打开申报书，不能再申请回避' },
  REVIEW_NO_REPLACEMENT: { status: 409, title: '没有可替补的专家' },
  REVIEW_SHEET_INVALID: { status: 422, title: '评分表填写有误' },
  REVIEW_SHEET_SUBMITTED: { status: 409, title: '评分表已提交，不能修改' },
  REVIEW_SCORING_CLOSED: { status: 409, title: '评分已截止' },
  REVIEW_SCORING_INCOMPLETE: { status: 409, title: '尚有评分表未提交' },
  REVIEW_PANEL_REFUSED: { status: 409, title: '会评不允许此操作' },
  REVIEW_ATTACHMENT_NOT_FOUND: { status: 404, title: '附件不存在' },
} satisfies ProblemCatalogue<ReviewCode>;

export const reviewProblem = problems(reviewProblems);
