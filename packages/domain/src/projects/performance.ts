/**
 * Performance evaluation (绩效评价, BL-12, P315-4 分类评价): a closed project is scored against its task book by the
 * weights of its class (the NB-3 task type), each indicator's achieved value against its target, and officer-scored
 * components; the total (exact integer centi-points) gives the grade. A lump-sum (包干制) project is judged on its
 * outcomes only: its budget-execution and management components do not count.
 * The weights, the thresholds and the components are platform settings (the seeds name none of them).
 */
import { z } from 'zod';
import { instantOut } from '../common/responses.js';
import { TASK_TYPES, TASK_TYPE_LABELS, type TaskType } from '../applications/content.js';
import { decimalToScaled, isDecimalString } from '../monitoring/decimal.js';
import type { TaskBookContent } from './task-book.js';
import { parseTarget } from './task-book-checks.js';

export const PERFORMANCE_COMPONENTS = ['technical', 'economic', 'benefit', 'budget', 'management'] as const;
export type PerformanceComponent = (typeof PERFORMANCE_COMPONENTS)[number];
export const PERFORMANCE_COMPONENT_LABELS: Record<PerformanceComponent, string> = {
  technical: '技术指标完成度',
  economic: '经济指标完成度',
  benefit: '成果与效益（知识产权、标准、转化应用）',
  budget: '预算执行',
  management: '组织管理',
};
/** Outcome components: the only ones a lump-sum (包干制) project is scored on. */
export const OUTCOME_COMPONENTS: readonly PerformanceComponent[] = ['technical', 'economic', 'benefit'];
/** Components an officer scores; the indicator ones are computed from achieved values. */
export const OFFICER_SCORED_COMPONENTS = ['benefit', 'budget', 'management'] as const;
export type OfficerScoredComponent = (typeof OFFICER_SCORED_COMPONENTS)[number];

export const PERFORMANCE_CLASSES = [...TASK_TYPES, 'general'] as const;
export type PerformanceClass = (typeof PERFORMANCE_CLASSES)[number];
export const PERFORMANCE_CLASS_LABELS: Record<PerformanceClass, string> = { ...TASK_TYPE_LABELS, general: '通用（未标明任务类型）' };

/**
 * Weights (percent, sum 100) per class: a platform setting, not from the seeds. Technology projects weigh technical
 * indicators most, transfer and demonstration projects economic results (P315-4 classified evaluation).
 */
export const PERFORMANCE_WEIGHTS: Record<PerformanceClass, Record<PerformanceComponent, number>> = {
  commonTechnology: { technical: 40, economic: 10, benefit: 20, budget: 15, management: 15 },
  strategicProduct: { technical: 30, economic: 20, benefit: 20, budget: 15, management: 15 },
  achievementTransfer: { technical: 20, economic: 30, benefit: 20, budget: 15, management: 15 },
  demonstration: { technical: 25, economic: 25, benefit: 20, budget: 15, management: 15 },
  general: { technical: 30, economic: 20, benefit: 20, budget: 15, management: 15 },
};
export const PERFORMANCE_WEIGHTS_LABEL = '分类评价权重（%，按 NB-3 任务类型；平台设置，种子文件未规定）';

export const PERFORMANCE_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type PerformanceGrade = (typeof PERFORMANCE_GRADES)[number];
export const PERFORMANCE_GRADE_LABELS: Record<PerformanceGrade, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };
/** Lower bounds in centi-points (90.00 / 80.00 / 60.00): a platform setting, not from the seeds. */
export const PERFORMANCE_GRADE_FLOORS_CENTI: Record<Exclude<PerformanceGrade, 'fail'>, number> = { excellent: 9000, good: 8000, pass: 6000 };
export const PERFORMANCE_GRADES_LABEL = '等级线：优秀 ≥ 90 分，良好 ≥ 80 分，合格 ≥ 60 分，其余不合格（平台设置，种子文件未规定）';

export function performanceGrade(totalCenti: number): PerformanceGrade {
  if (totalCenti >= PERFORMANCE_GRADE_FLOORS_CENTI.excellent) return 'excellent';
  if (totalCenti >= PERFORMANCE_GRADE_FLOORS_CENTI.good) return 'good';
  if (totalCenti >= PERFORMANCE_GRADE_FLOORS_CENTI.pass) return 'pass';
  return 'fail';
}

export function performanceClassOf(taskType: string | null | undefined): PerformanceClass {
  return (TASK_TYPES as readonly string[]).includes(taskType ?? '') ? (taskType as TaskType) : 'general';
}

/** Centi-points as shown ('87.25'): review's one exact formatter (review/format.ts formatCenti). */
export { formatCenti as formatCentiPoints } from '../review/format.js';

/**
 * The number in an indicator's text ('≥ 95%' → '95') read by the task book's one target parser (parseTarget), as a
 * decimal string; null when the text is not one number.
 */
function indicatorNumber(text: string): string | null {
  const p = parseTarget(text);
  if (!p.numeric) return null;
  const { int, scale } = p.value;
  const digits = (int < 0n ? -int : int).toString().padStart(scale + 1, '0');
  const d = `${int < 0n ? '-' : ''}${scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits}`;
  return isDecimalString(d) ? d : null;
}

export interface IndicatorAchievement {
  /** Numerator and denominator of the achievement ratio, capped at 1 (BigInt as strings for JSON). */
  num: bigint;
  den: bigint;
  how: 'numeric' | 'judged';
}

/**
 * One indicator's achievement: achieved/target for a higher-is-better target, target/achieved for a lower-is-better
 * one (≤, 不超过 …), capped at 1 and at least 0; a target or value without a number is judged met or not by the
 * officer. Null when neither is possible (a text target with no judgement).
 */
export function indicatorAchievement(target: string, achieved: string, met: boolean | null | undefined): IndicatorAchievement | null {
  const t = indicatorNumber(target);
  const a = indicatorNumber(achieved);
  if (t !== null && a !== null) {
    const ts = decimalToScaled(t);
    const as = decimalToScaled(a);
    const parsed = parseTarget(target);
    const lower = parsed.numeric && parsed.lowerIsBetter;
    let num = lower ? ts : as;
    let den = lower ? as : ts;
    if (den <= 0n) return { num: 1n, den: 1n, how: 'numeric' };
    if (num < 0n) num = 0n;
    if (num > den) [num, den] = [1n, 1n];
    return { num, den, how: 'numeric' };
  }
  if (met === true || met === false) return { num: met ? 1n : 0n, den: 1n, how: 'judged' };
  return null;
}

/** floor(10000 × mean of the ratios): the mean achievement in centi-points, exactly. */
export function meanCenti(ratios: readonly { num: bigint; den: bigint }[]): number {
  if (ratios.length === 0) return 0;
  let num = 0n;
  let den = 1n;
  for (const r of ratios) {
    num = num * r.den + r.num * den;
    den = den * r.den;
  }
  return Number((10000n * num) / (den * BigInt(ratios.length)));
}

const centi = (label: string) => z.number({ error: `${label}须为数字` }).int(`${label}以0.01分为单位的整数表示`).min(0, `${label}不能小于0`).max(10000, `${label}不能大于100分`);

export const performanceInput = z.object({
  /** One entry per task-book indicator, by its position in the task book in force. */
  indicators: z.array(z.object({
    index: z.number({ error: '指标序号须为数字' }).int().min(0).max(99),
    achieved: z.string({ error: '请填写实际完成值' }).trim().max(100, '实际完成值不超过100字'),
    met: z.boolean().nullish(),
  })).max(100),
  /** Officer-scored components in centi-points (85.50 分 = 8550); budget and management are ignored for a lump-sum project. */
  scores: z.object({ benefit: centi('成果与效益得分'), budget: centi('预算执行得分').nullish(), management: centi('组织管理得分').nullish() }),
  comment: z.string({ error: '请填写评价意见' }).trim().min(1, '请填写评价意见').max(2000, '评价意见不超过2000字'),
});
export type PerformanceInput = z.infer<typeof performanceInput>;

export interface PerformanceProblem {
  field: string;
  message: string;
}

export interface PerformanceResult {
  classKey: PerformanceClass;
  lumpSum: boolean;
  indicators: { index: number; kind: string; name: string; unit: string; target: string; achieved: string; met: boolean | null; how: 'numeric' | 'judged'; achievementCenti: number; core: boolean }[];
  components: { key: PerformanceComponent; weight: number; scoreCenti: number; counted: boolean; basis: string }[];
  totalCenti: number;
  grade: PerformanceGrade;
}

/**
 * Scores an evaluation: per-indicator achievement, the indicator components, the officer's components, the
 * weighted total over the components that count (floor to the centi-point, exact), and the grade. Problems (an
 * indicator without a value, a missing score) are returned instead of a result.
 */
export function evaluatePerformance(indicators: TaskBookContent['indicators'], classKey: PerformanceClass, lumpSum: boolean, input: PerformanceInput): { ok: true; result: PerformanceResult } | { ok: false; problems: PerformanceProblem[] } {
  const problems: PerformanceProblem[] = [];
  const byIndex = new Map(input.indicators.map((e) => [e.index, e]));
  for (const e of input.indicators) if (e.index >= indicators.length) problems.push({ field: `indicators.${e.index}`, message: `任务书中没有第${e.index + 1}项指标` });
  const rows: PerformanceResult['indicators'] = [];
  const ratios: Record<'technical' | 'economic', { num: bigint; den: bigint }[]> = { technical: [], economic: [] };
  indicators.forEach((ind, index) => {
    const e = byIndex.get(index);
    const achievement = e ? indicatorAchievement(ind.targetValue, e.achieved, e.met) : null;
    if (!e || achievement === null) {
      problems.push({ field: `indicators.${index}`, message: `指标「${ind.name}」${e ? '的目标或完成值不是数值，请判断是否达到' : '须填写实际完成值'}` });
      return;
    }
    ratios[ind.kind].push(achievement);
    rows.push({ index, kind: ind.kind, name: ind.name, unit: ind.unit, target: ind.targetValue, achieved: e.achieved, met: e.met ?? null, how: achievement.how, achievementCenti: meanCenti([achievement]), core: ind.core });
  });
  const weights = PERFORMANCE_WEIGHTS[classKey];
  const officer = input.scores;
  if (!lumpSum) {
    if (officer.budget === null || officer.budget === undefined) problems.push({ field: 'scores.budget', message: '请填写预算执行得分' });
    if (officer.management === null || officer.management === undefined) problems.push({ field: 'scores.management', message: '请填写组织管理得分' });
  }
  if (problems.length) return { ok: false, problems };
  const components: PerformanceResult['components'] = PERFORMANCE_COMPONENTS.map((key) => {
    if (key === 'technical' || key === 'economic') {
      const list = ratios[key];
      return { key, weight: weights[key], scoreCenti: meanCenti(list), counted: list.length > 0, basis: list.length ? `${list.length}项${key === 'technical' ? '技术' : '经济'}指标完成度的平均值` : '任务书没有此类指标，不计入' };
    }
    const counted = !lumpSum || OUTCOME_COMPONENTS.includes(key);
    return { key, weight: weights[key], scoreCenti: counted ? (officer[key] ?? 0) : 0, counted, basis: counted ? '经办人评分' : '包干制项目只评价产出与效果，不计入' };
  });
  const counted = components.filter((c) => c.counted);
  const weightSum = counted.reduce((s, c) => s + c.weight, 0);
  const totalCenti = weightSum === 0 ? 0 : Number(counted.reduce((s, c) => s + BigInt(c.weight) * BigInt(c.scoreCenti), 0n) / BigInt(weightSum));
  return { ok: true, result: { classKey, lumpSum, indicators: rows, components, totalCenti, grade: performanceGrade(totalCenti) } };
}

export const PERFORMANCE_ELIGIBLE_STATES = ['accepting', 'acceptanceRectifying', 'accepted', 'concluded', 'failed', 'terminated'] as const;

export const performanceEvaluationResponse = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  projectNo: z.string(),
  projectTitle: z.string(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  leaderName: z.string(),
  /** Masked for everyone. */
  leaderIdShown: z.string().nullable(),
  projectState: z.string(),
  classKey: z.enum(PERFORMANCE_CLASSES),
  lumpSum: z.boolean(),
  indicators: z.array(z.object({ index: z.number().int(), kind: z.string(), name: z.string(), unit: z.string(), target: z.string(), achieved: z.string(), met: z.boolean().nullable(), how: z.enum(['numeric', 'judged']), achievementCenti: z.number().int(), core: z.boolean() })),
  components: z.array(z.object({ key: z.enum(PERFORMANCE_COMPONENTS), weight: z.number().int(), scoreCenti: z.number().int(), counted: z.boolean(), basis: z.string() })),
  totalCenti: z.number().int(),
  grade: z.enum(PERFORMANCE_GRADES),
  comment: z.string(),
  evaluatedBy: z.string(),
  evaluatedAt: instantOut,
});
export type PerformanceEvaluationView = z.infer<typeof performanceEvaluationResponse>;

export const projectPerformanceResponse = z.object({
  evaluation: performanceEvaluationResponse.nullable(),
  /** What the form is built from: the class, its weights, the task book's indicators, whether an evaluation may be recorded now. */
  classKey: z.enum(PERFORMANCE_CLASSES),
  lumpSum: z.boolean(),
  weights: z.object({ technical: z.number().int(), economic: z.number().int(), benefit: z.number().int(), budget: z.number().int(), management: z.number().int() }),
  indicators: z.array(z.object({ index: z.number().int(), kind: z.string(), name: z.string(), unit: z.string(), target: z.string(), core: z.boolean() })),
  canRecord: z.boolean(),
  /** Why not, when it may not be recorded now. */
  reason: z.string().nullable(),
});
export type ProjectPerformance = z.infer<typeof projectPerformanceResponse>;
