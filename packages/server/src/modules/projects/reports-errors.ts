/** Error codes of progress reports (年度进展报告). */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type ReportCode = 'PROJECT_REPORT_NOT_FOUND' | 'PROJECT_REPORT_WINDOW_CLOSED' | 'PROJECT_REPORT_STATE_REFUSED' | 'PROJECT_REPORT_INCOMPLETE' | 'PROJECT_REPORT_NO_TASK_BOOK' | 'PROJECT_REPORT_CLOSING_DATE_INVALID';

export const projectReportProblems = {
  PROJECT_REPORT_NOT_FOUND: { status: 404, title: '进展报告不存在' },
  PROJECT_REPORT_WINDOW_CLOSED: { status: 409, title: '不在报告填报窗口内' },
  PROJECT_REPORT_STATE_REFUSED: { status: 409, title: '报告当前状态不允许此操作' },
  PROJECT_REPORT_INCOMPLETE: { status: 422, title: '报告内容不完整' },
  PROJECT_REPORT_NO_TASK_BOOK: { status: 409, title: '项目没有生效的任务书' },
  PROJECT_REPORT_CLOSING_DATE_INVALID: { status: 422, title: '新的截止日期无效' },
} satisfies ProblemCatalogue<ReportCode>;

export const reportProblem = problems(projectReportProblems);
