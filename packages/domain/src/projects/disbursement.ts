/**
 * Disbursement (拨付) of a project's fiscal money in instalments. Default: two instalments — the first at least
 * `firstInstalmentMinPercent` of the fiscal amount once the task book is signed, the rest after a passed stage
 * check (mid-term 合格; where no mid-term check is required, an officer-recorded 阶段检查 pass). Amounts are
 * integer 元 and always sum to the approved fiscal amount; the officer may edit the schedule, and the edit is
 * checked here. Whether an instalment may be paid now is decided here too, so the server and the web agree.
 */
import { floorRatio, formatWan } from '../programmes/money.js';
import { PAYABLE_PROJECT_STATES, PROJECT_STATE_LABELS, type ProjectState } from './lifecycle.js';
import type { PostAwardSettings } from './settings.js';

/** What must have happened before an instalment may be paid. */
export const INSTALMENT_CONDITIONS = ['signed', 'stageCheck'] as const;
export type InstalmentCondition = (typeof INSTALMENT_CONDITIONS)[number];
export const INSTALMENT_CONDITION_LABELS: Record<InstalmentCondition, string> = {
  signed: '任务书签订后',
  stageCheck: '阶段检查合格后',
};
export const INSTALMENT_CONDITION_DETAILS: Record<InstalmentCondition, string> = {
  signed: '任务书经各方签订生效后拨付',
  stageCheck: '中期检查合格后拨付；无须中期检查的项目，经科技局阶段检查通过后拨付（第 n 期阶段检查款须第 n 次合格）',
};

export const STAGE_CHECK_RESULTS = ['pass', 'fail'] as const;
export type StageCheckResult = (typeof STAGE_CHECK_RESULTS)[number];
export const STAGE_CHECK_RESULT_LABELS: Record<StageCheckResult, string> = { pass: '合格', fail: '不合格' };

/** A schedule longer than this is a data-entry slip, not a plan. */
export const MAX_INSTALMENTS = 6;

export interface Instalment {
  amountYuan: number;
  condition: InstalmentCondition;
  note: string;
}

/**
 * The least first instalment: the setting's percentage of the fiscal amount, rounded UP to the 元 — "at least
 * 60%" is never satisfied by a whole-元 amount below 60%. The default schedule takes exactly this, so it always
 * passes its own check.
 */
export function minimumFirstInstalment(fiscalYuan: number, minPercent: number): number {
  const floor = floorRatio(fiscalYuan, { num: minPercent, den: 100 });
  return BigInt(floor) * 100n < BigInt(fiscalYuan) * BigInt(minPercent) ? floor + 1 : floor;
}

/** The default schedule: first = min percent (rounded up to the 元), the last takes the remainder; one instalment when nothing remains. */
export function defaultDisbursementSchedule(fiscalYuan: number, settings: Pick<PostAwardSettings, 'firstInstalmentMinPercent'>): Instalment[] {
  const first = minimumFirstInstalment(fiscalYuan, settings.firstInstalmentMinPercent);
  if (first <= 0 || first >= fiscalYuan) return [{ amountYuan: fiscalYuan, condition: 'signed', note: '' }];
  return [
    { amountYuan: first, condition: 'signed', note: `首笔，不低于财政经费的${settings.firstInstalmentMinPercent}%` },
    { amountYuan: fiscalYuan - first, condition: 'stageCheck', note: '余款' },
  ];
}

export interface FieldProblem {
  field: string;
  message: string;
}

export interface ScheduleRules {
  fiscalYuan: number;
  minPercent: number;
  /** Instalments already paid, by number (1-based): they cannot change. */
  paid: readonly { instalmentNo: number; amountYuan: number; condition: InstalmentCondition }[];
}

/** Why an edited schedule is refused (empty when it is sound), each in Chinese with the field it concerns. */
export function scheduleProblems(instalments: readonly Instalment[], rules: ScheduleRules): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (instalments.length === 0) return [{ field: 'instalments', message: '拨付计划至少要有一期' }];
  if (instalments.length > MAX_INSTALMENTS) out.push({ field: 'instalments', message: `拨付计划最多${MAX_INSTALMENTS}期` });
  instalments.forEach((x, i) => {
    if (!Number.isSafeInteger(x.amountYuan) || x.amountYuan <= 0) out.push({ field: `instalments.${i}.amountYuan`, message: `第${i + 1}期金额须为大于0的整数元` });
    if (!INSTALMENT_CONDITIONS.includes(x.condition)) out.push({ field: `instalments.${i}.condition`, message: `第${i + 1}期拨付条件无效` });
  });
  if (instalments[0]!.condition !== 'signed') out.push({ field: 'instalments.0.condition', message: '第1期须在任务书签订后拨付' });
  instalments.forEach((x, i) => {
    if (i > 0 && x.condition === 'signed' && instalments[i - 1]!.condition === 'stageCheck') {
      out.push({ field: `instalments.${i}.condition`, message: `第${i + 1}期：签订后拨付的款项不能排在阶段检查款之后` });
    }
  });
  if (out.some((p) => p.field.endsWith('amountYuan'))) return out;
  const sum = instalments.reduce((s, x) => s + x.amountYuan, 0);
  if (sum !== rules.fiscalYuan) {
    out.push({ field: 'instalments', message: `各期合计 ${formatWan(sum)}，须等于财政经费 ${formatWan(rules.fiscalYuan)}（${sum > rules.fiscalYuan ? '多' : '少'} ${formatWan(Math.abs(sum - rules.fiscalYuan))}）` });
  }
  const min = minimumFirstInstalment(rules.fiscalYuan, rules.minPercent);
  if (instalments[0]!.amountYuan < min) {
    out.push({ field: 'instalments.0.amountYuan', message: `第1期不能低于财政经费的${rules.minPercent}%，即 ${formatWan(min)}` });
  }
  for (const p of rules.paid) {
    const x = instalments[p.instalmentNo - 1];
    if (!x) out.push({ field: 'instalments', message: `第${p.instalmentNo}期已拨付，不能删除` });
    else if (x.amountYuan !== p.amountYuan || x.condition !== p.condition) {
      out.push({ field: `instalments.${p.instalmentNo - 1}.amountYuan`, message: `第${p.instalmentNo}期已拨付 ${formatWan(p.amountYuan)}，金额和条件不能修改` });
    }
  }
  return out;
}

export interface DisbursementFacts {
  state: ProjectState;
  /** Fiscal amount at or above the setting: only a mid-term 合格 counts as the stage check. */
  midtermRequired: boolean;
  /** Times the project passed a mid-term check (state.midtermPass). */
  midtermPasses: number;
  /** Officer-recorded 阶段检查 passes. */
  stageCheckPasses: number;
  /** Numbers (1-based) of the instalments already paid. */
  paid: ReadonlySet<number>;
}

/** Passed stage checks that count for stage-check instalments. */
export function stageChecksPassed(f: Pick<DisbursementFacts, 'midtermRequired' | 'midtermPasses' | 'stageCheckPasses'>): number {
  return f.midtermRequired ? f.midtermPasses : f.midtermPasses + f.stageCheckPasses;
}

export const INSTALMENT_STATUSES = ['paid', 'payable', 'waiting', 'stopped'] as const;
export type InstalmentStatus = (typeof INSTALMENT_STATUSES)[number];
export const INSTALMENT_STATUS_LABELS: Record<InstalmentStatus, string> = { paid: '已拨付', payable: '可拨付', waiting: '条件未满足', stopped: '停止拨付' };

export interface InstalmentState {
  status: InstalmentStatus;
  /** One Chinese sentence: why it may or may not be paid now. */
  text: string;
}

const CLOSED_NO_PAY: readonly ProjectState[] = ['accepted', 'concluded', 'failed', 'terminated', 'revoked'];

/** Whether instalment `no` (1-based) may be paid now, and why not. */
export function instalmentState(schedule: readonly Instalment[], no: number, f: DisbursementFacts): InstalmentState {
  const x = schedule[no - 1];
  if (!x) return { status: 'stopped', text: `拨付计划没有第${no}期` };
  if (f.paid.has(no)) return { status: 'paid', text: '已拨付' };
  if (CLOSED_NO_PAY.includes(f.state)) return { status: 'stopped', text: `项目${PROJECT_STATE_LABELS[f.state]}，停止拨付` };
  if (x.condition === 'signed' && f.state === 'approved') return { status: 'waiting', text: '待任务书签订生效' };
  if (x.condition === 'stageCheck') {
    const k = schedule.slice(0, no).filter((s) => s.condition === 'stageCheck').length;
    const passed = stageChecksPassed(f);
    if (passed < k) {
      const which = f.midtermRequired ? '中期检查合格（本项目须中期检查，阶段检查不能代替）' : '阶段检查合格（中期检查合格或阶段检查通过）';
      return { status: 'waiting', text: k === 1 ? `待${which}` : `待第${k}次${which}；已合格 ${passed} 次` };
    }
  }
  const earlier = schedule.findIndex((_, i) => i < no - 1 && !f.paid.has(i + 1));
  if (earlier >= 0) return { status: 'waiting', text: `条件已满足，待第${earlier + 1}期拨付后按序拨付` };
  if (!PAYABLE_PROJECT_STATES.includes(f.state)) return { status: 'stopped', text: `项目当前为「${PROJECT_STATE_LABELS[f.state]}」，不能拨付` };
  return { status: 'payable', text: '条件已满足，可拨付' };
}

/** Chinese reason a paid date is refused, or null: not in the future, not before approval. */
export function paidDateProblem(paidDate: string, today: string, approvedDay: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(paidDate)) return '拨付日期格式须为 YYYY-MM-DD';
  if (paidDate > today) return `拨付日期不能晚于今天（${today}）`;
  if (paidDate < approvedDay) return `拨付日期不能早于立项日期（${approvedDay}）`;
  return null;
}

/** 逾期: an open recovery past its due date (the due day itself is still in time). */
export function recoveryOverdue(r: { status: string; dueDate: string }, today: string): boolean {
  return r.status === 'open' && today > r.dueDate;
}
