/**
 * Acceptance (验收 / 结题) as rules: when a project may apply, which materials it hands in, how a panel's
 * indicator-by-indicator findings become one finding per indicator, and how the share of core indicators met
 * decides 通过 / 结题 / 复议 / 不通过, exactly (integer comparisons, never a float). Also the one rectification
 * (整改) and what the outcome does to the project's remaining funds. Thresholds come from the post-award
 * settings (projects/settings.ts); their defaults are platform settings, not seed rules.
 */
import { addMonths } from './dates.js';
import type { PostAwardSettings } from './settings.js';
import { ratioPercent } from '../monitoring/decimal.js';
import { formatPercent } from '../monitoring/display.js';
import type { DecimalString } from '../monitoring/types.js';

// ── Application window ─────────────────────────────────────────────────────────────────────────────

export const ACCEPTANCE_TIMINGS = ['early', 'onTime', 'late'] as const;
export type AcceptanceTiming = (typeof ACCEPTANCE_TIMINGS)[number];
export const ACCEPTANCE_TIMING_LABELS: Record<AcceptanceTiming, string> = {
  early: '提前申请验收（提前完成，须说明理由，科技局可不予受理）',
  onTime: '按期申请验收',
  late: '逾期申请验收（超过申请期限，须由科技局说明理由后受理）',
};

export interface AcceptanceWindow {
  /** The effective end date: from this day on an application is on time. */
  opensOn: string;
  /** Last day of the window: effective end + acceptanceWindowMonths. */
  closesOn: string;
}

export function acceptanceWindow(effectiveEnd: string, settings: Pick<PostAwardSettings, 'acceptanceWindowMonths'>): AcceptanceWindow {
  return { opensOn: effectiveEnd, closesOn: addMonths(effectiveEnd, settings.acceptanceWindowMonths) };
}

/** Early before the effective end, late after the window's last day, otherwise on time (dates YYYY-MM-DD). */
export function acceptanceTiming(today: string, window: AcceptanceWindow): AcceptanceTiming {
  if (today < window.opensOn) return 'early';
  if (today > window.closesOn) return 'late';
  return 'onTime';
}

/** What the application must carry given its timing: an early one its reason (提前完成的理由). */
export function applicationProblems(timing: AcceptanceTiming, input: { earlyReason?: string | null }): { field: string; message: string }[] {
  if (timing === 'early' && (input.earlyReason ?? '').trim().length < 4) return [{ field: 'earlyReason', message: '提前申请验收须说明提前完成的理由（不少于4个字）' }];
  return [];
}

// ── Materials ──────────────────────────────────────────────────────────────────────────────────────

export const ACCEPTANCE_MATERIAL_KINDS = ['workSummary', 'technicalReport', 'financialStatement', 'auditReport', 'resultsEvidence', 'other'] as const;
export type AcceptanceMaterialKind = (typeof ACCEPTANCE_MATERIAL_KINDS)[number];
export const ACCEPTANCE_MATERIALS: Record<AcceptanceMaterialKind, { label: string; required: boolean; hint: string }> = {
  workSummary: { label: '工作总结报告', required: true, hint: '项目执行情况、目标完成情况' },
  technicalReport: { label: '技术报告', required: true, hint: '逐项说明考核指标的完成值及证明' },
  financialStatement: { label: '经费决算表', required: true, hint: '按预算科目和资金来源列示' },
  auditReport: { label: '审计报告', required: true, hint: '会计师事务所出具的专项审计报告' },
  resultsEvidence: { label: '成果证明', required: true, hint: '专利、检测报告、用户证明等' },
  other: { label: '其他材料', required: false, hint: '' },
};

/** Required kinds with no file yet, as their labels. */
export function missingMaterials(uploaded: readonly AcceptanceMaterialKind[]): AcceptanceMaterialKind[] {
  const have = new Set(uploaded);
  return ACCEPTANCE_MATERIAL_KINDS.filter((k) => ACCEPTANCE_MATERIALS[k].required && !have.has(k));
}

// ── Indicator findings ─────────────────────────────────────────────────────────────────────────────

export interface IndicatorVerdict {
  /** Position of the indicator in the task book in force. */
  index: number;
  met: boolean;
  achievedValue: string;
  evidence: string;
}

export interface PanelIndicatorFinding {
  index: number;
  met: boolean;
  metVotes: number;
  notMetVotes: number;
  /** Why the panel found as it did (a tie is explained). */
  basis: string;
}

/**
 * The panel's finding on one indicator: the majority of the experts who submitted; a tie (or no vote) is
 * not met — the undertaker has to show the indicator was met, an even split does not show it.
 */
export function panelFinding(index: number, votes: readonly boolean[]): PanelIndicatorFinding {
  const metVotes = votes.filter(Boolean).length;
  const notMetVotes = votes.length - metVotes;
  if (votes.length === 0) return { index, met: false, metVotes, notMetVotes, basis: '无专家意见，按未完成计' };
  if (metVotes === notMetVotes) return { index, met: false, metVotes, notMetVotes, basis: `${metVotes} 票完成、${notMetVotes} 票未完成，票数相同按未完成计（完成须有多数专家认定）` };
  const met = metVotes > notMetVotes;
  return { index, met, metVotes, notMetVotes, basis: `${metVotes} 票完成、${notMetVotes} 票未完成，按多数认定为${met ? '完成' : '未完成'}` };
}

/** Every indicator's finding from the submitted verdicts of each expert (verdicts[expert][*]). */
export function panelFindings(indicatorCount: number, verdicts: readonly (readonly IndicatorVerdict[])[]): PanelIndicatorFinding[] {
  return Array.from({ length: indicatorCount }, (_, i) => panelFinding(i, verdicts.flatMap((v) => v.filter((x) => x.index === i).map((x) => x.met))));
}

// ── Outcome rule ───────────────────────────────────────────────────────────────────────────────────

export const ACCEPTANCE_RESULTS = ['pass', 'conclude', 'rehear', 'fail'] as const;
export type AcceptanceResult = (typeof ACCEPTANCE_RESULTS)[number];
export const ACCEPTANCE_RESULT_LABELS: Record<AcceptanceResult, string> = { pass: '通过', conclude: '结题', rehear: '复议', fail: '不通过' };

export interface AcceptanceRule {
  result: AcceptanceResult;
  coreMet: number;
  coreTotal: number;
  allMet: number;
  allTotal: number;
  /** Exact share of core indicators met, as a DecimalString percentage with 2 places ('83.33'). */
  corePercent: DecimalString;
  /** One Chinese sentence with the fraction and the thresholds. */
  explanation: string;
}

/**
 * BL-12 outcome from the findings: share of CORE indicators met, compared exactly (coreMet·100 against
 * threshold·coreTotal): below the fail line 不通过, below the re-hearing line 复议, otherwise 通过 when every
 * indicator is met and 结题 when the core threshold is met but not all indicators. With no core indicator every
 * indicator counts as core (the task book names none).
 */
export function acceptanceRule(findings: readonly { met: boolean; core: boolean }[], settings: Pick<PostAwardSettings, 'acceptanceFailBelowPercent' | 'acceptanceRehearBelowPercent'>): AcceptanceRule {
  const hasCore = findings.some((f) => f.core);
  const core = hasCore ? findings.filter((f) => f.core) : findings;
  const coreTotal = core.length;
  const coreMet = core.filter((f) => f.met).length;
  const allTotal = findings.length;
  const allMet = findings.filter((f) => f.met).length;
  const corePercent = coreTotal === 0 ? '0.00' : ratioPercent(coreMet, coreTotal);
  const shown = `核心指标完成 ${coreMet}/${coreTotal}（${formatPercent(corePercent)}）${hasCore ? '' : '（任务书未区分核心指标，全部指标按核心计）'}`;
  const below = (pct: number) => coreTotal === 0 || coreMet * 100 < pct * coreTotal;
  let result: AcceptanceResult;
  let why: string;
  if (below(settings.acceptanceFailBelowPercent)) {
    result = 'fail';
    why = `低于不通过线 ${settings.acceptanceFailBelowPercent}%`;
  } else if (below(settings.acceptanceRehearBelowPercent)) {
    result = 'rehear';
    why = `不低于 ${settings.acceptanceFailBelowPercent}% 但低于复议线 ${settings.acceptanceRehearBelowPercent}%，须专家组复议后由科技局决定`;
  } else if (allMet === allTotal) {
    result = 'pass';
    why = `达到 ${settings.acceptanceRehearBelowPercent}%，且全部 ${allTotal} 项指标均完成`;
  } else {
    result = 'conclude';
    why = `达到 ${settings.acceptanceRehearBelowPercent}%，但全部指标完成 ${allMet}/${allTotal}，未全部完成，予以结题`;
  }
  return { result, coreMet, coreTotal, allMet, allTotal, corePercent, explanation: `${shown}，${why}：${ACCEPTANCE_RESULT_LABELS[result]}。` };
}

// ── Decisions, rectification ───────────────────────────────────────────────────────────────────────

/** What the officer records: pass → accepted, conclude → concluded, rectify → 整改, fail → failed (final), rehear → the panel hears again. */
export const ACCEPTANCE_DECISIONS = ['pass', 'conclude', 'rectify', 'fail', 'rehear'] as const;
export type AcceptanceDecision = (typeof ACCEPTANCE_DECISIONS)[number];
export const ACCEPTANCE_DECISION_LABELS: Record<AcceptanceDecision, string> = { pass: '通过', conclude: '结题', rectify: '不通过，限期整改', fail: '不通过（最终）', rehear: '复议（专家组重新评议）' };

export interface DecisionContext {
  rule: AcceptanceRule;
  /** The one rectification has been used (a second failure is final). */
  rectificationUsed: boolean;
  /** The panel has already re-heard (复议) once. */
  reheard: boolean;
}

/**
 * The decision the rule suggests: 不通过 on a first failure means 整改 (once), afterwards final; 复议 goes back
 * to the panel once, and after the re-hearing the officer decides — the suggestion is then 结题, the closer of
 * the two outcomes the share allows (the officer may record another with a reason).
 */
export function suggestedDecision(c: DecisionContext): AcceptanceDecision {
  switch (c.rule.result) {
    case 'pass': return 'pass';
    case 'conclude': return 'conclude';
    case 'rehear': return c.reheard ? 'conclude' : 'rehear';
    case 'fail': return c.rectificationUsed ? 'fail' : 'rectify';
  }
}

/** Decisions not allowed in the context, with why (Chinese). */
export function decisionRefusal(decision: AcceptanceDecision, c: DecisionContext): string | null {
  if (decision === 'rectify' && c.rectificationUsed) return '整改机会已用过一次，再次不通过即为最终结论。';
  if (decision === 'rehear' && c.reheard) return '专家组已复议过一次，请科技局作出结论。';
  return null;
}

/** Last day to resubmit after a rectification is ordered. */
export function rectificationDeadline(decidedOn: string, settings: Pick<PostAwardSettings, 'rectificationMonths'>): string {
  return addMonths(decidedOn, settings.rectificationMonths);
}

// ── Funds ──────────────────────────────────────────────────────────────────────────────────────────

export type FundsConsequence =
  | { kind: 'keep'; releaseYuan: number; text: string }
  | { kind: 'release'; releaseYuan: number; text: string }
  | { kind: 'recover'; releaseYuan: number; owedYuan: number; text: string }
  | { kind: 'none'; releaseYuan: 0; text: string };

/**
 * What an outcome does to the remaining funds. Passed or concluded: under 包干制 (P315-4) or where the programme
 * keeps the surplus with the unit, nothing is taken back; otherwise the undisbursed commitment is released.
 * Failed: the undisbursed commitment is released and `owedYuan` of what was paid ordered back (orderRecovery).
 */
export function fundsConsequence(decision: AcceptanceDecision, input: { lumpSum: boolean; programmeKeepsSurplus: boolean; undisbursedYuan: number; owedYuan?: number }, formatWan: (yuan: number) => string): FundsConsequence {
  if (decision === 'pass' || decision === 'conclude') {
    if (input.lumpSum || input.programmeKeepsSurplus) {
      return { kind: 'keep', releaseYuan: 0, text: `${input.lumpSum ? '经费包干制（P315-4）' : '按计划规定'}：结余资金留归承担单位${input.undisbursedYuan > 0 ? `，尚未拨付的 ${formatWan(input.undisbursedYuan)} 继续按计划拨付` : ''}。` };
    }
    return { kind: 'release', releaseYuan: input.undisbursedYuan, text: input.undisbursedYuan > 0 ? `收回尚未拨付的承诺 ${formatWan(input.undisbursedYuan)}。` : '项目承诺已全部拨付，无需收回。' };
  }
  if (decision === 'fail') {
    const owed = input.owedYuan ?? 0;
    return { kind: 'recover', releaseYuan: input.undisbursedYuan, owedYuan: owed, text: `验收不通过：收回尚未拨付的承诺 ${formatWan(input.undisbursedYuan)}，责令退回已拨付资金 ${formatWan(owed)}。` };
  }
  return { kind: 'none', releaseYuan: 0, text: '资金暂不变动。' };
}

// ── Panel draw ─────────────────────────────────────────────────────────────────────────────────────

/** The one "field" every panel candidate shares: a panel draw is one part, so the engine solves it whole. */
export const PANEL_FIELD = 'acceptance-panel';

/**
 * Cap q on any one expert's chance of being drawn: ½ as in review (no expert is a near-certain pick), or, when
 * the eligible pool is smaller than twice the panel, the smallest cap that can still fill it (k/n rounded up to
 * the engine's 1/65536 units) — then the draw is close to uniform over the whole pool.
 */
export function panelDrawCap(k: number, eligible: number): { numerator: number; denominator: number } {
  if (k <= 0 || eligible < k) throw new RangeError('可抽取的专家少于专家组人数');
  if (2 * k <= eligible) return { numerator: 1, denominator: 2 };
  const units = Math.min(65536, Math.ceil((k * 65536) / eligible));
  return { numerator: units, denominator: 65536 };
}
