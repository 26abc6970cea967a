/**
 * Project changes (项目变更) as a table: each type says whether it needs approval or is only filed (备案), who
 * approves, by when it must be requested, and what its request carries. `validateChange` gives every problem in
 * Chinese, `applyChange` writes the supplementary task book (补充任务书) an approved or filed change produces.
 * One effective end date (the task book's end plus approved extensions) drives every later deadline; an
 * extension's decision lists every deadline it moves (`movedDeadlines`).
 */
import { z } from 'zod';
import type { Permission } from '../accounts/roles.js';
import { BUDGET_SOURCE_LABELS, BUDGET_SOURCES, BUDGET_SUBJECT_LABELS, BUDGET_SUBJECTS, INDICATOR_KINDS, type BudgetSubject } from '../applications/content.js';
import { durationMonths } from '../applications/checks.js';
import { validateResidentId } from '../applications/resident-id.js';
import { addDays } from '../monitoring/dates.js';
import { creditCodeSchema } from '../organisations/schemas.js';
import { formatWan } from '../programmes/money.js';
import { addMonths } from './dates.js';
import { loweredIndicators } from './indicator-compare.js';
import type { PostAwardSettings } from './settings.js';
import type { TaskBookContent } from './task-book.js';

export const CHANGE_TYPES = ['leader', 'undertaker', 'indicators', 'content', 'extension', 'budgetSubjects', 'budgetPartners', 'budgetTotal'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** submitted: awaiting its approver; filed: 备案 at once (no approval); approved / rejected: decided; withdrawn by the requester. */
export const CHANGE_STATUSES = ['submitted', 'filed', 'approved', 'rejected', 'withdrawn'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];
export const CHANGE_STATUS_LABELS: Record<ChangeStatus, string> = { submitted: '待审批', filed: '已备案', approved: '已批准', rejected: '未批准', withdrawn: '已撤回' };

/** Who decides: the bureau (project.manage), the undertaking unit (project.unitApprove), or nobody (filed). */
export const CHANGE_APPROVERS = ['bureau', 'unit', 'none'] as const;
export type ChangeApprover = (typeof CHANGE_APPROVERS)[number];
export const CHANGE_APPROVER_LABELS: Record<ChangeApprover, string> = { bureau: '科技局审批', unit: '承担单位审批（报科技局备案）', none: '备案（无需审批）' };
export const CHANGE_APPROVER_PERMISSION: Record<Exclude<ChangeApprover, 'none'>, Permission> = { bureau: 'project.manage', unit: 'project.unitApprove' };

/** beforeEnd: while the project runs, before its effective end; extensionNotice: at least N months before it. */
export type ChangeDeadline = 'beforeEnd' | 'extensionNotice';

export interface ChangeTypeRule {
  type: ChangeType;
  label: string;
  /** `conditional`: filed when its condition holds, otherwise the bureau approves (see `changeApprover`). */
  approver: ChangeApprover | 'conditional';
  condition: string | null;
  deadline: ChangeDeadline;
  /** The task book moves with it (a supplementary version is written on approval or filing). */
  what: string;
}

export const CHANGE_TYPE_TABLE: readonly ChangeTypeRule[] = [
  { type: 'leader', label: '变更项目负责人', approver: 'bureau', condition: null, deadline: 'beforeEnd', what: '任务书的项目负责人' },
  { type: 'undertaker', label: '变更承担单位', approver: 'bureau', condition: '新承担单位须为平台已注册单位（按统一社会信用代码）', deadline: 'beforeEnd', what: '任务书乙方' },
  { type: 'indicators', label: '变更考核指标', approver: 'bureau', condition: null, deadline: 'beforeEnd', what: '任务书考核指标' },
  { type: 'content', label: '变更研究内容或技术路线', approver: 'conditional', condition: '研究方向不变且考核指标不降低的备案；否则须科技局审批', deadline: 'beforeEnd', what: '任务书研究内容与技术路线' },
  { type: 'extension', label: '项目延期', approver: 'bureau', condition: null, deadline: 'extensionNotice', what: '任务书结束日期及其后的全部期限' },
  { type: 'budgetSubjects', label: '预算调整（科目之间）', approver: 'unit', condition: '各经费来源总额不变', deadline: 'beforeEnd', what: '任务书分科目预算' },
  { type: 'budgetPartners', label: '预算调整（合作单位之间）', approver: 'bureau', condition: null, deadline: 'beforeEnd', what: '任务书合作单位经费比例' },
  { type: 'budgetTotal', label: '预算总额调整', approver: 'bureau', condition: '财政经费不变（不得增加财政经费）', deadline: 'beforeEnd', what: '任务书预算总额（自筹及其他来源）' },
];
export const CHANGE_TYPE_LABELS = Object.fromEntries(CHANGE_TYPE_TABLE.map((r) => [r.type, r.label])) as Record<ChangeType, string>;
export const changeRule = (type: ChangeType): ChangeTypeRule => CHANGE_TYPE_TABLE.find((r) => r.type === type)!;

/** The shown approver of a type (the table's column). */
export function changeApproverText(rule: ChangeTypeRule): string {
  return rule.approver === 'conditional' ? '备案或科技局审批（视条件）' : CHANGE_APPROVER_LABELS[rule.approver];
}

/** The shown deadline of a type under a project's settings. */
export function changeDeadlineText(rule: ChangeTypeRule, s: Pick<PostAwardSettings, 'extensionNoticeMonths' | 'extensionMaxCount' | 'extensionMaxMonths'>): string {
  if (rule.deadline === 'extensionNotice') return `有效结束日期前至少${s.extensionNoticeMonths}个月提出；限${s.extensionMaxCount}次，每次不超过${s.extensionMaxMonths}个月`;
  return '执行期内（有效结束日期前）提出';
}

/** The last day a change of this type may be requested. */
export function changeRequestDeadline(type: ChangeType, effectiveEnd: string, s: Pick<PostAwardSettings, 'extensionNoticeMonths'>): string {
  return changeRule(type).deadline === 'extensionNotice' ? addMonths(effectiveEnd, -s.extensionNoticeMonths) : effectiveEnd;
}

// ── payloads ────────────────────────────────────────────────────────────────────────────────────────────────
const text = (what: string, max: number) => z.string({ error: `请填写${what}` }).trim().min(1, `请填写${what}`).max(max, `${what}不超过${max}个字`);
const yuan = (what: string) => z.number({ error: `${what}须为数字` }).int(`${what}须为整数（元）`).min(0, `${what}不能为负数`).max(1_000_000_000_000, `${what}过大`);

const indicator = z.object({
  kind: z.enum(INDICATOR_KINDS, { error: '请选择指标类型' }),
  name: text('指标名称', 100),
  unit: text('计量单位', 20),
  currentValue: text('现有值', 50),
  targetValue: text('目标值', 50),
  verification: text('考核方式', 200),
  core: z.boolean({ error: '请选择是否核心指标' }),
});
const budgetLine = z.object({
  subject: z.enum(BUDGET_SUBJECTS, { error: '请选择预算科目' }),
  fiscalCityYuan: yuan('市级财政'),
  fiscalDistrictYuan: yuan('区级财政'),
  selfRaisedYuan: yuan('自筹'),
  otherYuan: yuan('其他来源'),
});

export const changePayloadSchemas = {
  leader: z.object({
    name: text('新负责人姓名', 50),
    idNumber: z.string({ error: '请填写身份证号码' }).trim().superRefine((v, ctx) => {
      const r = validateResidentId(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
    }),
    title: z.string().trim().max(50, '职称不超过50个字').default(''),
  }),
  undertaker: z.object({ creditCode: creditCodeSchema, name: z.string().trim().max(100).optional() }),
  indicators: z.object({ indicators: z.array(indicator).min(1, '至少保留1项考核指标').max(50, '考核指标不超过50项') }),
  content: z.object({
    /** 主要研究开发内容 (template item plan.contentAndIndicators); empty: unchanged. */
    researchContent: z.string().trim().max(5000, '研究内容不超过5000个字').default(''),
    /** 技术路线 (template item plan.roadmap); empty: unchanged. */
    technicalRoute: z.string().trim().max(5000, '技术路线不超过5000个字').default(''),
    directionUnchanged: z.boolean({ error: '请声明研究方向是否改变' }),
    indicators: z.array(indicator).min(1, '至少保留1项考核指标').max(50, '考核指标不超过50项').optional(),
  }),
  extension: z.object({ months: z.number({ error: '延期月数须为数字' }).int('延期月数须为整数').min(1, '延期至少1个月').max(60, '延期不超过60个月') }),
  budgetSubjects: z.object({
    transfers: z.array(z.object({
      from: z.enum(BUDGET_SUBJECTS, { error: '请选择调出科目' }),
      to: z.enum(BUDGET_SUBJECTS, { error: '请选择调入科目' }),
      source: z.enum(BUDGET_SOURCES, { error: '请选择经费来源' }),
      amountYuan: yuan('调整金额').min(1, '调整金额须大于0'),
    })).min(1, '至少填写1笔调整').max(20, '调整不超过20笔'),
  }),
  budgetPartners: z.object({
    shares: z.array(z.object({ creditCode: z.string().trim().min(1, '请选择合作单位').max(30), budgetSharePercent: z.number({ error: '经费比例须为数字' }).min(0, '经费比例不能为负数').max(100, '经费比例不超过100%') })).min(1, '至少填写1家合作单位').max(50),
  }),
  budgetTotal: z.object({ lines: z.array(budgetLine).min(1, '至少填写1个预算科目').max(BUDGET_SUBJECTS.length, '预算科目不超过10行') }),
} as const satisfies Record<ChangeType, z.ZodType>;

export type ChangePayload<T extends ChangeType = ChangeType> = z.infer<(typeof changePayloadSchemas)[T]>;
export type Change = { [T in ChangeType]: { type: T; payload: ChangePayload<T> } }[ChangeType];

const request = <T extends ChangeType>(type: T) => z.object({
  type: z.literal(type),
  payload: changePayloadSchemas[type],
  reason: text('变更理由', 2000),
});
/** What a request carries (the web form and the server share it). */
export const changeRequestSchema = z.discriminatedUnion('type', [
  request('leader'), request('undertaker'), request('indicators'), request('content'), request('extension'), request('budgetSubjects'), request('budgetPartners'), request('budgetTotal'),
], { error: '请选择变更类型' });
export type ChangeRequest = z.infer<typeof changeRequestSchema>;

export const changeDecisionSchema = z.object({ reasons: text('决定理由', 2000) });
export const changeWithdrawSchema = z.object({ reason: z.string().trim().max(2000, '理由不超过2000个字').default('') });

// ── routing, validation, application ────────────────────────────────────────────────────────────────────────
/** Who decides this very request: the table's approver, or for a content change the condition met or not. */
export function changeApprover(change: Change, base: TaskBookContent): { approver: ChangeApprover; why: string[] } {
  const rule = changeRule(change.type);
  if (rule.approver !== 'conditional') return { approver: rule.approver, why: [] };
  if (change.type !== 'content') return { approver: 'bureau', why: [] };
  const why: string[] = [];
  if (!change.payload.directionUnchanged) why.push('申请人声明研究方向改变');
  if (change.payload.indicators) why.push(...loweredIndicators(base.indicators, change.payload.indicators));
  return { approver: why.length === 0 ? 'none' : 'bureau', why };
}

export interface ChangeContext {
  /** The task book the change builds on (the latest version, in force or being signed). */
  base: TaskBookContent;
  settings: PostAwardSettings;
  /** Asia/Shanghai calendar day the request is made (judged at request; re-checked at decision except the notice). */
  today: string;
  effectiveEnd: string;
  /** Months of every extension already approved. */
  approvedExtensionMonths: readonly number[];
  /** For an undertaker change: the organisation registered under the credit code, or null. */
  registeredUnit?: { name: string; creditCode: string } | null;
  /** NB-2: the category's longest period (months) from the rule set, and the project's start; null: no limit. */
  maxDurationMonths?: number | null;
  startDate?: string | null;
  /** Skip the notice rule (a decision re-checks the rest; the notice was judged when requested). */
  atDecision?: boolean;
}

/** The task book's sections a content change rewrites (items of the proposal template, NB-11). */
export const RESEARCH_CONTENT_KEY = 'plan.contentAndIndicators';
export const TECHNICAL_ROUTE_KEY = 'plan.roadmap';

function contentChanged(base: TaskBookContent, p: ChangePayload<'content'>): boolean {
  const differs = (key: string, v: string) => v !== '' && v !== (base.sections[key] ?? '');
  return differs(RESEARCH_CONTENT_KEY, p.researchContent) || differs(TECHNICAL_ROUTE_KEY, p.technicalRoute) || (p.indicators !== undefined && JSON.stringify(p.indicators) !== JSON.stringify(base.indicators));
}

const subjectLabel = (s: BudgetSubject) => BUDGET_SUBJECT_LABELS[s];
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Every reason the change cannot be made, in Chinese; empty when it can. */
export function validateChange(ctx: ChangeContext, change: Change): string[] {
  const problems: string[] = [];
  const { base, settings: s } = ctx;
  if (!ctx.atDecision && ctx.today > changeRequestDeadline(change.type, ctx.effectiveEnd, s)) {
    problems.push(change.type === 'extension'
      ? `延期须在有效结束日期（${ctx.effectiveEnd}）前至少${s.extensionNoticeMonths}个月提出，即不晚于${changeRequestDeadline('extension', ctx.effectiveEnd, s)}；今天是${ctx.today}`
      : `变更须在执行期内提出：有效结束日期 ${ctx.effectiveEnd} 已过`);
  }
  switch (change.type) {
    case 'leader':
      if (change.payload.name === base.leader.name) problems.push('新负责人与现负责人相同');
      break;
    case 'undertaker':
      if (!ctx.registeredUnit) problems.push(`统一社会信用代码 ${change.payload.creditCode} 不是平台已注册单位，新承担单位须先注册`);
      else if (ctx.registeredUnit.creditCode === base.parties.undertaker.creditCode) problems.push('新承担单位与现承担单位相同');
      break;
    case 'indicators':
      if (JSON.stringify(change.payload.indicators) === JSON.stringify(base.indicators)) problems.push('考核指标没有变化');
      break;
    case 'content':
      if (!contentChanged(base, change.payload)) problems.push('研究内容、技术路线与考核指标都没有变化');
      break;
    case 'extension': {
      const used = ctx.approvedExtensionMonths.length;
      if (used >= s.extensionMaxCount) problems.push(`延期次数已达上限：本项目已批准延期${used}次，最多${s.extensionMaxCount}次`);
      if (change.payload.months > s.extensionMaxMonths) problems.push(`单次延期不超过${s.extensionMaxMonths}个月，申请${change.payload.months}个月`);
      if (ctx.maxDurationMonths != null && ctx.startDate) {
        const total = durationMonths(ctx.startDate, addMonths(ctx.effectiveEnd, change.payload.months));
        if (total > ctx.maxDurationMonths) problems.push(`NB-2：延期后实施期${total}个月，超过上限${ctx.maxDurationMonths}个月`);
      }
      break;
    }
    case 'budgetSubjects': {
      const lines = new Map(base.budget.map((l) => [l.subject, { ...l }]));
      change.payload.transfers.forEach((t, i) => {
        const n = `第${i + 1}笔`;
        if (t.from === t.to) { problems.push(`${n}：调出与调入科目相同（${subjectLabel(t.from)}）`); return; }
        const from = lines.get(t.from);
        const have = from ? from[t.source] : 0;
        if (have < t.amountYuan) { problems.push(`${n}：${subjectLabel(t.from)}的${BUDGET_SOURCE_LABELS[t.source]}只有${formatWan(have)}，不能调出${formatWan(t.amountYuan)}`); return; }
        from![t.source] -= t.amountYuan;
        const to = lines.get(t.to) ?? { subject: t.to, fiscalCityYuan: 0, fiscalDistrictYuan: 0, selfRaisedYuan: 0, otherYuan: 0 };
        to[t.source] += t.amountYuan;
        lines.set(t.to, to);
      });
      break;
    }
    case 'budgetPartners': {
      const known = new Map(base.partners.map((p) => [p.creditCode, p]));
      if (base.partners.length === 0) problems.push('任务书没有合作单位，不能在合作单位之间调整');
      const seen = new Set<string>();
      for (const sh of change.payload.shares) {
        if (!known.has(sh.creditCode)) problems.push(`${sh.creditCode} 不是任务书中的合作单位`);
        if (seen.has(sh.creditCode)) problems.push(`合作单位 ${sh.creditCode} 重复`);
        seen.add(sh.creditCode);
      }
      const missing = base.partners.filter((p) => !seen.has(p.creditCode));
      if (base.partners.length > 0 && missing.length > 0) problems.push(`须列出全部合作单位的经费比例，缺少：${missing.map((p) => p.name).join('、')}`);
      const before = sum(base.partners.map((p) => Math.round(p.budgetSharePercent * 100)));
      const after = sum(change.payload.shares.map((p) => Math.round(p.budgetSharePercent * 100)));
      if (missing.length === 0 && before !== after) problems.push(`合作单位经费比例合计须保持${before / 100}%，调整后为${after / 100}%`);
      break;
    }
    case 'budgetTotal': {
      const subjects = change.payload.lines.map((l) => l.subject);
      const dup = subjects.filter((x, i) => subjects.indexOf(x) !== i);
      if (dup.length) problems.push(`预算科目重复：${[...new Set(dup)].map(subjectLabel).join('、')}`);
      for (const [key, label] of [['fiscalCityYuan', '市级财政'], ['fiscalDistrictYuan', '区级财政']] as const) {
        const was = sum(base.budget.map((l) => l[key]));
        const now = sum(change.payload.lines.map((l) => l[key]));
        if (now > was) problems.push(`不得增加财政经费：${label}由${formatWan(was)}增加到${formatWan(now)}；总额调整须保持财政经费不变（财政经费只随立项金额变化）`);
        else if (now < was) problems.push(`总额调整须保持财政经费不变：${label}由${formatWan(was)}减少到${formatWan(now)}；减少财政经费须按终止或收回程序办理`);
      }
      const total = (ls: readonly { selfRaisedYuan: number; otherYuan: number; fiscalCityYuan: number; fiscalDistrictYuan: number }[]) => sum(ls.map((l) => l.selfRaisedYuan + l.otherYuan + l.fiscalCityYuan + l.fiscalDistrictYuan));
      if (total(change.payload.lines) === total(base.budget)) problems.push('预算总额没有变化；科目之间的调整请选择「预算调整（科目之间）」');
      break;
    }
  }
  return problems;
}

/** The supplementary task book's content: the base with the change applied (the base is never modified). */
export function applyChange(base: TaskBookContent, change: Change): TaskBookContent {
  const c: TaskBookContent = structuredClone(base);
  switch (change.type) {
    case 'leader':
      c.leader = { name: change.payload.name, title: change.payload.title || base.leader.title };
      break;
    case 'undertaker':
      c.parties.undertaker = { name: change.payload.name ?? change.payload.creditCode, creditCode: change.payload.creditCode };
      break;
    case 'indicators':
      c.indicators = change.payload.indicators;
      break;
    case 'content':
      if (change.payload.researchContent) c.sections = { ...c.sections, [RESEARCH_CONTENT_KEY]: change.payload.researchContent };
      if (change.payload.technicalRoute) c.sections = { ...c.sections, [TECHNICAL_ROUTE_KEY]: change.payload.technicalRoute };
      if (change.payload.indicators) c.indicators = change.payload.indicators;
      break;
    case 'extension':
      c.endDate = addMonths(base.endDate, change.payload.months);
      break;
    case 'budgetSubjects':
      for (const t of change.payload.transfers) {
        const from = c.budget.find((l) => l.subject === t.from)!;
        from[t.source] -= t.amountYuan;
        let to = c.budget.find((l) => l.subject === t.to);
        if (!to) c.budget.push((to = { subject: t.to, fiscalCityYuan: 0, fiscalDistrictYuan: 0, selfRaisedYuan: 0, otherYuan: 0 }));
        to[t.source] += t.amountYuan;
      }
      c.budget.sort((a, b) => BUDGET_SUBJECTS.indexOf(a.subject) - BUDGET_SUBJECTS.indexOf(b.subject));
      break;
    case 'budgetPartners': {
      const share = new Map(change.payload.shares.map((p) => [p.creditCode, p.budgetSharePercent]));
      c.partners = c.partners.map((p) => ({ ...p, budgetSharePercent: share.get(p.creditCode) ?? p.budgetSharePercent }));
      break;
    }
    case 'budgetTotal':
      c.budget = [...change.payload.lines].sort((a, b) => BUDGET_SUBJECTS.indexOf(a.subject) - BUDGET_SUBJECTS.indexOf(b.subject));
      break;
  }
  return c;
}

// ── deadlines that move with the effective end ──────────────────────────────────────────────────────────────
export interface MovedDeadline {
  key: 'effectiveEnd' | 'acceptanceDeadline' | 'finalReportDue' | 'extensionRequestDeadline';
  label: string;
  before: string;
  after: string;
}

/** Every deadline computed from the effective end date. */
export function projectDeadlines(startDate: string | null, end: string, s: PostAwardSettings): { key: MovedDeadline['key']; label: string; date: string }[] {
  const out: { key: MovedDeadline['key']; label: string; date: string }[] = [
    { key: 'effectiveEnd', label: '执行期结束（有效结束日期）', date: end },
    { key: 'acceptanceDeadline', label: `验收申请截止（结束后${s.acceptanceWindowMonths}个月内）`, date: addMonths(end, s.acceptanceWindowMonths) },
  ];
  if (startDate && durationMonths(startDate, end) > s.annualReportAboveMonths) out.push({ key: 'finalReportDue', label: `最后一期进展报告报送截止（结束后${s.reportDueDays}天）`, date: addDays(end, s.reportDueDays) });
  out.push({ key: 'extensionRequestDeadline', label: `延期申请截止（结束前${s.extensionNoticeMonths}个月）`, date: addMonths(end, -s.extensionNoticeMonths) });
  return out;
}

/** The deadlines an effective end moving from `before` to `after` moves, each with its old and new date. */
export function movedDeadlines(startDate: string | null, before: string, after: string, s: PostAwardSettings): MovedDeadline[] {
  const old = new Map(projectDeadlines(startDate, before, s).map((d) => [d.key, d.date]));
  return projectDeadlines(startDate, after, s).map((d) => ({ key: d.key, label: d.label, before: old.get(d.key) ?? '—', after: d.date })).filter((d) => d.before !== d.after);
}

/** One sentence naming every moved deadline, for the timeline and the decision's explanation. */
export function movedDeadlinesText(moved: readonly MovedDeadline[]): string {
  return moved.map((d) => `${d.label} ${d.before} → ${d.after}`).join('；');
}
