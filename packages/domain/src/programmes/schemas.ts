/** API schemas of programmes, rule-set versions, calls and funding quotes, shared by the server and the web forms. */
import { postAwardOverridesSchema } from '../projects/settings.js';
import { z } from 'zod';
import { ORGANISATION_TYPES } from '../organisations/schemas.js';
import { amountTooLargeMessage, MAX_AMOUNT_YUAN } from './money.js';
import { ATTACHMENT_KINDS, DEFAULT_PROPOSAL_TEMPLATE, FORM_ITEM_KINDS } from './proposal-template.js';
import { isCalendarDate, shanghaiDayOf } from './rule-set.js';
import { ENTERPRISE_TIERS, OVERLAP_LEVELS, RULE_REF_KINDS, SELECTION_MODES, type FundingQuoteInput } from './types.js';

export const codeSchema = (what: string) =>
  z
    .string({ error: `请填写${what}代码` })
    .trim()
    .min(1, `请填写${what}代码`)
    .max(64, `${what}代码不超过64个字符`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, `${what}代码只能含字母、数字、连字符和下划线`);

/** Integer 元 ≥ 0; `what` names the amount in the message. */
export const yuanSchema = (what: string) =>
  z
    .number({ error: `请填写${what}（整数元）` })
    .int(`${what}须为整数元`)
    .min(0, `${what}不能为负数`)
    .max(MAX_AMOUNT_YUAN, amountTooLargeMessage(what));

/** Integer 元 > 0: an amount a computation divides or grants by, where 0 would give a meaningless "0万" answer. */
export const positiveYuanSchema = (what: string) =>
  z
    .number({ error: `请填写${what}（整数元）` })
    .int(`${what}须为整数元`)
    .min(1, `${what}须大于0`)
    .max(MAX_AMOUNT_YUAN, amountTooLargeMessage(what));

const text = (what: string, min: number, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(min, min <= 1 ? `请填写${what}` : `${what}至少${min}个字`)
    .max(max, `${what}不超过${max}个字`);

function uniqueBy<T>(key: (x: T) => string, what: string) {
  return (items: T[], ctx: z.core.$RefinementCtx<T[]>) => {
    const seen = new Set<string>();
    items.forEach((x, i) => {
      const k = key(x);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', message: `${what}“${k}”重复`, path: [i] });
      seen.add(k);
    });
  };
}

export const dateOnlySchema = z.string({ error: '请填写日期' }).refine(isCalendarDate, '日期格式须为 YYYY-MM-DD 且为有效日期');
const WHOLE_SECOND_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.0+)?(Z|[+-]\d{2}:\d{2})$/;
/**
 * An instant with offset and whole seconds, e.g. 2026-03-01T09:00:00+08:00. A zero fraction ('.000Z', what
 * Date#toISOString gives back) is still a whole second and accepted, so a call read from the API can be sent back.
 */
export const instantSchema = z
  .string({ error: '请填写时间' })
  .refine((s) => WHOLE_SECOND_INSTANT.test(s) && z.iso.datetime({ offset: true }).safeParse(s).success, '时间格式须为带时区、精确到秒的 ISO 时间，如 2026-03-01T09:00:00+08:00');

export const ratioSchema = z
  .object({
    num: z.number({ error: '请填写比例分子' }).int('比例分子须为整数').min(0, '比例不能为负'),
    den: z.number({ error: '请填写比例分母' }).int('比例分母须为整数').min(1, '比例分母须大于0'),
  })
  .refine((r) => r.num <= r.den, '补助比例不能超过100%');

export const categoryRuleSchema = z
  .object({
    code: codeSchema('类别'),
    name: text('类别名称', 1, 50),
    description: z.string().trim().max(2000, '说明不超过2000个字').default(''),
    subsidyRatio: ratioSchema.nullable(),
    capYuan: yuanSchema('补助上限').nullable(),
    minYuan: yuanSchema('支持下限').nullable(),
    minMatchingMultiple: z.number({ error: '自筹配套倍数须为数字' }).int('自筹配套倍数须为整数（如1:2填2）').min(0, '自筹配套倍数不能为负').max(100, '自筹配套倍数过大').nullable(),
    maxDurationMonths: z.number({ error: '最长实施期须为数字（月）' }).int('最长实施期须为整数月').min(1, '最长实施期至少1个月').max(600, '最长实施期不超过600个月').nullable(),
    leadOrganisationTypes: z.array(z.enum(ORGANISATION_TYPES, { error: '单位类型无效' })).default([]),
    leadTiers: z.array(z.enum(ENTERPRISE_TIERS, { error: '企业层级无效' })).default([]),
    industrialisationOriented: z.boolean({ error: '请选择是否产业化导向' }).default(false),
  })
  .refine((c) => c.minYuan === null || c.capYuan === null || c.minYuan <= c.capYuan, { message: '支持下限不能高于补助上限', path: ['minYuan'] });

export const fieldRuleSchema = z.object({
  code: codeSchema('领域'),
  name: text('领域名称', 1, 50),
  subDirections: z
    .array(text('细分方向', 1, 100))
    .max(100, '细分方向不超过100个')
    .default([])
    .superRefine(uniqueBy((s: string) => s, '细分方向')),
});

export const tierRewardSchema = z.object({
  tier: z.enum(ENTERPRISE_TIERS, { error: '企业层级无效' }),
  amountYuan: yuanSchema('奖补金额'),
  kind: z.enum(['reward', 'subsidyCap'], { error: '奖补方式无效' }),
  rule: text('依据规则编号', 1, 20),
});

const chainStages = (what: string) => z.array(text(what, 1, 50)).max(20, `${what}不超过20个`).default([]);

export const ruleSetParametersSchema = z.object({
  annualBudgetYuan: yuanSchema('年度财政预算'),
  annualBudgetStated: z.boolean().optional(),
  overlapPolicy: z.enum(['topUp', 'none'], { error: '请选择与上级项目重复时的处理方式' }),
  outOfCityAllowed: z.boolean({ error: '请选择是否允许市外单位承担' }),
  homeRegion: z.string().trim().max(100, '本地范围不超过100个字').default(''),
  selectionModes: z.array(z.enum(SELECTION_MODES, { error: '遴选方式无效' })).min(1, '至少选择一种遴选方式'),
  categories: z
    .array(categoryRuleSchema)
    .max(50, '类别不超过50个')
    .superRefine(uniqueBy((c: { code: string }) => c.code, '类别代码')),
  fields: z
    .array(fieldRuleSchema)
    .max(100, '领域不超过100个')
    .superRefine(uniqueBy((f: { code: string }) => f.code, '领域代码')),
  chainAxes: z.object({ industryChain: chainStages('产业链环节'), innovationChain: chainStages('创新链环节') }).default({ industryChain: [], innovationChain: [] }),
  tierRewards: z
    .array(tierRewardSchema)
    .superRefine(uniqueBy((r: { tier: string; kind: string }) => `${r.tier}/${r.kind}`, '层级奖补')),
  ruleIds: z.partialRecord(z.enum(RULE_REF_KINDS, { error: '规则类型无效' }), text('规则编号', 1, 20)).optional(),
  postAward: postAwardOverridesSchema.optional(),
});

export const programmeInputSchema = z.object({
  code: codeSchema('计划'),
  name: text('计划名称', 2, 100),
  issuer: text('发布单位', 2, 200),
  description: z.string().trim().max(5000, '说明不超过5000个字').optional(),
});

export const versionInputSchema = z.object({
  version: text('版本号', 1, 32),
  documentNo: text('文号', 1, 100),
  effectiveFrom: dateOnlySchema,
  parameters: ruleSetParametersSchema,
});

export const formItemSchema = z.object({
  key: z.string().trim().min(1, '请填写栏目标识').max(100).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, '栏目标识只能含字母、数字、点、连字符和下划线'),
  title: text('栏目名称', 1, 200),
  hint: z.string().trim().max(500, '填写说明不超过500个字').optional(),
  kind: z.enum(FORM_ITEM_KINDS, { error: '栏目类型无效' }),
  required: z.boolean().default(true),
  maxChars: z.number().int('字数上限须为整数').min(1, '字数上限至少为1').max(50_000, '字数上限不超过50000').optional(),
});

export const formSectionSchema = z.object({
  key: z.string().trim().min(1, '请填写章节标识').max(100),
  title: text('章节名称', 1, 200),
  items: z.array(formItemSchema).min(1, '每个章节至少一个栏目').max(50, '每个章节不超过50个栏目'),
});

export const guidelineItemSchema = z.object({
  code: codeSchema('指南条目'),
  title: text('指南条目名称', 2, 200),
  description: z.string().trim().max(5000, '条目说明不超过5000个字').optional(),
  /** 揭榜挂帅: the bounty for solving the posted problem. */
  bountyYuan: yuanSchema('揭榜金额').nullable().optional(),
  fieldCode: codeSchema('领域').nullable().optional(),
});

export const callEligibilitySchema = z.object({
  /** Only organisations of the programme's home region may apply. */
  localOnly: z.boolean().optional(),
  /** Lead organisation types the call admits (narrower than the categories' own). */
  leadOrganisationTypes: z.array(z.enum(ORGANISATION_TYPES, { error: '单位类型无效' })).optional(),
  /** A university or institute must join (BL-11 innovation consortium, NB-5). */
  requireAcademicPartner: z.boolean().optional(),
  maxDurationMonths: z.number().int('实施期须为整数月').min(1).max(600).optional(),
  note: z.string().trim().max(2000, '申报条件说明不超过2000个字').optional(),
});

export const callInputSchema = z
  .object({
    title: text('指南标题', 2, 200),
    description: z.string().trim().max(20000, '指南说明不超过20000个字').optional(),
    programmeCode: codeSchema('计划'),
    versionId: z.uuid('版本编号无效').nullable().optional(),
    categoryCodes: z.array(codeSchema('类别')).max(50).default([]).superRefine(uniqueBy((s: string) => s, '类别')),
    fieldCodes: z.array(codeSchema('领域')).max(100).default([]).superRefine(uniqueBy((s: string) => s, '领域')),
    guidelineItems: z.array(guidelineItemSchema).max(500, '指南条目不超过500个').default([]).superRefine(uniqueBy((g: { code: string }) => g.code, '指南条目代码')),
    opensAt: instantSchema,
    closesAt: instantSchema,
    selectionMode: z.enum(SELECTION_MODES, { error: '请选择遴选方式' }),
    formSections: z
      .array(formSectionSchema)
      .max(30, '章节不超过30个')
      .default(() => structuredClone([...DEFAULT_PROPOSAL_TEMPLATE]))
      .superRefine(uniqueBy((s: { key: string }) => s.key, '章节标识')),
    requiredAttachments: z.array(z.enum(ATTACHMENT_KINDS, { error: '附件类型无效' })).default([]).superRefine(uniqueBy((s: string) => s, '附件类型')),
    eligibility: callEligibilitySchema.default({}),
    /** 推荐单位 recommend endorsed applications before the officer's 形式审查. */
    requiresRecommendation: z.boolean({ error: '请选择是否需要推荐单位推荐' }).default(false),
    /** A special-project call: each application is split into topics (课题, NB-8). */
    hasTopics: z.boolean({ error: '请选择是否按课题申报' }).default(false),
  })
  .superRefine((c, ctx) => {
    if (new Date(c.opensAt).getTime() >= new Date(c.closesAt).getTime()) ctx.addIssue({ code: 'custom', message: '截止时间须晚于开始时间', path: ['closesAt'] });
    const keys = c.formSections.flatMap((s) => s.items.map((i) => i.key));
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i) ctx.addIssue({ code: 'custom', message: `栏目标识“${k}”重复`, path: ['formSections'] });
    });
    c.guidelineItems.forEach((g, i) => {
      if (g.bountyYuan != null && c.selectionMode !== 'openChallenge') ctx.addIssue({ code: 'custom', message: '只有揭榜挂帅的指南条目可以设定揭榜金额', path: ['guidelineItems', i, 'bountyYuan'] });
      if (g.fieldCode != null && !c.fieldCodes.includes(g.fieldCode)) ctx.addIssue({ code: 'custom', message: '指南条目的领域须是本指南开放的领域之一', path: ['guidelineItems', i, 'fieldCode'] });
    });
  });
export type CallInput = z.output<typeof callInputSchema>;

const quoteDateSchema = z
  .string({ error: '请填写测算日期' })
  // The same parser that computes with the date decides whether it is valid, so no accepted date can fail later.
  .refine((s) => {
    try {
      shanghaiDayOf(s);
      return isCalendarDate(s) || z.iso.datetime({ offset: true }).safeParse(s).success;
    } catch {
      return false;
    }
  }, '日期须为 YYYY-MM-DD 或带时区的 ISO 时间');

export const fundingQuoteRequestSchema = z.object({
  programme: codeSchema('计划'),
  category: codeSchema('类别'),
  totalInvestment: positiveYuanSchema('研发总投入'),
  requested: positiveYuanSchema('申请补助'),
  date: quoteDateSchema,
  overlaps: z
    .array(z.object({ level: z.enum(OVERLAP_LEVELS, { error: '请选择上级项目层级' }), name: text('上级项目名称', 1, 200), amount: yuanSchema('上级项目支持金额') }))
    .max(20, '重复的上级项目不超过20个')
    .default([]),
  committed: yuanSchema('年度已承诺金额').optional(),
  durationMonths: z.number({ error: '实施期须为数字（月）' }).int('实施期须为整数月').min(1, '实施期至少1个月').max(600, '实施期不超过600个月').optional(),
});
export type FundingQuoteRequest = z.output<typeof fundingQuoteRequestSchema>;

/** The domain input of computeFunding from a parsed request (amounts are integer 元 on both sides). */
export function toFundingQuoteInput(req: FundingQuoteRequest): FundingQuoteInput {
  return {
    totalInvestmentYuan: req.totalInvestment,
    requestedYuan: req.requested,
    overlaps: req.overlaps.map((o) => ({ level: o.level, name: o.name, amountYuan: o.amount })),
    ...(req.committed !== undefined ? { committedYuan: req.committed } : {}),
    ...(req.durationMonths !== undefined ? { durationMonths: req.durationMonths } : {}),
  };
}
