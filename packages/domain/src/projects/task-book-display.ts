/** What the task book shows the same way on the page and in its PDF: section titles and the budget by subject × source. */
import { BUDGET_SUBJECT_LABELS, PARTNER_ROLE_LABELS } from '../applications/content.js';
import { formatWan } from '../programmes/money.js';
import { DEFAULT_PROPOSAL_TEMPLATE } from '../programmes/proposal-template.js';
import type { TaskBookContent } from './task-book.js';

const SECTION_TITLES = new Map(DEFAULT_PROPOSAL_TEMPLATE.flatMap((s) => s.items.map((i) => [i.key, i.title] as const)));

/** The title of a text section (研究内容 …) by its template key; the key itself for a call's own template item. */
export function taskBookSectionTitle(key: string): string {
  return SECTION_TITLES.get(key) ?? key;
}

export interface TaskBookBudgetRow {
  label: string;
  cityYuan: number;
  districtYuan: number;
  fiscalYuan: number;
  selfRaisedYuan: number;
  otherYuan: number;
  totalYuan: number;
}

/** One row per expense subject and a 合计 row; fiscal = city + district (NB-7), all integer 元. */
export function taskBookBudgetRows(budget: TaskBookContent['budget']): TaskBookBudgetRow[] {
  const rows = budget.map((l) => ({
    label: BUDGET_SUBJECT_LABELS[l.subject],
    cityYuan: l.fiscalCityYuan,
    districtYuan: l.fiscalDistrictYuan,
    fiscalYuan: l.fiscalCityYuan + l.fiscalDistrictYuan,
    selfRaisedYuan: l.selfRaisedYuan,
    otherYuan: l.otherYuan,
    totalYuan: l.fiscalCityYuan + l.fiscalDistrictYuan + l.selfRaisedYuan + l.otherYuan,
  }));
  const sum = (k: keyof Omit<TaskBookBudgetRow, 'label'>) => rows.reduce((s, r) => s + r[k], 0);
  return [...rows, { label: '合计', cityYuan: sum('cityYuan'), districtYuan: sum('districtYuan'), fiscalYuan: sum('fiscalYuan'), selfRaisedYuan: sum('selfRaisedYuan'), otherYuan: sum('otherYuan'), totalYuan: sum('totalYuan') }];
}

export interface TaskBookComparisonRow {
  key: string;
  group: string;
  label: string;
  before: string | null;
  after: string | null;
  change: 'same' | 'changed' | 'added' | 'removed';
}

/** A version as labelled lines, keyed so the same item in two versions meets on one row (indicators by name+unit …). */
function taskBookLines(c: TaskBookContent): { key: string; group: string; label: string; value: string }[] {
  const fmt = (y: number) => `${formatWan(y)}`;
  const out: { key: string; group: string; label: string; value: string }[] = [
    { key: 'title', group: '基本信息', label: '项目名称', value: c.title },
    { key: 'leader', group: '基本信息', label: '项目负责人', value: `${c.leader.name}${c.leader.title ? `（${c.leader.title}）` : ''}` },
    { key: 'period', group: '基本信息', label: '实施期', value: `${c.startDate} 至 ${c.endDate}` },
    { key: 'undertaker', group: '签约各方', label: '乙方（承担单位）', value: c.parties.undertaker.name },
    { key: 'department', group: '签约各方', label: '丙方（主管部门）', value: c.parties.department ?? '无' },
    { key: 'fiscal', group: '经费', label: '财政经费（市级 / 区级）', value: `${fmt(c.fiscal.totalYuan)}（${fmt(c.fiscal.cityYuan)} / ${fmt(c.fiscal.districtYuan)}）` },
    { key: 'goals', group: '目标与内容', label: '项目目标', value: c.goals },
  ];
  for (const [k, text] of Object.entries(c.sections)) out.push({ key: `section:${k}`, group: '目标与内容', label: taskBookSectionTitle(k), value: text });
  for (const i of c.indicators) out.push({ key: `indicator:${i.name}\u0000${i.unit}`, group: '考核指标', label: `${i.name}（${i.unit}）`, value: `目标 ${i.targetValue}${i.core ? '，核心指标' : '，非核心'}；现有 ${i.currentValue}；${i.verification}` });
  for (const y of c.yearlyPlan) out.push({ key: `year:${y.year}`, group: '年度计划', label: `${y.year}年`, value: [y.goals, ...y.milestones.map((m) => `${m.date} ${m.description}`)].join('\n') });
  for (const l of c.budget) out.push({ key: `budget:${l.subject}`, group: '经费预算（万元）', label: BUDGET_SUBJECT_LABELS[l.subject], value: `市级 ${fmt(l.fiscalCityYuan)}，区级 ${fmt(l.fiscalDistrictYuan)}，自筹 ${fmt(l.selfRaisedYuan)}，其他 ${fmt(l.otherYuan)}` });
  for (const t of c.topics) out.push({ key: `topic:${t.code || t.title}`, group: '课题', label: `${t.code} ${t.title}`.trim(), value: `${t.leadUnitName}，${t.leaderName}：${t.goals}` });
  for (const p of c.partners) out.push({ key: `partner:${p.creditCode || p.name}`, group: '合作单位', label: p.name, value: `${PARTNER_ROLE_LABELS[p.role as keyof typeof PARTNER_ROLE_LABELS] ?? p.role}，经费占比 ${p.budgetSharePercent}%` });
  return out;
}

/** Side-by-side comparison of a version with its predecessor: every line of either, with what happened to it. */
export function compareTaskBooks(before: TaskBookContent, after: TaskBookContent): TaskBookComparisonRow[] {
  const a = taskBookLines(before);
  const b = new Map(taskBookLines(after).map((l) => [l.key, l]));
  const rows: TaskBookComparisonRow[] = a.map((l) => {
    const n = b.get(l.key);
    b.delete(l.key);
    return { key: l.key, group: l.group, label: l.label, before: l.value, after: n?.value ?? null, change: !n ? 'removed' : n.value === l.value ? 'same' : 'changed' };
  });
  for (const l of b.values()) rows.push({ key: l.key, group: l.group, label: l.label, before: null, after: l.value, change: 'added' });
  const order = [...new Set(taskBookLines(after).map((l) => l.group).concat(a.map((l) => l.group)))];
  return rows.sort((x, y) => order.indexOf(x.group) - order.indexOf(y.group));
}
