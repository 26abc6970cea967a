/** Request and response schemas of acceptance (验收 / 结题); the web's types are `z.infer` of these. */
import { z } from 'zod';
import { dayOut, instantOut, itemsOf } from '../common/responses.js';
import { INDICATOR_KINDS } from '../applications/content.js';
import { entropySourceSchema } from '../review/draw-responses.js';
import { ACCEPTANCE_DECISIONS, ACCEPTANCE_MATERIAL_KINDS, ACCEPTANCE_RESULTS, ACCEPTANCE_TIMINGS } from './acceptance.js';

const text = (label: string, min: number, max: number) => z.string({ error: `请填写${label}` }).trim().min(min, `${label}不少于${min}个字`).max(max, `${label}不超过${max}个字`);

export const acceptanceApplyBody = z.object({
  summary: text('验收申请说明', 4, 2000),
  /** Required when applying before the effective end date (提前完成). */
  earlyReason: z.string().trim().max(1000, '理由不超过1000个字').optional(),
});

export const acceptancePanelCommitBody = z.object({
  sources: z.array(entropySourceSchema).min(1, '至少预告一个公开随机来源').max(5, '最多 5 个随机来源'),
  /** Required when the application came after the window (逾期受理的理由). */
  lateReason: z.string().trim().max(1000).optional(),
});

export const acceptancePanelDrawBody = z.object({
  values: z.array(z.string().trim().min(1, '请填写该来源公布的数值').max(500)).min(1).max(5),
  observerInput: text('纪检监督输入值', 1, 200),
});

export const acceptanceVerdictInput = z.object({
  index: z.number({ error: '指标序号无效' }).int('指标序号无效').min(0).max(200),
  met: z.boolean({ error: '请选择是否完成' }),
  achievedValue: z.string().trim().max(200, '完成值不超过200个字'),
  evidence: z.string().trim().max(1000, '佐证不超过1000个字'),
});

export const acceptanceReviewSaveBody = z.object({
  verdicts: z.array(acceptanceVerdictInput).max(200),
  opinion: z.string().trim().max(4000, '意见不超过4000个字'),
});

export const acceptanceOutcomeBody = z.object({
  decision: z.enum(ACCEPTANCE_DECISIONS, { error: '请选择验收结论' }),
  /** Required when the decision differs from the one the rule computes. */
  overrideReason: z.string().trim().max(1000).optional(),
  /** 不通过: how much of what was paid the unit owes back (元). */
  owedYuan: z.number().int('金额须为整数元').min(0).optional(),
  basis: text('结论依据', 2, 2000),
});

/** 退回提前验收申请: the bureau's reason, shown to the undertaker. */
export const acceptanceReturnBody = z.object({ reason: text('退回理由', 4, 2000) });

export const acceptanceResubmitBody = z.object({ report: text('整改情况说明', 4, 4000) });

const materialOut = z.object({
  id: z.uuid(),
  kind: z.enum(ACCEPTANCE_MATERIAL_KINDS),
  fileName: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  sha256: z.string(),
  uploadedAt: instantOut,
  /** 0: the application's materials; 1: those of the rectification (整改). */
  cycle: z.number().int(),
});
export const acceptanceMaterialResponse = materialOut;

const ruleOut = z.object({
  result: z.enum(ACCEPTANCE_RESULTS),
  coreMet: z.number().int(),
  coreTotal: z.number().int(),
  allMet: z.number().int(),
  allTotal: z.number().int(),
  corePercent: z.string(),
  explanation: z.string(),
});

export const acceptanceIndicatorOut = z.object({
  index: z.number().int(),
  kind: z.enum(INDICATOR_KINDS),
  name: z.string(),
  unit: z.string(),
  currentValue: z.string(),
  targetValue: z.string(),
  core: z.boolean(),
});

export const acceptanceResponse = z.object({
  projectId: z.uuid(),
  state: z.string(),
  window: z.object({ opensOn: dayOut, closesOn: dayOut }).nullable(),
  timingToday: z.enum(ACCEPTANCE_TIMINGS).nullable(),
  settings: z.object({ windowMonths: z.number().int(), failBelowPercent: z.number().int(), rehearBelowPercent: z.number().int(), rectificationMonths: z.number().int(), panelSize: z.number().int(), lumpSum: z.boolean() }),
  materialKinds: z.array(z.object({ kind: z.enum(ACCEPTANCE_MATERIAL_KINDS), label: z.string(), required: z.boolean(), hint: z.string() })),
  materials: z.array(materialOut),
  application: z.object({
    id: z.uuid(),
    appliedAt: instantOut,
    timing: z.enum(ACCEPTANCE_TIMINGS),
    timingLabel: z.string(),
    earlyReason: z.string().nullable(),
    lateReason: z.string().nullable(),
    summary: z.string(),
    hearingNo: z.number().int(),
    reheard: z.boolean(),
    rectificationUsed: z.boolean(),
    rectifyDueDate: dayOut.nullable(),
    rectificationReport: z.string().nullable(),
    resubmittedAt: instantOut.nullable(),
    outcome: z.enum(ACCEPTANCE_DECISIONS).nullable(),
  }).nullable(),
  /** Early applications the bureau returned (退回), oldest first. */
  returned: z.array(z.object({ id: z.uuid(), appliedAt: instantOut, earlyReason: z.string().nullable(), summary: z.string(), returnedAt: instantOut, returnReason: z.string() })),
  indicators: z.array(acceptanceIndicatorOut),
  panel: z.object({
    id: z.uuid(),
    status: z.enum(['committed', 'drawn']),
    committedAt: instantOut,
    commitmentHash: z.string(),
    sources: z.array(z.object({ description: z.string(), publicAt: instantOut })),
    size: z.number().int(),
    eligible: z.number().int(),
    cap: z.object({ numerator: z.number().int(), denominator: z.number().int() }),
    inputHash: z.string(),
    poolHash: z.string(),
    drawnAt: instantOut.nullable(),
    seed: z.string().nullable(),
    sourceValues: z.array(z.string()).nullable(),
    observerInput: z.string().nullable(),
    resultHash: z.string().nullable(),
    published: z.boolean(),
    members: z.array(z.object({ id: z.uuid(), name: z.string(), organisationName: z.string(), submitted: z.boolean() })),
    /** Officers only: experts left out, with each reason (回避, 科研失信). */
    excluded: z.array(z.object({ name: z.string(), reasons: z.array(z.string()) })),
  }).nullable(),
  findings: z.array(z.object({
    index: z.number().int(),
    met: z.boolean(),
    metVotes: z.number().int(),
    notMetVotes: z.number().int(),
    basis: z.string(),
    verdicts: z.array(z.object({ expertName: z.string(), met: z.boolean(), achievedValue: z.string(), evidence: z.string() })),
  })),
  submittedReviews: z.number().int(),
  rule: ruleOut.nullable(),
  suggested: z.enum(ACCEPTANCE_DECISIONS).nullable(),
  decisions: z.array(z.object({
    id: z.uuid(),
    hearingNo: z.number().int(),
    decision: z.enum(ACCEPTANCE_DECISIONS),
    ruleResult: z.enum(ACCEPTANCE_RESULTS),
    corePercent: z.string(),
    explanation: z.string(),
    overrideReason: z.string().nullable(),
    basis: z.string(),
    fundsText: z.string(),
    decidedAt: instantOut,
  })),
  ledger: z.object({ undisbursedYuan: z.number().int(), netPaidYuan: z.number().int() }),
  /** What the caller may do now (the server checks again). */
  actions: z.array(z.enum(['uploadMaterial', 'apply', 'commitPanel', 'drawPanel', 'decide', 'resubmit', 'returnApplication'])),
});
export type AcceptanceView = z.infer<typeof acceptanceResponse>;

export const expertAcceptanceItem = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  projectNo: z.string(),
  title: z.string(),
  organisationName: z.string(),
  hearingNo: z.number().int(),
  status: z.enum(['draft', 'submitted']),
  submittedAt: instantOut.nullable(),
});
export const expertAcceptanceListResponse = itemsOf(expertAcceptanceItem);

export const expertAcceptanceReviewResponse = expertAcceptanceItem.extend({
  opinion: z.string(),
  summary: z.string(),
  indicators: z.array(acceptanceIndicatorOut.extend({ verdict: z.object({ met: z.boolean(), achievedValue: z.string(), evidence: z.string() }).nullable() })),
  materials: z.array(materialOut),
  editable: z.boolean(),
});
export type ExpertAcceptanceReview = z.infer<typeof expertAcceptanceReviewResponse>;
