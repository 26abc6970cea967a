/** Error codes of research-integrity records (科研失信) and performance evaluation (绩效评价). */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type IntegrityCode =
  | 'INTEGRITY_RECORD_NOT_FOUND'
  | 'INTEGRITY_RECORD_REVOKED'
  | 'INTEGRITY_APPEAL_REFUSED'
  | 'INTEGRITY_DOCUMENT_REQUIRED'
  | 'INTEGRITY_DOCUMENT_TOO_LARGE'
  | 'INTEGRITY_DOCUMENT_TYPE_REFUSED'
  | 'INTEGRITY_DOCUMENT_NOT_FOUND'
  | 'INTEGRITY_ID_NUMBER_INVALID'
  | 'PERFORMANCE_NOT_ELIGIBLE'
  | 'PERFORMANCE_ALREADY_EVALUATED'
  | 'PERFORMANCE_INPUT_INVALID'
  | 'PERFORMANCE_NO_TASK_BOOK';

export const integrityProblems = {
  INTEGRITY_RECORD_NOT_FOUND: { status: 404, title: '科研失信记录不存在' },
  INTEGRITY_RECORD_REVOKED: { status: 409, title: '该科研失信记录已撤销' },
  INTEGRITY_APPEAL_REFUSED: { status: 409, title: '当前申诉状态不允许此操作' },
  INTEGRITY_DOCUMENT_REQUIRED: { status: 400, title: '请上传处理决定书' },
  INTEGRITY_DOCUMENT_TOO_LARGE: { status: 413, title: '处理决定书文件过大' },
  INTEGRITY_DOCUMENT_TYPE_REFUSED: { status: 415, title: '处理决定书须为 PDF 文件' },
  INTEGRITY_DOCUMENT_NOT_FOUND: { status: 404, title: '尚未上传处理决定书' },
  INTEGRITY_ID_NUMBER_INVALID: { status: 400, title: '身份证号码无效' },
  PERFORMANCE_NOT_ELIGIBLE: { status: 409, title: '项目当前状态不能进行绩效评价' },
  PERFORMANCE_ALREADY_EVALUATED: { status: 409, title: '该项目已完成绩效评价' },
  PERFORMANCE_INPUT_INVALID: { status: 400, title: '绩效评价内容有误' },
  PERFORMANCE_NO_TASK_BOOK: { status: 409, title: '项目没有生效的任务书' },
} satisfies ProblemCatalogue<IntegrityCode>;

export const integrityProblem = problems(integrityProblems);
