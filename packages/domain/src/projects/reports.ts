/**
 * Annual progress reports (年度进展报告) of a project: the schedule as a pure function of the start date, the
 * EFFECTIVE end date and the programme's post-award settings (so an approved extension moves it at once), the
 * report window as an explicit state table, lateness in days, and the report's content with its checks against
 * the task book in force and the project ledger.
 */
import { z } from 'zod';
import { addDays, daysBetween, isIsoDate } from '../monitoring/dates.js';
import { durationMonths } from '../applications/checks.js';
import { addMonths } from './dates.js';
import type { PostAwardSettings } from './settings.js';
import type { TaskBookContent } from './task-book.js';

/** One reporting year runs 12 calendar months from the start date (the 执行年度, not the calendar year). */
export const REPORT_PERIOD_MONTHS = 12;
/** Platform constant (the seeds say nothing): a report's window opens this many days before its period ends. */
export const REPORT_WINDOW_OPENS_DAYS_BEFORE = 30;
/** Platform constant: the undertaker is reminded once, this many days before the due date. */
export const REPORT_REMINDER_DAYS_BEFORE_DUE = 7;
export const REPORT_CONSTANT_LABELS = {
  windowOpensDaysBefore: `报告年度结束前${REPORT_WINDOW_OPENS_DAYS_BEFORE}天开放填报（平台设置，种子文件未规定）`,
  reminderDaysBeforeDue: `截止前${REPORT_REMINDER_DAYS_BEFORE_DUE}天提醒承担单位（平台设置）`,
} as const;

export interface ReportPeriod {
  /** 1 for the first reporting year. */
  periodNo: number;
  periodStart: string;
  /** Inclusive last day of the reporting year. */
  periodEnd: string;
  /** First day the undertaker may fill it in. */
  opensOn: string;
  /** periodEnd + reportDueDays: the last day of the window (inclusive). */
  dueDate: string;
}

/**
 * The annual reports a project owes: none unless it runs longer than `annualReportAboveMonths` (start to
 * effective end); otherwise one per 12-month period from the start date whose end falls before the effective end
 * date — the last stretch is covered by acceptance (验收), not by an annual report.
 */
export function reportSchedule(startDate: string, effectiveEndDate: string, settings: Pick<PostAwardSettings, 'annualReportAboveMonths' | 'reportDueDays'>): ReportPeriod[] {
  if (!(startDate < effectiveEndDate)) return [];
  if (durationMonths(startDate, effectiveEndDate) <= settings.annualReportAboveMonths) return [];
  const out: ReportPeriod[] = [];
  for (let k = 1; ; k++) {
    const periodStart = addMonths(startDate, REPORT_PERIOD_MONTHS * (k - 1));
    const periodEnd = addDays(addMonths(startDate, REPORT_PERIOD_MONTHS * k), -1);
    if (!(periodEnd < effectiveEndDate)) break;
    out.push({ periodNo: k, periodStart, periodEnd, opensOn: addDays(periodEnd, -REPORT_WINDOW_OPENS_DAYS_BEFORE), dueDate: addDays(periodEnd, settings.reportDueDays) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The report window as a state table.
//
//   notOpen ─open(system, on opensOn)→ open ─submit→ submitted ─accept→ accepted
//                                      open ─lock(system, after closesOn)→ locked ─reopen(officer: reason, new closesOn)→ reopened
//   reopened ─submit→ submitted;  reopened ─lock→ locked (the new date passed too)
//   submitted ─return(officer: reasons, new closesOn)→ returned ─submit→ submitted;  returned ─lock→ locked
//   notOpen ─cancel(system)→ cancelled ─restore(system)→ notOpen: a year the schedule no longer has (never opened)
// ---------------------------------------------------------------------------------------------------------------

export const PROJECT_REPORT_STATES = ['notOpen', 'open', 'submitted', 'returned', 'accepted', 'locked', 'reopened', 'cancelled'] as const;
export type ProjectReportState = (typeof PROJECT_REPORT_STATES)[number];
export const PROJECT_REPORT_STATE_LABELS: Record<ProjectReportState, string> = {
  notOpen: '未开放', open: '填报中', submitted: '待审核', returned: '已退回修改', accepted: '已通过', locked: '已逾期锁定', reopened: '已重新开放', cancelled: '已取消（执行期变化）',
};

export const PROJECT_REPORT_EVENTS = ['open', 'lock', 'submit', 'accept', 'return', 'reopen', 'cancel', 'restore'] as const;
export type ProjectReportEvent = (typeof PROJECT_REPORT_EVENTS)[number];
export const PROJECT_REPORT_EVENT_LABELS: Record<ProjectReportEvent, string> = {
  open: '开放填报', lock: '逾期锁定', submit: '提交', accept: '审核通过', return: '退回修改', reopen: '重新开放', cancel: '取消（执行期变化后不再需要）', restore: '恢复（执行期变化后又须报送）',
};
/** Who takes each event: the scheduler, the undertaker (承担单位), or the officer (经办人). */
export const PROJECT_REPORT_EVENT_ACTORS: Record<ProjectReportEvent, 'system' | 'undertaker' | 'officer'> = {
  open: 'system', lock: 'system', submit: 'undertaker', accept: 'officer', return: 'officer', reopen: 'officer', cancel: 'system', restore: 'system',
};

export const PROJECT_REPORT_TRANSITIONS: Record<ProjectReportState, Partial<Record<ProjectReportEvent, ProjectReportState>>> = {
  notOpen: { open: 'open', cancel: 'cancelled' },
  cancelled: { restore: 'notOpen' },
  open: { submit: 'submitted', lock: 'locked' },
  reopened: { submit: 'submitted', lock: 'locked' },
  returned: { submit: 'submitted', lock: 'locked' },
  submitted: { accept: 'accepted', return: 'returned' },
  locked: { reopen: 'reopened' },
  accepted: {},
};

export type ReportTransitionResult = { ok: true; to: ProjectReportState } | { ok: false; message: string };

export function projectReportTransition(from: ProjectReportState, event: ProjectReportEvent): ReportTransitionResult {
  const to = PROJECT_REPORT_TRANSITIONS[from][event];
  if (to) return { ok: true, to };
  const allowed = PROJECT_REPORT_STATES.filter((s) => PROJECT_REPORT_TRANSITIONS[s][event]);
  return { ok: false, message: `报告当前为「${PROJECT_REPORT_STATE_LABELS[from]}」，不能${PROJECT_REPORT_EVENT_LABELS[event]}（须为：${allowed.map((s) => PROJECT_REPORT_STATE_LABELS[s]).join('、')}）` };
}

/** States in which the undertaker may write the report (only inside its window, see `windowRefusal`). */
export const EDITABLE_REPORT_STATES: readonly ProjectReportState[] = ['open', 'reopened', 'returned'];
/** States still waiting for the undertaker: reminders go out and lateness grows. */
export const AWAITING_UNDERTAKER_STATES: readonly ProjectReportState[] = ['notOpen', 'open', 'reopened', 'returned', 'locked'];

export interface ReportWindow {
  opensOn: string;
  /** The due date, or the date an officer set on reopening or returning. */
  closesOn: string;
}

export const reportWindowText = (w: ReportWindow): string => `${w.opensOn} 至 ${w.closesOn}`;

/**
 * Why the undertaker may not write now, in Chinese with the window, or null when they may: the state must allow
 * it and today must be inside the window (checked on every request, even before the daily job has locked it).
 */
export function windowRefusal(state: ProjectReportState, w: ReportWindow, today: string): string | null {
  const editable = EDITABLE_REPORT_STATES.includes(state);
  if (state === 'locked' || (editable && today > w.closesOn)) return `填报窗口已于 ${w.closesOn} 关闭（${reportWindowText(w)}），请联系项目经办人重新开放。`;
  if (state === 'notOpen' || (editable && today < w.opensOn)) return `填报窗口尚未开放：${reportWindowText(w)}。`;
  if (!editable) return `报告当前为「${PROJECT_REPORT_STATE_LABELS[state]}」，不能修改（填报窗口 ${reportWindowText(w)}）。`;
  return null;
}

/** The scheduler's events that are due today, in order (a window both opened and passed gives open then lock). */
export function dueSystemEvents(state: ProjectReportState, w: ReportWindow, today: string): ProjectReportEvent[] {
  const out: ProjectReportEvent[] = [];
  let s = state;
  if (s === 'notOpen' && today >= w.opensOn) {
    out.push('open');
    s = 'open';
  }
  if ((s === 'open' || s === 'reopened' || s === 'returned') && today > w.closesOn) out.push('lock');
  return out;
}

/**
 * Days late, counted against the ORIGINAL due date (a reopening is a grace, not a new due date): for a submitted
 * report the days from the due date to its (first) submission, for one still awaited the days to today; 0 if on time.
 */
export function reportLateDays(dueDate: string, submittedOn: string | null, today: string): number {
  return Math.max(0, daysBetween(dueDate, submittedOn ?? today));
}

/** The day the undertaker is reminded (once). */
export const reminderOn = (dueDate: string): string => addDays(dueDate, -REPORT_REMINDER_DAYS_BEFORE_DUE);

// ---------------------------------------------------------------------------------------------------------------
// Content.
// ---------------------------------------------------------------------------------------------------------------

const yuan = (label: string) => z.number({ error: `${label}须为金额（元）` }).int(`${label}须为整数元`).min(0, `${label}不能为负数`).max(1_000_000_000_000, `${label}过大`);
const text = (label: string, max: number) => z.string({ error: `请填写${label}` }).max(max, `${label}不能超过${max}字`);
const required = (label: string, max: number) => text(label, max).trim().min(1, `请填写${label}`);

export const reportSpendingSchema = z.object({
  fiscalCityYuan: yuan('市级财政资金支出'),
  fiscalDistrictYuan: yuan('区级财政资金支出'),
  selfRaisedYuan: yuan('自筹资金支出'),
  otherYuan: yuan('其他资金支出'),
});
export type ReportSpending = z.infer<typeof reportSpendingSchema>;

/** A submitted report: every part filled in. */
export const reportContentSchema = z.object({
  progress: required('年度进展情况', 5000),
  /** One row per task-book indicator, in its order: the value reached now against the target. */
  indicators: z.array(z.object({ name: text('指标名称', 200), unit: text('单位', 50), targetValue: text('目标值', 100), currentValue: required('当前值', 100), note: text('说明', 500) }), { error: '请填写指标完成情况' }).max(200, '指标过多'),
  /** The task book's milestones due by the end of the period: reached or not. */
  milestones: z.array(z.object({ date: text('节点日期', 20), description: text('节点内容', 500), reached: z.boolean({ error: '请选择节点是否完成' }), note: text('说明', 500) }), { error: '请填写里程碑完成情况' }).max(200, '里程碑过多'),
  /** Spending to date (累计), by source, integer 元. */
  spending: reportSpendingSchema,
  problems: text('存在的问题', 3000),
  nextSteps: required('下一步工作计划', 3000),
});
export type ReportContent = z.infer<typeof reportContentSchema>;

/** A draft: same shape, anything may still be empty (checked in full on submission). */
export const reportDraftSchema = z.object({
  progress: text('年度进展情况', 5000).default(''),
  indicators: z.array(z.object({ name: text('指标名称', 200), unit: text('单位', 50), targetValue: text('目标值', 100), currentValue: text('当前值', 100).default(''), note: text('说明', 500).default('') }), { error: '指标须为列表' }).max(200, '指标过多').default([]),
  milestones: z.array(z.object({ date: text('节点日期', 20), description: text('节点内容', 500), reached: z.boolean({ error: '请选择节点是否完成' }).default(false), note: text('说明', 500).default('') }), { error: '里程碑须为列表' }).max(200, '里程碑过多').default([]),
  spending: reportSpendingSchema.partial().default({}),
  problems: text('存在的问题', 3000).default(''),
  nextSteps: text('下一步工作计划', 3000).default(''),
});
export type ReportDraft = z.infer<typeof reportDraftSchema>;

type TaskBookFacts = Pick<TaskBookContent, 'indicators' | 'yearlyPlan'>;

/** The milestones of the task book due by `periodEnd` (ISO dates compare as text; undated ones are left out). */
export function milestonesDueBy(taskBook: TaskBookFacts, periodEnd: string): { date: string; description: string }[] {
  return taskBook.yearlyPlan.flatMap((y) => y.milestones).filter((m) => m.date !== '' && m.date <= periodEnd);
}

/** A new report's draft: the task book's indicators and the milestones due by the end of the period, nothing filled in. */
export function reportTemplate(taskBook: TaskBookFacts, periodEnd: string): ReportDraft {
  return {
    progress: '',
    indicators: taskBook.indicators.map((i) => ({ name: i.name, unit: i.unit, targetValue: i.targetValue, currentValue: '', note: '' })),
    milestones: milestonesDueBy(taskBook, periodEnd).map((m) => ({ ...m, reached: false, note: '' })),
    spending: {},
    problems: '',
    nextSteps: '',
  };
}

export interface ReportFieldProblem {
  field: string;
  message: string;
}

/**
 * What keeps a report from being submitted, field by field in Chinese: the full schema, every task-book
 * indicator reported against its target (names and targets as in the task book in force), and fiscal spending
 * not beyond what the bureau has paid (the project ledger's net paid).
 */
export function reportProblems(draft: unknown, taskBook: TaskBookFacts, ledger: { netPaidYuan: number }): ReportFieldProblem[] {
  const parsed = reportContentSchema.safeParse(draft);
  if (!parsed.success) return parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  const c = parsed.data;
  const problems: ReportFieldProblem[] = [];
  taskBook.indicators.forEach((ind, i) => {
    const row = c.indicators[i];
    if (!row || row.name !== ind.name || row.targetValue !== ind.targetValue) problems.push({ field: `indicators.${i}`, message: `指标「${ind.name}」须按任务书填报（目标值 ${ind.targetValue}${ind.unit}）` });
  });
  if (c.indicators.length > taskBook.indicators.length) problems.push({ field: 'indicators', message: `任务书共${taskBook.indicators.length}项指标，报告多出${c.indicators.length - taskBook.indicators.length}项` });
  const fiscal = c.spending.fiscalCityYuan + c.spending.fiscalDistrictYuan;
  if (fiscal > ledger.netPaidYuan) problems.push({ field: 'spending.fiscalDistrictYuan', message: `财政资金累计支出 ${fiscal} 元超过已拨付 ${ledger.netPaidYuan} 元` });
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Request bodies.
// ---------------------------------------------------------------------------------------------------------------

const closingDate = z.string({ error: '请选择新的截止日期' }).refine(isIsoDate, '新的截止日期须为有效日期（YYYY-MM-DD）');

export const reportDraftBody = z.object({ content: reportDraftSchema });
/** Submitting may carry the latest draft, saved and submitted in one step. */
export const reportSubmitBody = z.object({ content: reportDraftSchema.optional() });
export const reportAcceptBody = z.object({ note: z.string({ error: '审核意见须为文字' }).trim().max(1000, '审核意见不能超过1000字').optional() });
export const reportReturnBody = z.object({
  reasons: z.array(z.string({ error: '退回理由须为文字' }).trim().min(1, '退回理由不能为空').max(500, '每条退回理由不能超过500字'), { error: '请填写退回理由' }).min(1, '请至少填写一条退回理由').max(20, '退回理由不能超过20条'),
  closesOn: closingDate,
});
export const reportReopenBody = z.object({
  reason: z.string({ error: '请填写重新开放的理由' }).trim().min(1, '请填写重新开放的理由').max(1000, '理由不能超过1000字'),
  closesOn: closingDate,
});
export type ReportReturnBody = z.infer<typeof reportReturnBody>;
export type ReportReopenBody = z.infer<typeof reportReopenBody>;

// ---------------------------------------------------------------------------------------------------------------
// API shapes.
// ---------------------------------------------------------------------------------------------------------------

export const projectReportResponse = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  periodNo: z.number().int(),
  periodStart: z.string(),
  periodEnd: z.string(),
  opensOn: z.string(),
  dueDate: z.string(),
  closesOn: z.string(),
  state: z.enum(PROJECT_REPORT_STATES),
  submittedAt: z.string().nullable(),
  lateDays: z.number().int(),
  /** The officer's last reasons (return) or reason (reopen), shown to the undertaker. */
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
});
export type ProjectReportView = z.infer<typeof projectReportResponse>;

export const projectReportScheduleResponse = z.object({
  /** False when the project runs no longer than the setting: acceptance alone covers it. */
  required: z.boolean(),
  annualReportAboveMonths: z.number().int(),
  reportDueDays: z.number().int(),
  windowOpensDaysBefore: z.number().int(),
  effectiveEndDate: z.string().nullable(),
  items: z.array(projectReportResponse),
  /** What the caller may do on the project's reports. */
  canUndertake: z.boolean(),
  canManage: z.boolean(),
});
export type ProjectReportSchedule = z.infer<typeof projectReportScheduleResponse>;

export const projectReportDetailResponse = projectReportResponse.extend({
  content: reportDraftSchema,
  /** The task book the indicators are read against: the signed version in force, or the latest one. */
  taskBook: z.object({ versionNo: z.number().int(), status: z.string(), indicators: z.array(z.object({ name: z.string(), unit: z.string(), currentValue: z.string(), targetValue: z.string(), core: z.boolean() })) }).nullable(),
  /** The project ledger to date (元): fiscal spending may not exceed what was paid. */
  netPaidYuan: z.number().int(),
  /** Why the undertaker cannot write now (window and state), or null. */
  windowRefusal: z.string().nullable(),
  actions: z.array(z.enum(PROJECT_REPORT_EVENTS)),
});
export type ProjectReportDetail = z.infer<typeof projectReportDetailResponse>;

export const projectReportListItem = projectReportResponse.extend({
  projectNo: z.string(),
  projectTitle: z.string(),
  organisationName: z.string(),
});
export type ProjectReportListItem = z.infer<typeof projectReportListItem>;

/** The officer's 待办 filters: overdue (locked, or past due and still awaited), awaiting review (submitted), due soon. */
export const PROJECT_REPORT_DUE_FILTERS = ['overdue', 'review', 'soon', 'all'] as const;
export type ProjectReportDueFilter = (typeof PROJECT_REPORT_DUE_FILTERS)[number];
export const PROJECT_REPORT_DUE_LABELS: Record<ProjectReportDueFilter, string> = { overdue: '已逾期', review: '待审核', soon: '30天内到期', all: '全部' };
export const PROJECT_REPORT_SORTS = ['dueDate', '-dueDate', 'projectNo', '-projectNo', 'submittedAt', '-submittedAt'] as const;
