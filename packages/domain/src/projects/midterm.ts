/**
 * Mid-term checks (中期检查, YZ-7) and BL-10 rolling management: whether a check is mandatory, its outcome
 * (合格 / 限期整改 / 终止) with a recorded basis, the rolling decision (continue / adjust / terminate), the
 * rectification deadline, and what termination (终止) or revocation (撤销) releases and recovers.
 */
import { z } from 'zod';
import { formatWan } from '../programmes/money.js';
import { addMonths } from './dates.js';
import type { ProjectLedgerTotals } from './ledger.js';
import type { PostAwardSettings } from './settings.js';

export const MIDTERM_OUTCOMES = ['pass', 'rectify', 'terminate'] as const;
export type MidtermOutcome = (typeof MIDTERM_OUTCOMES)[number];
export const MIDTERM_OUTCOME_LABELS: Record<MidtermOutcome, string> = { pass: '合格', rectify: '限期整改', terminate: '终止' };

/** BL-10: projects meeting expectations get rolling (continued) support; others are adjusted or terminated in time. */
export const ROLLING_DECISIONS = ['continue', 'adjust', 'terminate'] as const;
export type RollingDecision = (typeof ROLLING_DECISIONS)[number];
export const ROLLING_DECISION_LABELS: Record<RollingDecision, string> = { continue: '继续滚动支持', adjust: '调整后继续支持', terminate: '终止支持' };

/** The rolling decisions each outcome allows: a pass continues or adjusts, 整改 adjusts, 终止 terminates. */
export const ROLLING_DECISIONS_OF: Record<MidtermOutcome, readonly RollingDecision[]> = {
  pass: ['continue', 'adjust'],
  rectify: ['adjust'],
  terminate: ['terminate'],
};

export const MIDTERM_CHECK_STATUSES = ['open', 'passed', 'rectifying', 'rectified', 'terminated'] as const;
export type MidtermCheckStatus = (typeof MIDTERM_CHECK_STATUSES)[number];
export const MIDTERM_CHECK_STATUS_LABELS: Record<MidtermCheckStatus, string> = { open: '检查中', passed: '合格', rectifying: '限期整改中', rectified: '整改完成', terminated: '终止' };

export const TERMINATION_KINDS = ['terminate', 'revoke'] as const;
export type TerminationKind = (typeof TERMINATION_KINDS)[number];
export const TERMINATION_KIND_LABELS: Record<TerminationKind, string> = { terminate: '终止', revoke: '撤销' };

export interface MidtermRequirement {
  mandatory: boolean;
  thresholdYuan: number;
  /** One Chinese sentence naming the figures and the setting. */
  text: string;
}

/** YZ-7: a mid-term check is mandatory when the fiscal amount is at least the programme's setting (default 100万). */
export function midtermRequirement(fiscalYuan: number, settings: Pick<PostAwardSettings, 'midtermMandatoryFromYuan'>): MidtermRequirement {
  const thresholdYuan = settings.midtermMandatoryFromYuan;
  const mandatory = fiscalYuan >= thresholdYuan;
  const text = mandatory
    ? `财政经费 ${formatWan(fiscalYuan)} 达到 ${formatWan(thresholdYuan)}，须进行中期检查（YZ-7）。`
    : `财政经费 ${formatWan(fiscalYuan)} 低于 ${formatWan(thresholdYuan)}，中期检查非必需，可视情况开展（YZ-7）。`;
  return { mandatory, thresholdYuan, text };
}

/** The day a 限期整改 must be done: the decision day plus the programme's rectification months (default 3). */
export function rectificationDueDate(decisionDay: string, settings: Pick<PostAwardSettings, 'rectificationMonths'>): string {
  return addMonths(decisionDay, settings.rectificationMonths);
}

/** Whether an outcome and a rolling decision go together, or why not (Chinese). */
export function rollingDecisionProblem(outcome: MidtermOutcome, decision: RollingDecision): string | null {
  if (ROLLING_DECISIONS_OF[outcome].includes(decision)) return null;
  return `检查结论为「${MIDTERM_OUTCOME_LABELS[outcome]}」时，滚动管理决定须为：${ROLLING_DECISIONS_OF[outcome].map((d) => ROLLING_DECISION_LABELS[d]).join('或')}（BL-10）`;
}

export interface TerminationAmounts {
  kind: TerminationKind;
  /** Undisbursed commitment released to the programme-year's pool at once (`return`). */
  releasedYuan: number;
  /** Paid out net of repayments. */
  netPaidYuan: number;
  /** What the unit's final accounts show as spent (termination only; revocation ignores it). */
  spentYuan: number;
  /** What the unit must pay back (`repay` when it arrives). */
  owedYuan: number;
  /** Chinese lines saying how each figure was found. */
  basis: string[];
}

/**
 * Termination recovers the unspent part of what was paid (net paid − spent per the unit's final accounts, never
 * negative); revocation recovers ALL fiscal funds paid. The undisbursed commitment is always released.
 */
export function terminationAmounts(kind: TerminationKind, ledger: Pick<ProjectLedgerTotals, 'undisbursedYuan' | 'netPaidYuan'>, spentYuan = 0): TerminationAmounts {
  const releasedYuan = Math.max(0, ledger.undisbursedYuan);
  const netPaidYuan = Math.max(0, ledger.netPaidYuan);
  const spent = kind === 'revoke' ? 0 : Math.max(0, spentYuan);
  const owedYuan = kind === 'revoke' ? netPaidYuan : Math.max(0, netPaidYuan - spent);
  const basis = [`尚未拨付的承诺 ${formatWan(releasedYuan)} 全部收回，释放至年度预算（BL-10）`];
  if (kind === 'revoke') basis.push(`项目撤销：已拨付财政资金 ${formatWan(netPaidYuan)} 全部退回`);
  else basis.push(`项目终止：已拨付 ${formatWan(netPaidYuan)}，决算已支出 ${formatWan(spent)}，结余 ${formatWan(owedYuan)} 退回${spent > netPaidYuan ? '（支出超过拨付部分由单位自筹，不退回）' : ''}`);
  return { kind, releasedYuan, netPaidYuan, spentYuan: spent, owedYuan, basis };
}

// ---- Requests -----------------------------------------------------------------------------------------------

const text = (label: string, max = 2000) => z.string({ error: `请填写${label}` }).trim().min(2, `${label}至少2个字`).max(max, `${label}不能超过${max}字`);
const day = (label: string) => z.string({ error: `请选择${label}` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${label}须为YYYY-MM-DD`);
const yuan = (label: string) => z.number({ error: `${label}须为数字` }).int(`${label}须为整数元`).min(0, `${label}不能为负数`).max(1_000_000_000_000, `${label}过大`);

export const openMidtermRequest = z.object({
  dueDate: day('材料报送截止日期'),
  materials: z.string().trim().max(2000, '检查材料说明不能超过2000字').default(''),
});
export type OpenMidtermRequest = z.infer<typeof openMidtermRequest>;

/** What a termination decision needs besides its basis: the document, the unit's spending, and the reallocation the officer saw. */
const terminationShape = {
  decisionNo: text('决定文号', 100),
  /** 已支出 per the unit's final accounts (元); termination only. */
  spentYuan: yuan('已支出金额').default(0),
  /** Re-run the funding plan over the round's unfunded candidates with the freed budget (BL-10). */
  reallocate: z.boolean({ error: '请选择是否重新分配' }).default(true),
  /** The application numbers the preview chose: the decision is refused if the engine would now choose otherwise. */
  expectedSelected: z.array(z.string().max(64)).max(500).optional(),
};

export const midtermOutcomeRequest = z.object({
  outcome: z.enum(MIDTERM_OUTCOMES, { error: '请选择检查结论' }),
  basis: text('结论依据'),
  rollingDecision: z.enum(ROLLING_DECISIONS, { error: '请选择滚动管理决定' }),
  /** Required when the outcome is 终止. */
  termination: z.object(terminationShape).optional(),
}).superRefine((v, ctx) => {
  const p = rollingDecisionProblem(v.outcome, v.rollingDecision);
  if (p) ctx.addIssue({ code: 'custom', path: ['rollingDecision'], message: p });
  if (v.outcome === 'terminate' && !v.termination) ctx.addIssue({ code: 'custom', path: ['termination', 'decisionNo'], message: '终止须填写决定文号' });
});
export type MidtermOutcomeRequest = z.infer<typeof midtermOutcomeRequest>;

export const RECTIFICATION_RESULTS = ['rectified', 'failed'] as const;
export type RectificationResult = (typeof RECTIFICATION_RESULTS)[number];
export const RECTIFICATION_RESULT_LABELS: Record<RectificationResult, string> = { rectified: '整改合格，恢复执行', failed: '整改不合格，终止项目' };

export const rectificationRequest = z.object({
  result: z.enum(RECTIFICATION_RESULTS, { error: '请选择整改结果' }),
  basis: text('整改结论依据'),
  termination: z.object(terminationShape).optional(),
}).superRefine((v, ctx) => {
  if (v.result === 'failed' && !v.termination) ctx.addIssue({ code: 'custom', path: ['termination', 'decisionNo'], message: '整改不合格终止项目须填写决定文号' });
});
export type RectificationRequest = z.infer<typeof rectificationRequest>;

export const terminationRequest = z.object({ basis: text('终止/撤销依据'), ...terminationShape });
export type TerminationRequest = z.infer<typeof terminationRequest>;

export const reallocationPreviewQuery = z.object({
  kind: z.enum(TERMINATION_KINDS, { error: '请选择终止或撤销' }).default('terminate'),
  spentYuan: z.coerce.number({ error: '已支出金额须为数字' }).int('已支出金额须为整数元').min(0, '已支出金额不能为负数').max(1_000_000_000_000, '已支出金额过大').default(0),
});

// ---- Responses ----------------------------------------------------------------------------------------------

export const midtermCheckResponse = z.object({
  id: z.uuid(),
  status: z.enum(MIDTERM_CHECK_STATUSES),
  openedAt: z.string(),
  openedBy: z.string().nullable(),
  dueDate: z.string(),
  materials: z.string(),
  outcome: z.enum(MIDTERM_OUTCOMES).nullable(),
  basis: z.string().nullable(),
  rollingDecision: z.enum(ROLLING_DECISIONS).nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  rectificationDue: z.string().nullable(),
  rectifiedAt: z.string().nullable(),
  rectificationBasis: z.string().nullable(),
});
export type MidtermCheckView = z.infer<typeof midtermCheckResponse>;

export const terminationResponse = z.object({
  id: z.uuid(),
  kind: z.enum(TERMINATION_KINDS),
  decisionNo: z.string(),
  basis: z.string(),
  spentYuan: z.number().int(),
  netPaidYuan: z.number().int(),
  releasedYuan: z.number().int(),
  owedYuan: z.number().int(),
  recoveryDueDate: z.string().nullable(),
  decidedAt: z.string(),
  decidedBy: z.string().nullable(),
  midtermCheckId: z.uuid().nullable(),
});
export type TerminationView = z.infer<typeof terminationResponse>;

/** One candidate as the re-run engine judged it (its own explanation, amounts in 万元). */
export const reallocationCandidateResponse = z.object({
  applicationNo: z.string(),
  title: z.string(),
  organisationName: z.string(),
  categoryName: z.string(),
  rank: z.number().int(),
  scoreCenti: z.number().int(),
  requestedYuan: z.number().int(),
  amountYuan: z.number().int(),
  status: z.enum(['selected', 'notSelected', 'noDistrictFunds']),
  explanation: z.string(),
  /** The project created for a selected candidate (after confirmation). */
  project: z.object({ id: z.uuid(), projectNo: z.string() }).nullable(),
});

export const reallocationPlanResponse = z.object({
  roundId: z.uuid(),
  programmeCode: z.string(),
  budgetYear: z.number().int(),
  /** Available in the programme-year after the release: the engine's budget. */
  budgetYuan: z.number().int(),
  totalYuan: z.number().int(),
  optimal: z.boolean(),
  summary: z.string(),
  candidates: z.array(reallocationCandidateResponse),
});
export type ReallocationPlanView = z.infer<typeof reallocationPlanResponse>;

export const reallocationPreviewResponse = z.object({
  kind: z.enum(TERMINATION_KINDS),
  amounts: z.object({ releasedYuan: z.number().int(), netPaidYuan: z.number().int(), spentYuan: z.number().int(), owedYuan: z.number().int(), basis: z.array(z.string()) }),
  /** Null when the project's round has no ranked, unfunded candidate left. */
  plan: reallocationPlanResponse.nullable(),
});
export type ReallocationPreview = z.infer<typeof reallocationPreviewResponse>;

export const reallocationResponse = reallocationPlanResponse.extend({
  id: z.uuid(),
  terminationId: z.uuid(),
  source: z.object({ id: z.uuid(), projectNo: z.string(), title: z.string(), kind: z.enum(TERMINATION_KINDS) }),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type ReallocationView = z.infer<typeof reallocationResponse>;
export const reallocationListResponse = z.object({ items: z.array(reallocationResponse) });

export const projectMidtermResponse = z.object({
  requirement: z.object({ mandatory: z.boolean(), thresholdYuan: z.number().int(), text: z.string() }),
  rectificationMonths: z.number().int(),
  checks: z.array(midtermCheckResponse),
  termination: terminationResponse.nullable(),
  /** The reallocation this project's termination freed money for. */
  reallocation: reallocationResponse.nullable(),
  /** The reallocation that created this project (it was a waiting candidate). */
  reallocatedFrom: reallocationResponse.nullable(),
  /** What the caller may do now (the server checks again). */
  can: z.object({ open: z.boolean(), recordOutcome: z.boolean(), recordRectification: z.boolean(), terminate: z.boolean(), revoke: z.boolean() }),
});
export type ProjectMidtermView = z.infer<typeof projectMidtermResponse>;
