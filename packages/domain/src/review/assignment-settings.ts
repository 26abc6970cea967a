/**
 * A round's assignment settings (分配设置): the mode, experts per application, per-expert loads, the 回避
 * settings and the random draw's probability cap. One schema for the server's validation and the web's form.
 */
import { z } from 'zod';
import { DEFAULT_CONFLICT_SETTINGS, type ConflictSettings } from './conflicts.js';
import { DEFAULT_DRAW_CAP } from './draw-record.js';
import { ratioPercent } from '../monitoring/decimal.js';

/**
 * A percentage typed with at most two decimals, as an integer count of hundredths, read from its shortest decimal
 * text (12.5 → '12.5' → 1250), never by multiplying the float; null when it has more than two decimals.
 */
function hundredthsOf(percent: number): number | null {
  if (!Number.isFinite(percent)) return null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(percent));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

const int = (label: string) => z.number({ error: `请填写${label}` }).int(`${label}须为整数`);

export const assignmentSettingsInput = z
  .object({
    mode: z.enum(['optimal', 'draw'], { error: '请选择分配方式（最优分配或随机抽取）' }),
    k: int('每份申报书的评审专家数').min(1, '每份申报书至少需要 1 位评审专家').max(15, '每份申报书的评审专家不超过 15 位'),
    minLoad: int('专家最低评审量').min(0, '专家最低评审量不能为负数').max(200, '专家最低评审量不超过 200 份'),
    maxLoad: int('专家最高评审量').min(1, '专家最高评审量至少为 1 份').max(200, '专家最高评审量不超过 200 份'),
    conflicts: z.object({
      coMemberYears: int('共同参与回避年限').min(0, '回避年限不能为负数').max(10, '回避年限不超过 10 年'),
      sameDistrict: z.boolean({ error: '请选择是否启用同区县回避' }),
    }),
    /** The draw's cap on any one pair's probability, in percent (0.01 – 100, two decimals at most). */
    drawCapPercent: z
      .number({ error: '请填写抽取概率上限' })
      .gt(0, '抽取概率上限须大于 0%')
      .max(100, '抽取概率上限不超过 100%')
      .refine((v) => hundredthsOf(v) !== null, '抽取概率上限最多保留两位小数'),
  })
  .superRefine((v, ctx) => {
    if (v.minLoad > v.maxLoad) ctx.addIssue({ code: 'custom', path: ['minLoad'], message: '专家最低评审量不能高于最高评审量' });
  });
export type AssignmentSettingsInput = z.infer<typeof assignmentSettingsInput>;

/** The engine's DrawCap shape, stored as `settings.drawCap`. */
export interface StoredDrawCap {
  numerator: number;
  denominator: number;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** 50% → 1/2, 12.5% → 1/8: the percentage as a reduced fraction of 10,000ths. */
export function drawCapOfPercent(percent: number): StoredDrawCap {
  const n = hundredthsOf(percent);
  if (n === null) throw new RangeError('抽取概率上限最多保留两位小数');
  const g = gcd(n, 10_000);
  return { numerator: n / g, denominator: 10_000 / g };
}

/** The cap as the percentage the form edits, from its exact two-decimal text (ratioPercent), never a float product. */
export function percentOfDrawCap(cap: StoredDrawCap): number {
  return Number(ratioPercent(cap.numerator, cap.denominator, 2));
}


/** The settings jsonb keys this part owns; other parts keep theirs beside them. */
export interface RoundAssignmentSettings {
  conflicts: ConflictSettings;
  drawCap: StoredDrawCap;
}

export function roundAssignmentSettings(settings: Record<string, unknown> | null | undefined): RoundAssignmentSettings {
  const s = (settings ?? {}) as { conflicts?: Partial<ConflictSettings>; drawCap?: StoredDrawCap };
  return { conflicts: { ...DEFAULT_CONFLICT_SETTINGS, ...(s.conflicts ?? {}) }, drawCap: s.drawCap ?? DEFAULT_DRAW_CAP };
}
