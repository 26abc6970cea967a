/**
 * The mechanical check of a task book (任务书) against its baseline, before it may be frozen for signing: the
 * first version against what the application committed to (taskBookFromApplication), a supplement against the
 * version in force. Indicators may not be lower, the content may not shrink, the fiscal lines sum to the approved
 * amount with the project's city/district shares (NB-7), and the dates stay within five years (NB-2). An approved
 * change of indicators or content lifts exactly the rules it changes (the caller passes the allowance).
 * Numbers are compared as exact decimals (BigInt), never as floats.
 */
import { BUDGET_SUBJECT_LABELS } from '../applications/content.js';
import { durationMonths } from '../applications/checks.js';
import { formatWan } from '../programmes/money.js';
import type { TaskBookContent } from './task-book.js';

export interface TaskBookProblem {
  /** Path of the field it concerns, e.g. `indicators.2.targetValue` (the same form as problem+json `errors[].field`). */
  field: string;
  message: string;
  /** POLICY.md rule it enforces, where there is one. */
  rule?: string;
}

/** What an approved change (项目变更) allows a supplement to differ in; absent = nothing beyond the rules. */
export interface TaskBookAllowedChanges {
  /** An approved change of assessment indicators: targets may be lowered, indicators removed, core marks changed. */
  indicators?: boolean;
  /** An approved change of research content / technical route: sections, yearly plan, topics, partners may shrink. */
  content?: boolean;
  /** An approved extension: the period may run past NB-2's five years. */
  period?: boolean;
}

export interface TaskBookCheckInput {
  content: TaskBookContent;
  baseline: TaskBookContent;
  /** 'application' for the first version (every indicator is core there, so core marks are the officer's to set). */
  baselineKind: 'application' | 'inForce';
  /** The project as it stands: what the task book must name and split. */
  project: { projectNo: string; approvedAmountYuan: number; fiscalCityYuan: number; fiscalDistrictYuan: number; undertaker: { name: string; creditCode: string } };
  allowed?: TaskBookAllowedChanges;
  /** NB-2: at most this many months (default 60). */
  maxMonths?: number;
}

// ── exact decimals ────────────────────────────────────────────────────────────────────────────────────────────

/** A decimal as an integer and a power of ten: value = int / 10^scale. */
export interface ExactDecimal { int: bigint; scale: number }

/** Parses `-12`, `3.50`, `1,000.25`, `１２` (full-width) exactly; null if it is not one plain number. */
export function parseExactDecimal(text: string): ExactDecimal | null {
  const t = toHalfWidth(text).replace(/[,，]/g, '').trim();
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return null;
  const frac = m[3] ?? '';
  const int = BigInt(`${m[2]}${frac}`) * (m[1] === '-' ? -1n : 1n);
  return { int, scale: frac.length };
}

export function compareExactDecimal(a: ExactDecimal, b: ExactDecimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const x = a.int * 10n ** BigInt(scale - a.scale);
  const y = b.int * 10n ** BigInt(scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

// ── targets ───────────────────────────────────────────────────────────────────────────────────────────────────

// Negated forms first (不低于 contains 低于, 不超过 contains 超过): each becomes one direction mark.
const HIGHER_NEGATED = /不低于|不少于|不小于/g;
const LOWER_NEGATED = /不高于|不超过|不大于|不多于/g;
const LOWER_WORDS = /[≤＜<↓]|以下|以内|低于|小于|少于|至多|最多/;

/** A target as written: one number with its direction (≤ / 不高于 / 以下 … mean lower is better), or text. */
export type ParsedTarget = { numeric: true; value: ExactDecimal; lowerIsBetter: boolean } | { numeric: false; text: string };

export function parseTarget(target: string): ParsedTarget {
  const t = toHalfWidth(target).trim().replace(/(\d),(?=\d{3})/g, '$1');
  // A range, a product or a power (10-20, 1×10^6) is not one number: compared as text.
  const numbers = [...t.matchAll(/(^|[^\d.])([+-]?)(\d+(?:\.\d+)?)/g)];
  if (numbers.length !== 1) return { numeric: false, text: t.replace(/\s+/g, '') };
  const [, , sign = '', digits = ''] = numbers[0]!;
  const value = parseExactDecimal(`${sign === '-' ? '-' : ''}${digits}`)!;
  const marks = t.replace(HIGHER_NEGATED, '↑').replace(LOWER_NEGATED, '↓');
  return { numeric: true, value, lowerIsBetter: LOWER_WORDS.test(marks) };
}

/** Whether `next` is at least as demanding as `base`; the reason in Chinese when not. */
export function targetNotLower(base: string, next: string): { ok: true } | { ok: false; reason: string } {
  const b = parseTarget(base);
  const n = parseTarget(next);
  if (!b.numeric) {
    return !n.numeric && n.text === b.text ? { ok: true } : { ok: false, reason: `非数值目标不得更改（原为「${base}」）` };
  }
  if (!n.numeric) return { ok: false, reason: `目标值须为数值（原为「${base}」）` };
  if (n.lowerIsBetter !== b.lowerIsBetter) return { ok: false, reason: `目标方向不得更改（原为「${base}」）` };
  const c = compareExactDecimal(n.value, b.value);
  if (b.lowerIsBetter ? c > 0 : c < 0) return { ok: false, reason: `目标值低于原要求（原为「${base}」，现为「${next}」）` };
  return { ok: true };
}

// ── the check ─────────────────────────────────────────────────────────────────────────────────────────────────

const indicatorKey = (i: { name: string; unit: string }) => `${i.name.trim()}\u0000${i.unit.trim()}`;
const len = (s: string) => [...s.trim()].length;
const wan = (yuan: number) => `${formatWan(yuan)}元`;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (d: string) => ISO_DATE.test(d) && !Number.isNaN(new Date(`${d}T00:00:00Z`).getTime()) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/** Every problem of `content` against its baseline, each with the field it concerns; empty when it may be frozen. */
export function checkTaskBook(input: TaskBookCheckInput): TaskBookProblem[] {
  const { content: c, baseline: b, project } = input;
  const allowed = input.allowed ?? {};
  const out: TaskBookProblem[] = [];
  const add = (field: string, message: string, rule?: string) => out.push(rule ? { field, message, rule } : { field, message });

  // Identity: what the project is, not the officer's to edit.
  if (c.projectNo !== project.projectNo) add('projectNo', `立项编号须为 ${project.projectNo}`);
  if (c.parties.undertaker.name !== project.undertaker.name || c.parties.undertaker.creditCode !== project.undertaker.creditCode) {
    add('parties.undertaker', `承担单位须为项目的承担单位「${project.undertaker.name}」`);
  }
  if (c.parties.bureau.trim() === '') add('parties.bureau', '请填写甲方（科技局）');
  if (c.parties.department !== null && c.parties.department.trim() === '') add('parties.department', '主管部门名称不能为空（没有主管部门时不填）');
  if (c.title.trim() === '') add('title', '请填写项目名称');
  if (c.leader.name.trim() === '') add('leader.name', '请填写项目负责人');

  checkIndicators(c, b, input.baselineKind, allowed, add);
  checkContent(c, b, allowed, add);
  checkMoney(c, project, add);
  checkDates(c, allowed.period ? Number.POSITIVE_INFINITY : (input.maxMonths ?? 60), add);
  return out;
}

type Add = (field: string, message: string, rule?: string) => void;

function checkIndicators(c: TaskBookContent, b: TaskBookContent, baselineKind: TaskBookCheckInput['baselineKind'], allowed: TaskBookAllowedChanges, add: Add): void {
  const seen = new Map<string, number>();
  c.indicators.forEach((i, n) => {
    if (i.name.trim() === '') add(`indicators.${n}.name`, '请填写指标名称');
    if (i.targetValue.trim() === '') add(`indicators.${n}.targetValue`, '请填写目标值');
    const k = indicatorKey(i);
    if (seen.has(k)) add(`indicators.${n}.name`, `指标「${i.name}（${i.unit}）」重复`);
    seen.set(k, n);
  });
  if (allowed.indicators) return;
  b.indicators.forEach((base) => {
    const n = seen.get(indicatorKey(base));
    if (n === undefined) {
      add(`indicators`, `不得删除${baselineKind === 'application' ? '申报书' : '现行任务书'}中的指标「${base.name}（${base.unit}）」`);
      return;
    }
    const now = c.indicators[n]!;
    const t = targetNotLower(base.targetValue, now.targetValue);
    if (!t.ok) add(`indicators.${n}.targetValue`, `指标「${base.name}」${t.reason}`);
    if (baselineKind === 'inForce' && base.core && !now.core) add(`indicators.${n}.core`, `指标「${base.name}」在现行任务书中为核心指标，不得改为非核心指标`);
  });
}

function checkContent(c: TaskBookContent, b: TaskBookContent, allowed: TaskBookAllowedChanges, add: Add): void {
  // Self-raised funding is a commitment of the unit: never reduced without an approved budget change.
  const selfRaised = (x: TaskBookContent) => x.budget.reduce((s, l) => s + l.selfRaisedYuan, 0);
  if (selfRaised(c) < selfRaised(b)) add('budget', `自筹经费合计 ${wan(selfRaised(c))}，少于原承诺的 ${wan(selfRaised(b))}`);
  if (allowed.content) return;
  if (len(c.goals) < len(b.goals)) add('goals', `研究目标不得删减（原 ${len(b.goals)} 字，现 ${len(c.goals)} 字）`);
  for (const [key, text] of Object.entries(b.sections)) {
    const now = c.sections[key];
    if (now === undefined || now.trim() === '') add(`sections.${key}`, '不得删除原有的研究内容');
    else if (len(now) < len(text)) add(`sections.${key}`, `研究内容不得删减（原 ${len(text)} 字，现 ${len(now)} 字）`);
  }
  for (const y of b.yearlyPlan) {
    const n = c.yearlyPlan.findIndex((x) => x.year === y.year);
    if (n < 0) {
      add('yearlyPlan', `不得删除${y.year}年度计划`);
      continue;
    }
    const now = c.yearlyPlan[n]!;
    if (len(now.goals) < len(y.goals)) add(`yearlyPlan.${n}.goals`, `${y.year}年度目标不得删减`);
    for (const m of y.milestones) {
      if (!now.milestones.some((x) => x.description.trim() === m.description.trim())) add(`yearlyPlan.${n}.milestones`, `不得删除${y.year}年度里程碑「${m.description}」`);
    }
  }
  const topicKey = (t: { code: string; title: string }) => t.code.trim() || t.title.trim();
  for (const t of b.topics) if (!c.topics.some((x) => topicKey(x) === topicKey(t))) add('topics', `不得删除课题「${t.code ? `${t.code} ` : ''}${t.title}」`, 'NB-8');
  const partnerKey = (p: { name: string; creditCode: string }) => p.creditCode.trim() || p.name.trim();
  for (const p of b.partners) if (!c.partners.some((x) => partnerKey(x) === partnerKey(p))) add('partners', `不得删除合作单位「${p.name}」`);
}

function checkMoney(c: TaskBookContent, project: TaskBookCheckInput['project'], add: Add): void {
  const city = c.budget.reduce((s, l) => s + l.fiscalCityYuan, 0);
  const district = c.budget.reduce((s, l) => s + l.fiscalDistrictYuan, 0);
  const subjects = new Set<string>();
  c.budget.forEach((l, n) => {
    if (subjects.has(l.subject)) add(`budget.${n}.subject`, `预算科目「${BUDGET_SUBJECT_LABELS[l.subject]}」重复`);
    subjects.add(l.subject);
  });
  if (city + district !== project.approvedAmountYuan) add('budget', `财政经费各科目合计 ${wan(city + district)}，须等于立项金额 ${wan(project.approvedAmountYuan)}`, 'NB-7');
  if (city !== project.fiscalCityYuan) add('budget', `市级财政经费合计 ${wan(city)}，须等于项目的市级分担额 ${wan(project.fiscalCityYuan)}`, 'NB-7');
  if (district !== project.fiscalDistrictYuan) add('budget', `区级财政经费合计 ${wan(district)}，须等于项目的区级分担额 ${wan(project.fiscalDistrictYuan)}`, 'NB-7');
  if (c.fiscal.totalYuan !== project.approvedAmountYuan || c.fiscal.cityYuan !== project.fiscalCityYuan || c.fiscal.districtYuan !== project.fiscalDistrictYuan) {
    add('fiscal', `财政经费须为 ${wan(project.approvedAmountYuan)}（市级 ${wan(project.fiscalCityYuan)}、区级 ${wan(project.fiscalDistrictYuan)}）`, 'NB-7');
  }
}

function checkDates(c: TaskBookContent, maxMonths: number, add: Add): void {
  const startOk = validDate(c.startDate);
  const endOk = validDate(c.endDate);
  if (!startOk) add('startDate', '请填写有效的开始日期');
  if (!endOk) add('endDate', '请填写有效的结束日期');
  if (!startOk || !endOk) return;
  if (c.endDate <= c.startDate) {
    add('endDate', '结束日期须晚于开始日期');
    return;
  }
  const months = durationMonths(c.startDate, c.endDate);
  if (months > maxMonths) add('endDate', `实施期 ${months} 个月，超过 ${maxMonths} 个月（5 年）`, 'NB-2');
  const startYear = Number(c.startDate.slice(0, 4));
  const endYear = Number(c.endDate.slice(0, 4));
  c.yearlyPlan.forEach((y, n) => {
    if (y.year < startYear || y.year > endYear) add(`yearlyPlan.${n}.year`, `${y.year}年不在实施期（${startYear}—${endYear}年）内`, 'NB-2');
    y.milestones.forEach((m, k) => {
      if (!validDate(m.date)) add(`yearlyPlan.${n}.milestones.${k}.date`, `里程碑「${m.description}」的日期无效`);
      else if (m.date < c.startDate || m.date > c.endDate) add(`yearlyPlan.${n}.milestones.${k}.date`, `里程碑「${m.description}」的日期 ${m.date} 不在实施期内`, 'NB-2');
    });
  });
}
