/**
 * Effective-dated rule sets (BL-1): which version of a programme's rules is in force at an instant, and what
 * changed between two versions, in words an officer can check against the documents.
 */
import { ORGANISATION_TYPE_LABELS, type OrganisationType } from '../organisations/schemas.js';
import { ENTERPRISE_TIER_LABELS, RULE_REF_KIND_LABELS, SELECTION_MODE_LABELS, TIER_REWARD_KIND_LABELS } from './labels.js';
import { formatRatio, formatWan } from './money.js';
import type { CategoryRule, EnterpriseTier, FieldRule, Ratio, RuleRefKind, RuleSetParameters, RuleSetVersion, SelectionMode } from './types.js';

const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day of an instant in Asia/Shanghai, 'YYYY-MM-DD'. */
export function shanghaiDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('无效的时间');
  const parts = Object.fromEntries(shanghaiDay.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** True for a real calendar day written 'YYYY-MM-DD' (2025-02-29 is not one). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The Asia/Shanghai day an argument names: a Date, a 'YYYY-MM-DD' day, or an ISO instant with an offset.
 * An ISO time without offset is refused: JavaScript would read it in the server's own time zone.
 */
export function shanghaiDayOf(at: Date | string): string {
  if (at instanceof Date) return shanghaiDate(at);
  if (isCalendarDate(at)) return at;
  if (ISO_WITH_OFFSET.test(at)) {
    const d = new Date(at);
    if (!Number.isNaN(d.getTime())) return shanghaiDate(d);
  }
  throw new RangeError(`无法识别的日期“${at}”：请使用 YYYY-MM-DD 或带时区的 ISO 时间`);
}

/**
 * The version in force at an instant (BL-1): the latest whose effectiveFrom day (from 00:00:00 Asia/Shanghai)
 * is not after the instant's Shanghai day; null before the first. Judge an application with its submission
 * instant so that a later version never changes an earlier judgement. Same-day versions (which the server's
 * unique index forbids) resolve by version string so the answer never depends on list order.
 */
export function ruleSetInForce(programme: { versions: RuleSetVersion[] }, at: Date | string): RuleSetVersion | null {
  const day = shanghaiDayOf(at);
  let best: RuleSetVersion | null = null;
  for (const v of programme.versions) {
    if (v.effectiveFrom > day) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) best = v;
  }
  return best;
}

// ---- Parameter diff -------------------------------------------------------------------------------

export interface ParameterChange {
  path: string;
  label: string;
  before: unknown;
  after: unknown;
}

const CATEGORY_KEY_LABELS: Record<Exclude<keyof CategoryRule, 'code'>, string> = {
  name: '名称',
  description: '说明',
  subsidyRatio: '补助比例',
  capYuan: '补助上限',
  minYuan: '支持下限',
  minMatchingMultiple: '自筹配套倍数',
  maxDurationMonths: '最长实施期',
  leadOrganisationTypes: '牵头单位类型',
  leadTiers: '牵头单位层级',
  industrialisationOriented: '产业化导向',
};

const OVERLAP_POLICY_SHORT: Record<string, string> = { topUp: '就高补差', none: '不予补助' };

function show(key: string, value: unknown): string {
  if (value === null || value === undefined) return '不设';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number' && key.endsWith('Yuan')) return Number.isSafeInteger(value) ? formatWan(value) : String(value);
  if (key === 'maxDurationMonths') return `${String(value)}个月`;
  if (key === 'minMatchingMultiple') return `1:${String(value)}`;
  if (key === 'subsidyRatio') return formatRatio(value as Ratio);
  if (key === 'overlapPolicy') return OVERLAP_POLICY_SHORT[value as string] ?? String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '（空）';
    const labels: Record<string, string> =
      key === 'selectionModes' ? SELECTION_MODE_LABELS : key === 'leadOrganisationTypes' ? ORGANISATION_TYPE_LABELS : key === 'leadTiers' ? ENTERPRISE_TIER_LABELS : {};
    return value.map((x) => labels[x as SelectionMode | OrganisationType | EnterpriseTier] ?? String(x)).join('、');
  }
  return String(value);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function change(path: string, title: string, key: string, before: unknown, after: unknown): ParameterChange {
  return { path, label: `${title}: ${show(key, before)} → ${show(key, after)}`, before, after };
}

/** Keyed lists (categories, fields, tier rewards) compare by key, so reordering is not a change. */
function diffKeyed<T>(out: ParameterChange[], path: string, noun: string, a: T[], b: T[], key: (x: T) => string, name: (x: T) => string, inner: (x: T, y: T) => void): void {
  const before = new Map(a.map((x) => [key(x), x]));
  const after = new Map(b.map((x) => [key(x), x]));
  for (const [k, x] of before) {
    const y = after.get(k);
    if (!y) out.push({ path: `${path}.${k}`, label: `删除${noun} ${name(x)}`, before: x, after: undefined });
    else inner(x, y);
  }
  for (const [k, y] of after) if (!before.has(k)) out.push({ path: `${path}.${k}`, label: `新增${noun} ${name(y)}`, before: undefined, after: y });
}

function diffCategory(out: ParameterChange[], a: CategoryRule, b: CategoryRule): void {
  for (const key of Object.keys(CATEGORY_KEY_LABELS) as (keyof typeof CATEGORY_KEY_LABELS)[]) {
    if (same(a[key], b[key])) continue;
    // Long descriptions are not repeated in the label; the before/after carry them.
    const c = change(`categories.${a.code}.${key}`, `${b.name} ${CATEGORY_KEY_LABELS[key]}`, key, a[key], b[key]);
    if (key === 'description') c.label = `${b.name} 说明已修改`;
    out.push(c);
  }
}

function diffField(out: ParameterChange[], a: FieldRule, b: FieldRule): void {
  if (a.name !== b.name) out.push(change(`fields.${a.code}.name`, `${a.name} 名称`, 'name', a.name, b.name));
  if (same(a.subDirections, b.subDirections)) return;
  const added = b.subDirections.filter((s) => !a.subDirections.includes(s));
  const removed = a.subDirections.filter((s) => !b.subDirections.includes(s));
  const parts = [added.length ? `新增 ${added.join('、')}` : '', removed.length ? `删除 ${removed.join('、')}` : ''].filter(Boolean);
  out.push({ path: `fields.${a.code}.subDirections`, label: `${b.name} 细分方向: ${parts.join('；') || '顺序调整'}`, before: a.subDirections, after: b.subDirections });
}

const TOP_LABELS: Record<'annualBudgetYuan' | 'annualBudgetStated' | 'overlapPolicy' | 'outOfCityAllowed' | 'homeRegion' | 'selectionModes', string> = {
  annualBudgetYuan: '年度财政预算',
  annualBudgetStated: '文件载明年度预算',
  overlapPolicy: '与上级项目重复时',
  outOfCityAllowed: '允许市外单位承担',
  homeRegion: '本地范围',
  selectionModes: '遴选方式',
};

/** Every changed parameter between two versions, with a Chinese label such as '领军类 补助上限: 500万 → 600万'. */
export function diffParameters(a: RuleSetParameters, b: RuleSetParameters): ParameterChange[] {
  // An unset annualBudgetStated means true (the documents state a budget unless marked otherwise).
  a = { ...a, annualBudgetStated: a.annualBudgetStated ?? true };
  b = { ...b, annualBudgetStated: b.annualBudgetStated ?? true };
  const out: ParameterChange[] = [];
  for (const key of Object.keys(TOP_LABELS) as (keyof typeof TOP_LABELS)[]) {
    if (!same(a[key], b[key])) out.push(change(key, TOP_LABELS[key], key, a[key], b[key]));
  }
  for (const axis of ['industryChain', 'innovationChain'] as const) {
    const title = axis === 'industryChain' ? '产业链环节' : '创新链环节';
    if (!same(a.chainAxes[axis], b.chainAxes[axis])) out.push(change(`chainAxes.${axis}`, title, axis, a.chainAxes[axis], b.chainAxes[axis]));
  }
  diffKeyed(out, 'categories', '类别', a.categories, b.categories, (c) => c.code, (c) => c.name, (x, y) => diffCategory(out, x, y));
  diffKeyed(out, 'fields', '领域', a.fields, b.fields, (f) => f.code, (f) => f.name, (x, y) => diffField(out, x, y));
  const rewardName = (r: RuleSetParameters['tierRewards'][number]) => `${ENTERPRISE_TIER_LABELS[r.tier]}${TIER_REWARD_KIND_LABELS[r.kind]}`;
  diffKeyed(out, 'tierRewards', '层级奖补', a.tierRewards, b.tierRewards, (r) => `${r.tier}.${r.kind}`, rewardName, (x, y) => {
    if (x.amountYuan !== y.amountYuan) out.push(change(`tierRewards.${x.tier}.${x.kind}.amountYuan`, rewardName(y), 'amountYuan', x.amountYuan, y.amountYuan));
    if (x.rule !== y.rule) out.push(change(`tierRewards.${x.tier}.${x.kind}.rule`, `${rewardName(y)} 依据`, 'rule', x.rule, y.rule));
  });
  const kinds = new Set([...Object.keys(a.ruleIds ?? {}), ...Object.keys(b.ruleIds ?? {})] as RuleRefKind[]);
  for (const k of [...kinds].sort()) {
    const x = a.ruleIds?.[k];
    const y = b.ruleIds?.[k];
    if (x !== y) out.push(change(`ruleIds.${k}`, `${RULE_REF_KIND_LABELS[k]} 引用规则`, k, x, y));
  }
  return out;
}
