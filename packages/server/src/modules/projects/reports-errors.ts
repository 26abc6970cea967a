/** Error codes of progress reports (年度进展报告). */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type ReportCode = 'REPORT_NOT_FOUND' | 'REPORT_WINDOW_CLOSED' | 'REPORT_STATE_REFUSED' | 'REPORT_INCOMPLETE' | 'REPORT_NO_TASK_BOOK' | 'REPORT_CLOSING_DATE_INVALID';

export const projectReportProblems = {
  REPORT_NOT_FOUND: { status: 404, title: '进度报告不存在' },
  REPORT_WINDOW_CLOSED: { status: 409, title: '不在报告填报窗口内' },
  REPORT_STATE_REFUSED: { status: 409, title: '报告当前状态不允许此操作' },
  REPORT_INCOMPLETE: { status: 422, title: '报告内容不完整' },
  REPORT_NO_TASK_BOOK: { status: 409, title: '项目没有生效的任务书' },
  REPORT_CLOSING_DATE_INVALID: { status: 422, title: '新的截止日期无效' },
} satisfies ProblemCatalogue<ReportCode>;

export const reportProblem = problems(projectReportProblems);
