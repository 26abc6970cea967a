/** Error codes of the plan-monitoring context. */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type MonitoringCode =
  | 'PLAN_NOT_FOUND'
  | 'INDICATOR_NOT_FOUND'
  | 'TASK_NOT_FOUND'
  | 'UNIT_NOT_FOUND'
  | 'REPORT_NOT_FOUND'
  | 'EVIDENCE_NOT_FOUND'
  | 'NOT_RESPONSIBLE'
  | 'PERIOD_INVALID'
  | 'PERIOD_NOT_DUE'
  | 'REPORT_LOCKED'
  | 'REPORT_TRANSITION_REFUSED'
  | 'NOTHING_TO_SUBMIT'
  | 'FILE_REQUIRED'
  | 'FILE_TOO_LARGE'
  | 'FILE_TYPE_REFUSED'
  | 'TOO_MANY_ROWS'
  | 'EVIDENCE_LIMIT'
  | 'WORKBOOK_UNREADABLE'
  | 'INDICATOR_INVALID'
  | 'REPORTED_FIGURE_EXISTS';

export const monitoringProblems = {
  PLAN_NOT_FOUND: { status: 404, title: '规划不存在' },
  INDICATOR_NOT_FOUND: { status: 404, title: '指标不存在' },
  TASK_NOT_FOUND: { status: 404, title: '任务不存在' },
  UNIT_NOT_FOUND: { status: 404, title: '责任单位不存在' },
  REPORT_NOT_FOUND: { status: 404, title: '报送记录不存在' },
  EVIDENCE_NOT_FOUND: { status: 404, title: '佐证材料不存在' },
  NOT_RESPONSIBLE: { status: 404, title: '该指标或任务不由本单位牵头报送' },
  PERIOD_INVALID: { status: 400, title: '报送期次格式有误' },
  PERIOD_NOT_DUE: { status: 422, title: '该期次尚未结束，不能报送' },
  REPORT_LOCKED: { status: 409, title: '已提交待审核，不能修改' },
  REPORT_TRANSITION_REFUSED: { status: 409, title: '当前状态下不能执行此操作' },
  NOTHING_TO_SUBMIT: { status: 409, title: '本期没有可提交的填报内容' },
  FILE_REQUIRED: { status: 400, title: '请上传文件' },
  FILE_TOO_LARGE: { status: 413, title: '文件过大' },
  FILE_TYPE_REFUSED: { status: 415, title: '不支持的文件类型' },
  TOO_MANY_ROWS: { status: 413, title: '文件行数过多' },
  EVIDENCE_LIMIT: { status: 409, title: '佐证材料数量已达上限' },
  WORKBOOK_UNREADABLE: { status: 400, title: 'Excel 文件无法读取' },
  INDICATOR_INVALID: { status: 400, title: '指标设置有误' },
  REPORTED_FIGURE_EXISTS: { status: 409, title: '该年度该项报告值已录入' },
} satisfies ProblemCatalogue<MonitoringCode>;

export const monitoringProblem = problems(monitoringProblems);
