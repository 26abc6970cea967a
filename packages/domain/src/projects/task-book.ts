/**
 * The task book (任务书 / 合同) as data: what the bureau and the undertaker sign. It is generated from the
 * approved application and the approved amount, frozen as a version with a content hash; a signed version never
 * changes, and an approved change produces a supplementary version (补充任务书).
 */
import { z } from 'zod';
import { canonicalJson } from '../audit/hash-chain.js';
import { sha256Hex } from '../review/draw-record.js';
import { BUDGET_SUBJECTS, INDICATOR_KINDS, type ApplicationContent } from '../applications/content.js';

export const TASK_BOOK_PARTIES = ['bureau', 'undertaker', 'department'] as const;
export type TaskBookParty = (typeof TASK_BOOK_PARTIES)[number];
export const TASK_BOOK_PARTY_LABELS: Record<TaskBookParty, string> = { bureau: '甲方（科技局）', undertaker: '乙方（承担单位）', department: '丙方（主管部门）' };

export const TASK_BOOK_KINDS = ['original', 'supplement'] as const;
export type TaskBookKind = (typeof TASK_BOOK_KINDS)[number];
export const TASK_BOOK_KIND_LABELS: Record<TaskBookKind, string> = { original: '任务书', supplement: '补充任务书' };

/** draft: being prepared; signing: frozen, parties signing; signed: in force; superseded: a later signed version replaced it. */
export const TASK_BOOK_STATUSES = ['draft', 'signing', 'signed', 'superseded'] as const;
export type TaskBookStatus = (typeof TASK_BOOK_STATUSES)[number];
export const TASK_BOOK_STATUS_LABELS: Record<TaskBookStatus, string> = { draft: '草拟中', signing: '签署中', signed: '已生效', superseded: '已被补充任务书替代' };

const budgetLine = z.object({
  subject: z.enum(BUDGET_SUBJECTS),
  fiscalCityYuan: z.number().int().min(0),
  fiscalDistrictYuan: z.number().int().min(0),
  selfRaisedYuan: z.number().int().min(0),
  otherYuan: z.number().int().min(0),
});

export const taskBookContentSchema = z.object({
  projectNo: z.string(),
  title: z.string(),
  /** Parties: the bureau, the undertaker, and the 主管部门 where there is one. */
  parties: z.object({ bureau: z.string(), undertaker: z.object({ name: z.string(), creditCode: z.string() }), department: z.string().nullable() }),
  leader: z.object({ name: z.string(), title: z.string() }),
  startDate: z.string(),
  endDate: z.string(),
  /** 研究内容与目标: the application's text answers that state goals and content, by template key. */
  goals: z.string(),
  sections: z.record(z.string(), z.string()),
  indicators: z.array(z.object({ kind: z.enum(INDICATOR_KINDS), name: z.string(), unit: z.string(), currentValue: z.string(), targetValue: z.string(), verification: z.string(), core: z.boolean() })),
  yearlyPlan: z.array(z.object({ year: z.number().int(), goals: z.string(), milestones: z.array(z.object({ date: z.string(), description: z.string() })) })),
  /** Budget by subject and source; fiscal lines sum to the approved amount, split city/district (NB-7). */
  budget: z.array(budgetLine),
  fiscal: z.object({ totalYuan: z.number().int(), cityYuan: z.number().int(), districtYuan: z.number().int() }),
  topics: z.array(z.object({ code: z.string(), title: z.string(), leadUnitName: z.string(), leaderName: z.string(), goals: z.string(), budget: z.array(budgetLine) })),
  partners: z.array(z.object({ name: z.string(), creditCode: z.string(), role: z.string(), budgetSharePercent: z.number() })),
});
export type TaskBookContent = z.infer<typeof taskBookContentSchema>;

/** sha256 of the canonical JSON of the content: printed on every page of the PDF, kept with the version. */
export function taskBookHash(content: TaskBookContent): string {
  return sha256Hex(canonicalJson(content));
}

/**
 * Splits the approved fiscal amount between city and district in the application's requested proportion
 * (NB-7), exactly: the district share is rounded down, the city takes the remainder, so the two always sum to
 * the approved amount. With no request by level the district (the bureau's own level) funds it all.
 */
export function splitFiscal(approvedYuan: number, requestedCityYuan: number, requestedDistrictYuan: number): { cityYuan: number; districtYuan: number } {
  const requested = requestedCityYuan + requestedDistrictYuan;
  if (requested <= 0) return { cityYuan: 0, districtYuan: approvedYuan };
  const districtYuan = Number((BigInt(approvedYuan) * BigInt(requestedDistrictYuan)) / BigInt(requested));
  return { cityYuan: approvedYuan - districtYuan, districtYuan };
}

/**
 * Scales requested fiscal amounts (per line) to the approved total exactly, by largest remainder: each line
 * keeps its share, and the lines sum to the total to the 元.
 */
export function apportion(totalYuan: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (weights.length === 0) return [];
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? totalYuan : 0));
  const T = BigInt(totalYuan);
  const S = BigInt(sum);
  const floors = weights.map((w) => (T * BigInt(w)) / S);
  const rems = weights.map((w, i) => T * BigInt(w) - floors[i]! * S);
  let left = totalYuan - floors.reduce((s, f) => s + Number(f), 0);
  const order = rems.map((r, i) => [r, i] as const).sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] > b[0] ? -1 : 1));
  const out = floors.map(Number);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i]! += 1;
    left -= 1;
  }
  return out;
}

export interface TaskBookSource {
  projectNo: string;
  approvedAmountYuan: number;
  bureauName: string;
  undertaker: { name: string; creditCode: string };
  department: string | null;
  content: ApplicationContent;
}

/**
 * The first task book of a project, from its application: everything the applicant committed to, with the
 * fiscal budget scaled to the approved amount (city/district in the requested proportion). Indicators start as
 * core (核心指标) — the officer may mark some non-core before it is frozen.
 */
export function taskBookFromApplication(src: TaskBookSource): TaskBookContent {
  const c = src.content;
  const lines = (c.budget?.lines ?? []).filter((l) => l.subject).map((l) => ({
    subject: l.subject!, fiscalCityYuan: l.fiscalCityYuan ?? 0, fiscalDistrictYuan: l.fiscalDistrictYuan ?? 0, selfRaisedYuan: l.selfRaisedYuan ?? 0, otherYuan: l.otherYuan ?? 0,
  }));
  const city = lines.reduce((s, l) => s + l.fiscalCityYuan, 0);
  const district = lines.reduce((s, l) => s + l.fiscalDistrictYuan, 0);
  const fiscal = splitFiscal(src.approvedAmountYuan, city, district);
  const cityLines = apportion(fiscal.cityYuan, lines.map((l) => l.fiscalCityYuan));
  const districtLines = apportion(fiscal.districtYuan, lines.map((l) => l.fiscalDistrictYuan));
  const budget = lines.length > 0
    ? lines.map((l, i) => ({ ...l, fiscalCityYuan: cityLines[i]!, fiscalDistrictYuan: districtLines[i]! }))
    : [{ subject: 'other' as const, fiscalCityYuan: fiscal.cityYuan, fiscalDistrictYuan: fiscal.districtYuan, selfRaisedYuan: 0, otherYuan: 0 }];
  const sections = Object.fromEntries(Object.entries(c.sections ?? {}).filter(([, v]) => v.trim() !== ''));
  return {
    projectNo: src.projectNo,
    title: c.basic?.title ?? '',
    parties: { bureau: src.bureauName, undertaker: src.undertaker, department: src.department },
    leader: { name: c.team?.leader?.name ?? '', title: c.team?.leader?.title ?? '' },
    startDate: c.basic?.startDate ?? '',
    endDate: c.basic?.endDate ?? '',
    goals: (c.yearlyPlan ?? []).map((y) => y.goals ?? '').filter(Boolean).join('\n'),
    sections,
    indicators: (c.indicators ?? []).map((i) => ({ kind: i.kind ?? 'technical', name: i.name ?? '', unit: i.unit ?? '', currentValue: i.currentValue ?? '', targetValue: i.targetValue ?? '', verification: i.verification ?? '', core: true })),
    yearlyPlan: (c.yearlyPlan ?? []).map((y) => ({ year: y.year ?? 0, goals: y.goals ?? '', milestones: (y.milestones ?? []).map((m) => ({ date: m.date ?? '', description: m.description ?? '' })) })),
    budget,
    fiscal: { totalYuan: src.approvedAmountYuan, ...fiscal },
    topics: (c.topics ?? []).map((t) => ({
      code: t.code ?? '', title: t.title ?? '', leadUnitName: t.leadUnitName ?? '', leaderName: t.leaderName ?? '', goals: t.goals ?? '',
      budget: (t.budget ?? []).filter((l) => l.subject).map((l) => ({ subject: l.subject!, fiscalCityYuan: l.fiscalCityYuan ?? 0, fiscalDistrictYuan: l.fiscalDistrictYuan ?? 0, selfRaisedYuan: l.selfRaisedYuan ?? 0, otherYuan: l.otherYuan ?? 0 })),
    })),
    partners: (c.partners ?? []).map((p) => ({ name: p.name ?? '', creditCode: p.creditCode ?? '', role: p.role ?? 'participant', budgetSharePercent: p.budgetSharePercent ?? 0 })),
  };
}
