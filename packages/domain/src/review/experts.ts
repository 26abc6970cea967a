/**
 * The expert pool (专家库, P315-4): what a valid expert profile is, the status workflow as a table, the programme
 * taxonomy check of an expert's fields, and the exact average of reverse evaluations (反向评价, P315-5). The server's
 * use cases, the Excel import and the web's forms all validate through these schemas.
 */
import { z } from 'zod';
import { maskResidentId, normaliseResidentId, validateResidentId } from '../applications/resident-id.js';
import { normaliseCreditCode, validateCreditCode } from '../organisations/credit-code.js';
import type { DeclaredConflict } from './conflicts.js';

export const EXPERT_STATUSES = ['pending', 'active', 'suspended'] as const;
export type ExpertStatus = (typeof EXPERT_STATUSES)[number];
export const EXPERT_STATUS_LABELS: Record<ExpertStatus, string> = { pending: '待审核', active: '在库', suspended: '暂停' };

export const EXPERT_EVENTS = ['activate', 'suspend'] as const;
export type ExpertEvent = (typeof EXPERT_EVENTS)[number];
export const EXPERT_EVENT_LABELS: Record<ExpertEvent, string> = { activate: '启用', suspend: '暂停' };

export type ExpertGuard = 'always' | 'reasonGiven';

/**
 * pending   --activate--> active     an officer checked the imported or self-entered profile
 * active    --suspend-->  suspended  guard reasonGiven: a suspension is always explained (shown in the history)
 * suspended --activate--> active     the expert returns to the pool
 * A suspended or pending expert is never assigned: buildInstance reads only active experts.
 */
export const EXPERT_TRANSITIONS: Record<ExpertStatus, Partial<Record<ExpertEvent, { to: ExpertStatus; guard: ExpertGuard }>>> = {
  pending: { activate: { to: 'active', guard: 'always' } },
  active: { suspend: { to: 'suspended', guard: 'reasonGiven' } },
  suspended: { activate: { to: 'active', guard: 'always' } },
};

export function expertTransition(status: ExpertStatus, event: ExpertEvent, ctx: { reason?: string | null }): { ok: true; to: ExpertStatus } | { ok: false; reason: string } {
  const t = EXPERT_TRANSITIONS[status]?.[event];
  if (!t) return { ok: false, reason: `“${EXPERT_STATUS_LABELS[status] ?? status}”状态的专家不能${EXPERT_EVENT_LABELS[event] ?? event}` };
  if (t.guard === 'reasonGiven' && !(ctx.reason ?? '').trim()) return { ok: false, reason: `${EXPERT_EVENT_LABELS[event]}专家须填写原因` };
  return { ok: true, to: t.to };
}

export const EXPERT_MAX_KEYWORDS = 10;
export const EXPERT_MAX_CONSORTIA = 10;
export const EXPERT_MAX_CONFLICTS = 20;

/** 身份证号码, normalised (full-width digits, lower-case x) and checked (GB 11643). */
export const residentIdSchema = z
  .string({ error: '请填写身份证号码' })
  .transform((s) => normaliseResidentId(s))
  .superRefine((id, ctx) => {
    const r = validateResidentId(id);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  });

const optionalCreditCode = z
  .string()
  .nullable()
  .transform((s) => normaliseCreditCode(s ?? ''))
  .superRefine((code, ctx) => {
    if (!code) return;
    const r = validateCreditCode(code);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  });

/** A list of short terms: trimmed, empty ones dropped, duplicates removed (first kept). */
const termList = (what: string, max: number, maxChars: number) =>
  z
    .array(z.string().trim().max(maxChars, `每个${what}不超过${maxChars}个字`))
    .transform((xs) => [...new Set(xs.filter(Boolean))])
    .refine((xs) => xs.length <= max, `${what}最多${max}个`);

/** A conflict the expert declares (回避): an organisation by credit code or a person by resident ID, with why. */
export const declaredConflictSchema = z
  .object({
    kind: z.enum(['organisation', 'person'], { error: '请选择回避对象类型（单位或个人）' }),
    creditCode: z.string().trim().optional(),
    idNumber: z.string().trim().optional(),
    name: z.string().trim().min(1, '请填写回避对象名称').max(100, '名称不超过100个字'),
    reason: z.string().trim().min(1, '请填写回避原因').max(200, '回避原因不超过200个字'),
  })
  .transform((d, ctx): DeclaredConflict => {
    if (d.kind === 'organisation') {
      const r = validateCreditCode(d.creditCode ?? '');
      if (!r.ok) ctx.addIssue({ code: 'custom', path: ['creditCode'], message: `回避单位的统一社会信用代码：${r.message}` });
      return { kind: 'organisation', creditCode: r.ok ? r.code : (d.creditCode ?? ''), name: d.name, reason: d.reason };
    }
    const r = validateResidentId(d.idNumber ?? '');
    if (!r.ok) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: `回避人员的身份证号码：${r.message}` });
    return { kind: 'person', idNumber: r.ok ? r.id : (d.idNumber ?? ''), name: d.name, reason: d.reason };
  });

/** What the expert may keep up to date themselves (我的专家信息): not name, ID number or status. */
export const expertSelfProfileSchema = z.object({
  title: z.string().trim().max(50, '职称不超过50个字').default(''),
  organisationName: z.string().trim().min(2, '请填写工作单位').max(100, '工作单位不超过100个字'),
  organisationCreditCode: optionalCreditCode.default(''),
  region: z.string().trim().min(2, '请填写所在地区（如 浙江省宁波市北仑区）').max(100),
  fields: z.array(z.string().trim().min(1)).min(1, '请至少选择一个评审领域').max(10, '评审领域最多10个').transform((xs) => [...new Set(xs)]),
  keywords: termList('关键词', EXPERT_MAX_KEYWORDS, 20).default([]),
  consortia: termList('创新联合体', EXPERT_MAX_CONSORTIA, 100).default([]),
  available: z.boolean().default(true),
  declaredConflicts: z.array(declaredConflictSchema).max(EXPERT_MAX_CONFLICTS, `申报回避最多${EXPERT_MAX_CONFLICTS}项`).default([]),
});
export type ExpertSelfProfile = z.infer<typeof expertSelfProfileSchema>;

const phoneSchema = z.union([z.literal(''), z.string().trim().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '请填写正确的手机号或固定电话')]);

/** The officer's form (新建 / 编辑专家): the self-service fields plus who the expert is and how to reach them. */
export const expertProfileSchema = expertSelfProfileSchema.extend({
  name: z.string().trim().min(2, '姓名至少2个字').max(50, '姓名不超过50个字'),
  idNumber: residentIdSchema,
  phone: phoneSchema.default(''),
  email: z.union([z.literal(''), z.email('邮箱格式不正确')]).default(''),
});
export type ExpertProfile = z.infer<typeof expertProfileSchema>;
/** An edit: the ID number is shown masked, so it is sent only to change it (left out = kept). */
export const expertUpdateSchema = expertProfileSchema.extend({ idNumber: residentIdSchema.optional() });
export type ExpertUpdate = z.infer<typeof expertUpdateSchema>;

export const expertSuspendSchema = z.object({ reason: z.string().trim().min(2, '请填写暂停原因（至少2个字）').max(200, '原因不超过200个字') });
export const expertActivateSchema = z.object({ reason: z.string().trim().max(200).optional() });

/** One field (领域) of the programme taxonomy: codes from the rule sets in force, with each name found. */
export interface TaxonomyField {
  code: string;
  name: string;
  programmes: string[];
}

/** The union of the fields of the given rule sets (by code; the first name seen wins), in first-seen order. */
export function fieldTaxonomy(ruleSets: readonly { programmeName: string; fields: readonly { code: string; name: string }[] }[]): TaxonomyField[] {
  const out = new Map<string, TaxonomyField>();
  for (const rs of ruleSets) {
    for (const f of rs.fields) {
      const have = out.get(f.code);
      if (have) {
        if (!have.programmes.includes(rs.programmeName)) have.programmes.push(rs.programmeName);
      } else out.set(f.code, { code: f.code, name: f.name, programmes: [rs.programmeName] });
    }
  }
  return [...out.values()];
}

/** A message per field code that is not in the taxonomy (empty = all known). */
export function unknownFieldProblems(fields: readonly string[], taxonomy: readonly { code: string }[]): { field: string; message: string }[] {
  const known = new Set(taxonomy.map((f) => f.code));
  return fields.flatMap((code, i) => (known.has(code) ? [] : [{ field: `fields.${i}`, message: `“${code}”不是现行计划中的领域代码，可选：${[...known].join('、')}` }]));
}

/** The shown form of an expert's resident ID (first 6 and last 4). */
export const maskedExpertId = (id: string | null): string | null => (id ? maskResidentId(id) : null);

/** Reverse evaluation (反向评价) scores: whole stars 1–5. */
export const EXPERT_RATING_MIN = 1;
export const EXPERT_RATING_MAX = 5;
export const EXPERT_RATER_KINDS = ['applicant', 'officer'] as const;
export type ExpertRaterKind = (typeof EXPERT_RATER_KINDS)[number];
export const EXPERT_RATER_KIND_LABELS: Record<ExpertRaterKind, string> = { applicant: '申报单位', officer: '经办人' };

export const expertRatingSchema = z.object({
  score: z.number({ error: '请选择评分（1–5分）' }).int('评分须为整数').min(EXPERT_RATING_MIN, '评分为1–5分').max(EXPERT_RATING_MAX, '评分为1–5分'),
  comment: z.string().trim().max(500, '评价不超过500个字').default(''),
});

/**
 * The average of whole-star scores in 1/100 stars, rounded half up with integer maths only (4.333… → 433,
 * 4.005 → 401), so the shown 2 decimals never depend on floating point; null with no scores.
 */
export function averageRatingCenti(scores: readonly number[]): number | null {
  if (!scores.length) return null;
  let sum = 0;
  for (const s of scores) {
    if (!Number.isInteger(s)) throw new RangeError(`rating must be a whole number: ${s}`);
    sum += s;
  }
  return averageCentiOfSum(sum, scores.length);
}

/** The same average from a sum and a count (a database aggregate); null when count is 0. */
export function averageCentiOfSum(sum: number, count: number): number | null {
  if (!count) return null;
  if (!Number.isSafeInteger(sum) || !Number.isSafeInteger(count)) throw new RangeError('rating sum and count must be integers');
  return Math.floor((sum * 200 + count) / (2 * count));
}

/** How many ratings gave each score, 1 to 5 (for the distribution chart). */
export function ratingDistribution(scores: readonly number[]): { score: number; count: number }[] {
  return Array.from({ length: EXPERT_RATING_MAX - EXPERT_RATING_MIN + 1 }, (_, i) => {
    const score = EXPERT_RATING_MIN + i;
    return { score, count: scores.filter((s) => s === score).length };
  });
}

/** The anonymous name of the nth reviewer of an application (1-based): 专家一, 专家二 … 专家十二. */
export function anonymousExpertLabel(n: number): string {
  const digits = '零一二三四五六七八九';
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`reviewer slot out of range: ${n}`);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const text = (tens === 0 ? '' : tens === 1 ? '十' : `${digits[tens]}十`) + (ones ? digits[ones] : '');
  return `专家${text}`;
}
