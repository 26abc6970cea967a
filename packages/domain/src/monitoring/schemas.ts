/** API schemas of plan monitoring (report values, indicator edits, task progress, review, reported figures), shared by the server and the web forms. */
import { z } from 'zod';
import { compareDecimal, decimalFromNumber, normalizeDecimal, parseDecimalInput, roundDecimal, type DecimalInputOptions } from './decimal.js';
import { PORTFOLIO_METRICS } from './labels.js';
import { DIRECTIONS, FREQUENCIES, type DecimalString } from './types.js';

/** Longest note (说明) on a reported value or a progress report. */
export const NOTE_MAX = 500;
export const PROGRESS_TEXT_MAX = 1000;
export const RETURN_COMMENT_MAX = 500;

const UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * A figure typed as text ('1,234.5', full-width digits, surrounding spaces) → DecimalString, with
 * parseDecimalInput's Chinese message when it is not a number.
 */
export const decimalInputSchema = (what: string, options: DecimalInputOptions = {}) =>
  z.string({ error: `请填写${what}` }).transform((s, ctx): DecimalString => {
    const r = parseDecimalInput(s, options);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message === '请填写数值' ? `请填写${what}` : `${what}：${r.message}` });
      return z.NEVER;
    }
    return r.value;
  });

const optionalText = (what: string, max: number) =>
  z
    .string({ error: `${what}须为文字` })
    .trim()
    .max(max, `${what}不超过${max}个字`)
    .default('');

const requiredText = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不超过${max}个字`);

/** A department's value for one indicator and period (P315-3). */
export const reportValueInputSchema = z.object({
  value: decimalInputSchema('数值'),
  note: optionalText('说明', NOTE_MAX),
});

const yearSchema = (what: string) =>
  z
    .number({ error: `请填写${what}年份` })
    .int(`${what}年份须为整数`)
    .min(1949, `${what}年份不早于1949年`)
    .max(2100, `${what}年份不晚于2100年`);

/** Base or target: a year and a value, the value null when unknown ("-" in the source). */
const figureSchema = (what: string) =>
  z.object({
    year: yearSchema(what),
    value: decimalInputSchema(`${what}值`).nullable(),
  });

export const unitCodeSchema = z
  .string({ error: '请填写责任单位代码' })
  .trim()
  .min(1, '请填写责任单位代码')
  .max(64, '责任单位代码不超过64个字符')
  .regex(UNIT_CODE, '责任单位代码只能含字母、数字、连字符和下划线');

/** The bureau's edit of an indicator's monitoring settings; at least one field. Responsible units: lead first, no repeats. */
export const indicatorPatchSchema = z
  .object({
    base: figureSchema('基数').optional(),
    target: figureSchema('目标').optional(),
    responsibleUnits: z
      .array(unitCodeSchema, { error: '责任单位须为列表' })
      .min(1, '请至少指定一个责任单位（第一个为牵头单位）')
      .max(30, '责任单位不超过30个')
      .superRefine((codes, ctx) => {
        const seen = new Set<string>();
        codes.forEach((c, i) => {
          if (seen.has(c)) ctx.addIssue({ code: 'custom', message: `责任单位“${c}”重复`, path: [i] });
          seen.add(c);
        });
      })
      .optional(),
    frequency: z.enum(FREQUENCIES, { error: '填报频率无效' }).optional(),
    dataSource: z.string({ error: '数据来源须为文字' }).trim().max(200, '数据来源不超过200个字').optional(),
    definition: z.string({ error: '指标解释须为文字' }).trim().max(2000, '指标解释不超过2000个字').optional(),
    direction: z.enum(DIRECTIONS, { error: '指标方向无效' }).optional(),
    core: z.boolean({ error: '请选择是否核心指标' }).optional(),
    note: z.string({ error: '说明须为文字' }).trim().max(2000, '说明不超过2000个字').optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), '请至少修改一项')
  .refine((p) => !p.base || !p.target || p.target.year > p.base.year, { message: '目标年份须晚于基数年份', path: ['target', 'year'] });

/** The lead unit's monthly progress on a task (P315-2, P315-3). */
export const taskProgressInputSchema = z.object({
  percent: z.number({ error: '请填写完成进度（0–100的整数）' }).int('完成进度须为整数').min(0, '完成进度不能小于0').max(100, '完成进度不能超过100'),
  progress: requiredText('进展情况', PROGRESS_TEXT_MAX),
  note: optionalText('说明', NOTE_MAX),
});

/** Returning a report needs a reason the department can act on. */
export const returnCommentSchema = z.object({
  comment: requiredText('退回意见', RETURN_COMMENT_MAX),
});

const SHARE_METRICS = new Set(['jointShare', 'enterpriseShare']);

/**
 * A figure a report states beside the computed portfolio statistics (YJ-2): counts as whole numbers, shares
 * as percentages with or without '%' ('56.17%', '76'), kept at the precision written.
 */
export const reportedFigureInputSchema = z
  .object({
    year: yearSchema('统计'),
    metric: z.enum(PORTFOLIO_METRICS as [string, ...string[]], { error: '统计项无效' }),
    reported: z.string({ error: '请填写报告值' }),
    source: optionalText('出处', 200),
  })
  .transform((input, ctx) => {
    const share = SHARE_METRICS.has(input.metric);
    const r = parseDecimalInput(input.reported, share ? { percent: true } : { maxPlaces: 0 });
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message === '请填写数值' ? '请填写报告值' : `报告值：${r.message}`, path: ['reported'] });
      return z.NEVER;
    }
    if (compareDecimal(r.value, '0') < 0 || (share && compareDecimal(r.value, '100') > 0)) {
      ctx.addIssue({ code: 'custom', message: share ? '报告的占比须在0%到100%之间' : '报告的数量不能为负数', path: ['reported'] });
      return z.NEVER;
    }
    return { ...input, metric: input.metric as (typeof PORTFOLIO_METRICS)[number], reported: r.value };
  });

/** The bureau's monitoring settings: the on-track band and the monthly due day (P315-3). */
export const monitoringSettingsSchema = z.object({
  tolerancePercent: decimalInputSchema('容差（百分比）').refine((v) => compareDecimal(v, '0') >= 0 && compareDecimal(v, '100') <= 0, '容差须在0到100之间'),
  dueDay: z.number({ error: '请填写每月报送截止日' }).int('报送截止日须为整数').min(1, '报送截止日须为每月1日至28日').max(28, '报送截止日须为每月1日至28日'),
});

/** Most a tolerance band may be, in percent of the base-to-target distance: wider would call everything on track. */
export const TOLERANCE_MAX = '50';

/**
 * The tolerance band as the bureau sets it: a number or a decimal string, kept to two places rounded half away
 * from zero on the exact decimal (1.005 → '1.01', where Math.round(1.005 × 100) / 100 gives 1), 0–50.
 */
export const tolerancePercentSchema = z
  .union([z.number({ error: '容差须为数字' }), z.string({ error: '容差须为数字' })], { error: '容差须为数字' })
  .transform((v, ctx): DecimalString => {
    let d: DecimalString;
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || Math.abs(v) >= 1e15) {
        ctx.addIssue({ code: 'custom', message: '容差须为有限的数字' });
        return z.NEVER;
      }
      d = decimalFromNumber(v);
    } else {
      const r = parseDecimalInput(v);
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: `容差：${r.message}` });
        return z.NEVER;
      }
      d = r.value;
    }
    const rounded = normalizeDecimal(roundDecimal(d, 2));
    if (compareDecimal(rounded, '0') < 0 || compareDecimal(rounded, TOLERANCE_MAX) > 0) {
      ctx.addIssue({ code: 'custom', message: `容差须在0到${TOLERANCE_MAX}之间` });
      return z.NEVER;
    }
    return rounded;
  });

/** The bureau's edit of a plan's monitoring settings (PATCH /api/monitoring/plans/:code). */
export const planSettingsPatchSchema = z.object({
  tolerancePercent: tolerancePercentSchema.optional(),
  dueDay: z.number({ error: '请填写每月报送截止日' }).int('报送截止日须为整数').min(1, '报送截止日须为每月1日至28日').max(28, '报送截止日须为每月1日至28日').optional(),
});

export type PlanSettingsPatch = z.output<typeof planSettingsPatchSchema>;

export type ReportValueInput = z.output<typeof reportValueInputSchema>;
export type IndicatorPatch = z.output<typeof indicatorPatchSchema>;
export type TaskProgressReportInput = z.output<typeof taskProgressInputSchema>;
export type ReturnComment = z.output<typeof returnCommentSchema>;
export type ReportedFigureInput = z.output<typeof reportedFigureInputSchema>;
export type MonitoringSettings = z.output<typeof monitoringSettingsSchema>;
