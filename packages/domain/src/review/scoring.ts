/**
 * Remote scoring (不见面评审, P315-5): a round's rubric (评分细则) — criteria with maxima, weights and whether a
 * comment is required — the scoring window, and the aggregation settings; and an expert's score sheet (评分表).
 * Shared by the server (validation), the web (the same form rules) and the seed.
 */
import { z } from 'zod';

/** A programme's default for dropping the highest and lowest score: from this many scores on (null = never). */
export const PROGRAMME_DROP_EXTREMES_DEFAULT: Record<string, number | null> = {};
export const DEFAULT_DROP_EXTREMES_MIN = 5;

/** The per-programme default of the drop-extremes threshold (a round may override it). */
export function programmeDropExtremesMin(programmeCode: string): number | null {
  return Object.hasOwn(PROGRAMME_DROP_EXTREMES_DEFAULT, programmeCode) ? PROGRAMME_DROP_EXTREMES_DEFAULT[programmeCode]! : DEFAULT_DROP_EXTREMES_MIN;
}

export const scoringCriterionSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, '指标代码为小写字母开头的字母、数字或连字符'),
  name: z.string().trim().min(1, '请填写指标名称').max(40, '指标名称不超过40字'),
  description: z.string().trim().max(500, '说明不超过500字').default(''),
  /** The points an expert may give on this criterion (0 … maxPoints, in steps of 0.01). */
  maxPoints: z.number().int('满分须为整数').min(1, '满分至少1分').max(100, '满分不超过100分'),
  /** Share of the 100-point total, in points; the weights of a rubric add up to 100. */
  weight: z.number().int('权重须为整数').min(1, '权重至少为1').max(100, '权重不超过100'),
  commentRequired: z.boolean().default(false),
});
export type ScoringCriterion = z.infer<typeof scoringCriterionSchema>;

export const aggregationSettingsSchema = z.object({
  /**
   * From this many scores on, the highest and the lowest are dropped before averaging; null = always a plain
   * average. When unset on a round, the programme's default applies (programmeDropExtremesMin).
   */
  dropExtremesMin: z.number().int().min(3, '至少3个评分才能去掉最高最低分').max(50).nullable(),
  /** Per-reviewer normalisation (mean-centring, see aggregation.ts). */
  normalise: z.boolean().default(false),
  /** A gap of this many points or more between an application's highest and lowest score flags it as divergent. */
  divergencePoints: z.number().int().min(1).max(100).default(20),
  /** YJ-9: bonus for a champion (冠军企业) applicant, in 1/100 points; 0 when the call sets none. */
  championBonusCenti: z.number().int().min(0).max(2000, '冠军加分不超过20分').default(0),
});
export type AggregationSettings = z.infer<typeof aggregationSettingsSchema>;

export const championMarkSchema = z.object({
  applicationId: z.uuid(),
  /** The recorded basis (认定依据), e.g. the list and year that named the enterprise a 单项冠军. */
  basis: z.string().trim().min(2, '请填写认定依据').max(200, '认定依据不超过200字'),
});
export type ChampionMark = z.infer<typeof championMarkSchema>;

export const scoringRubricSchema = z
  .object({
    criteria: z.array(scoringCriterionSchema).min(1, '至少一项评分指标').max(20, '评分指标不超过20项'),
    /** End of the scoring window, ISO 8601 with offset. */
    closesAt: z.iso.datetime({ offset: true, message: '请填写评分截止时间' }),
    aggregation: aggregationSettingsSchema,
    champions: z.array(championMarkSchema).max(500).default([]),
  })
  .superRefine((r, ctx) => {
    const sum = r.criteria.reduce((s, c) => s + c.weight, 0);
    if (sum !== 100) ctx.addIssue({ code: 'custom', path: ['criteria'], message: `各指标权重之和须为100（现为${sum}）` });
    const keys = new Set<string>();
    r.criteria.forEach((c, i) => {
      if (keys.has(c.key)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'key'], message: `指标代码“${c.key}”重复` });
      keys.add(c.key);
    });
    const apps = new Set<string>();
    r.champions.forEach((c, i) => {
      if (apps.has(c.applicationId)) ctx.addIssue({ code: 'custom', path: ['champions', i, 'applicationId'], message: '同一申报书只能标记一次' });
      apps.add(c.applicationId);
    });
    if (r.champions.length && r.aggregation.championBonusCenti === 0) ctx.addIssue({ code: 'custom', path: ['aggregation', 'championBonusCenti'], message: '已标记冠军企业，请填写冠军加分（指南未设加分时请勿标记）' });
  });
export type ScoringRubric = z.infer<typeof scoringRubricSchema>;

/** One criterion on a sheet: points in 1/100 (null while not yet given) and the comment. */
export const sheetEntrySchema = z.object({
  pointsCenti: z.number().int('分值最多两位小数').min(0, '分值不能为负').nullable(),
  comment: z.string().max(2000, '评语不超过2000字').default(''),
});
export const scoreSheetInputSchema = z.object({
  entries: z.record(z.string(), sheetEntrySchema),
  /** The overall opinion (总体意见). */
  opinion: z.string().max(4000, '总体意见不超过4000字').default(''),
});
export type ScoreSheetInput = z.infer<typeof scoreSheetInputSchema>;

export interface SheetProblem {
  field: string;
  message: string;
}

/** Problems of a sheet against its rubric; `complete` also asks every score and every required comment (submission). */
export function sheetProblems(rubric: Pick<ScoringRubric, 'criteria'>, sheet: ScoreSheetInput, complete: boolean): SheetProblem[] {
  const out: SheetProblem[] = [];
  const known = new Set(rubric.criteria.map((c) => c.key));
  for (const k of Object.keys(sheet.entries)) if (!known.has(k)) out.push({ field: `entries.${k}`, message: '评分细则中没有这一项' });
  for (const c of rubric.criteria) {
    const e = sheet.entries[c.key];
    const p = e?.pointsCenti ?? null;
    if (p !== null && p > c.maxPoints * 100) out.push({ field: `entries.${c.key}.pointsCenti`, message: `“${c.name}”最高${c.maxPoints}分` });
    if (!complete) continue;
    if (p === null) out.push({ field: `entries.${c.key}.pointsCenti`, message: `请为“${c.name}”打分` });
    if (c.commentRequired && !(e?.comment ?? '').trim()) out.push({ field: `entries.${c.key}.comment`, message: `“${c.name}”须填写评语` });
  }
  return out;
}

/**
 * Points typed by a person ("8", "8.5", "8.25") → 1/100 points, read as text so no float rounding occurs;
 * null for anything else (more than two decimals, signs, exponents).
 */
export function parsePointsCenti(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Reminders go out when this little time is left in the scoring window. */
export const REMINDER_HOURS_BEFORE_CLOSE = 48;

export function reminderDue(closesAt: Date, now: Date): boolean {
  const left = closesAt.getTime() - now.getTime();
  return left > 0 && left <= REMINDER_HOURS_BEFORE_CLOSE * 3600_000;
}

/** "还剩 2 天 3 小时" / "还剩 45 分钟" / "已截止" — a countdown independent of the viewer's zone. */
export function countdownText(closesAt: Date, now: Date): string {
  const ms = closesAt.getTime() - now.getTime();
  if (ms <= 0) return '已截止';
  const minutes = Math.floor(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return `还剩 ${d} 天 ${h} 小时`;
  if (h > 0) return `还剩 ${h} 小时 ${m} 分钟`;
  return `还剩 ${m} 分钟`;
}

/** A default rubric (the Beilun call's 评分细则 in spirit): technology, team, market, budget, with maxima = weights. */
export function defaultRubricCriteria(): ScoringCriterion[] {
  return [
    { key: 'innovation', name: '技术创新性与先进性', description: '关键核心技术突破程度、与国内外同类技术比较', maxPoints: 35, weight: 35, commentRequired: true },
    { key: 'feasibility', name: '研究方案可行性', description: '技术路线、进度安排、风险分析', maxPoints: 25, weight: 25, commentRequired: false },
    { key: 'team', name: '团队与基础条件', description: '项目负责人与团队能力、前期基础、产学研合作', maxPoints: 20, weight: 20, commentRequired: false },
    { key: 'benefit', name: '经济社会效益与预算合理性', description: '产业化前景、绩效目标、预算编制', maxPoints: 20, weight: 20, commentRequired: false },
  ];
}
