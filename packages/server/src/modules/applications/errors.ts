/** Error codes of the applications context. */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type ApplicationCode =
  | 'APPLICATION_NOT_FOUND'
  | 'NO_ORGANISATION'
  | 'CALL_NOT_OPEN'
  | 'GUIDELINE_ITEM_NOT_FOUND'
  | 'CATEGORY_NOT_IN_CALL'
  | 'APPLICATION_NOT_EDITABLE'
  | 'VERSION_CONFLICT'
  | 'VERSION_NOT_FOUND'
  | 'TRANSITION_REFUSED'
  | 'ACTION_FORBIDDEN'
  | 'APPLICATION_INCOMPLETE'
  | 'RECEIPT_NOT_FOUND'
  | 'DUPLICATE_CHECK_NOT_RUN'
  | 'DUPLICATE_CHECK_PENDING'
  | 'ATTACHMENT_NOT_FOUND'
  | 'ATTACHMENT_SLOT_UNKNOWN'
  | 'ATTACHMENT_REQUIRED'
  | 'ATTACHMENT_TOO_LARGE'
  | 'ATTACHMENT_TYPE_REFUSED'
  | 'ATTACHMENT_SLOT_FULL'
  | 'FORMAL_REVIEW_INVALID'
  | 'FORMAL_REVIEW_NOT_OPEN'
  | 'FORMAL_REVIEW_INCOMPLETE'
  | 'FILE_REQUIRED'
  | 'FILE_TOO_LARGE'
  | 'EXTERNAL_RECORDS_SHEET_INVALID';

export const applicationProblems = {
  APPLICATION_NOT_FOUND: { status: 404, title: '申报书不存在' },
  NO_ORGANISATION: { status: 403, title: '当前账号不属于任何申报单位，不能申报' },
  CALL_NOT_OPEN: { status: 409, title: '申报指南不在申报时间内' },
  GUIDELINE_ITEM_NOT_FOUND: { status: 422, title: '指南条目不存在' },
  CATEGORY_NOT_IN_CALL: { status: 422, title: '本指南不受理该类别' },
  APPLICATION_NOT_EDITABLE: { status: 409, title: '当前状态的申报书不能修改' },
  VERSION_CONFLICT: { status: 409, title: '申报书已在别处保存了更新的版本' },
  VERSION_NOT_FOUND: { status: 404, title: '申报书版本不存在' },
  TRANSITION_REFUSED: { status: 409, title: '当前状态下不能执行此操作' },
  ACTION_FORBIDDEN: { status: 403, title: '没有权限对该申报书执行此操作' },
  APPLICATION_INCOMPLETE: { status: 422, title: '申报书尚不完整或不符合申报条件，不能提交' },
  RECEIPT_NOT_FOUND: { status: 404, title: '该申报书尚未提交，没有申报书回执' },
  DUPLICATE_CHECK_NOT_RUN: { status: 409, title: '查重尚未运行' },
  DUPLICATE_CHECK_PENDING: { status: 409, title: '查重尚未完成，不能受理' },
  ATTACHMENT_NOT_FOUND: { status: 404, title: '附件不存在' },
  ATTACHMENT_SLOT_UNKNOWN: { status: 422, title: '本指南没有这一类附件' },
  ATTACHMENT_REQUIRED: { status: 400, title: '请选择要上传的文件' },
  ATTACHMENT_TOO_LARGE: { status: 413, title: '附件过大' },
  ATTACHMENT_TYPE_REFUSED: { status: 415, title: '附件格式不受理' },
  ATTACHMENT_SLOT_FULL: { status: 409, title: '该类附件已达上限' },
  FORMAL_REVIEW_INVALID: { status: 422, title: '形式审查结果填写有误' },
  FORMAL_REVIEW_NOT_OPEN: { status: 409, title: '当前状态下不能记录形式审查结果' },
  FORMAL_REVIEW_INCOMPLETE: { status: 409, title: '形式审查尚未全部通过，不能受理' },
  FILE_REQUIRED: { status: 400, title: '请上传文件' },
  FILE_TOO_LARGE: { status: 413, title: '文件过大' },
  EXTERNAL_RECORDS_SHEET_INVALID: { status: 422, title: '表格与外部记录导入模板不一致' },
} satisfies ProblemCatalogue<ApplicationCode>;

export const applicationProblem = problems(applicationProblems);
