/**
 * The structured parts of an application (申报书) as Zod schemas with Chinese messages, shared by the server
 * and the web form. Each part is defined once, in two strictnesses: a draft accepts any partial content of the
 * right types (an autosave must never be refused for a half-typed ID number), and the submission schema
 * requires every part and checks validity (resident ID check digit, 统一社会信用代码, date order).
 */
import { z } from 'zod';
import { validateCreditCode } from '../organisations/credit-code.js';
import { ORGANISATION_TYPES } from '../organisations/schemas.js';
import { ATTACHMENT_KINDS, type FormSection } from '../programmes/proposal-template.js';
import { isCalendarDate } from '../programmes/rule-set.js';
import { ENTERPRISE_TIERS, OVERLAP_LEVELS } from '../programmes/types.js';
import { validateResidentId } from './resident-id.js';

/** NB-3 task types (任务类型). */
export const TASK_TYPES = ['commonTechnology', 'strategicProduct', 'achievementTransfer', 'demonstration'] as const;
export type TaskType = (typeof TASK_TYPES)[number];
export const TASK_TYPE_LABELS: Record<TaskType, string> = {
  commonTechnology: '重大关键共性技术攻关',
  strategicProduct: '重大战略产品开发',
  achievementTransfer: '重大科技成果转化',
  demonstration: '重大科技示范工程建设',
};

export const INDICATOR_KINDS = ['technical', 'economic'] as const;
export const INDICATOR_KIND_LABELS: Record<(typeof INDICATOR_KINDS)[number], string> = { technical: '技术指标', economic: '经济指标' };

/** Expense subjects (预算科目) of the budget table. */
export const BUDGET_SUBJECTS = ['equipment', 'materials', 'testing', 'fuel', 'publication', 'travel', 'labour', 'consultancy', 'indirect', 'other'] as const;
export type BudgetSubject = (typeof BUDGET_SUBJECTS)[number];
export const BUDGET_SUBJECT_LABELS: Record<BudgetSubject, string> = {
  equipment: '设备费',
  materials: '材料费',
  testing: '测试化验加工费',
  fuel: '燃料动力费',
  publication: '出版/文献/信息传播/知识产权事务费',
  travel: '会议/差旅/国际合作与交流费',
  labour: '劳务费',
  consultancy: '专家咨询费',
  indirect: '间接费用',
  other: '其他支出',
};

/** Sources (经费来源): fiscal money split by level (NB-7), self-raised (自筹) and other. */
export const BUDGET_SOURCES = ['fiscalCityYuan', 'fiscalDistrictYuan', 'selfRaisedYuan', 'otherYuan'] as const;
export type BudgetSource = (typeof BUDGET_SOURCES)[number];
export const BUDGET_SOURCE_LABELS: Record<BudgetSource, string> = { fiscalCityYuan: '财政经费（市级）', fiscalDistrictYuan: '财政经费（区级）', selfRaisedYuan: '自筹经费', otherYuan: '其他来源' };

export const PARTNER_ROLES = ['co-lead', 'participant'] as const;
export const PARTNER_ROLE_LABELS: Record<(typeof PARTNER_ROLES)[number], string> = { 'co-lead': '联合牵头', participant: '参与' };

/** Content types an attachment slot accepts, and the largest file. */
export const ATTACHMENT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/** A text item's character limit when the call's template sets none. */
export const DEFAULT_MAX_CHARS: Record<string, number> = { richText: 20_000, text: 200 };
/** The hard ceiling of any one text answer in a draft, whatever the template says. */
const DRAFT_TEXT_CEILING = 50_000;

/** "Please fill in" when the value is missing, "must be …" when it has the wrong type. */
const missingOr = (what: string, wrong: string) => (iss: { input?: unknown }) => (iss.input === undefined ? `请填写${what}` : wrong);
const str = (what: string, max: number) => z.string({ error: missingOr(what, `${what}须为文字`) }).trim().max(max, `${what}不超过${max}个字`);
const num = (what: string) => z.number({ error: missingOr(what, `${what}须为数字`) });
const yuan = (what: string) => z.number({ error: missingOr(what, `${what}须为数字（元）`) }).int(`${what}须为整数元`).min(0, `${what}不能为负数`).max(1_000_000_000_000, `${what}过大`);
const percent = (what: string) => num(what).int(`${what}须为整数百分比`).min(0, `${what}不能为负数`).max(100, `${what}不能超过100%`);
const day = (what: string) => z.string({ error: missingOr(what, `${what}须为文字`) }).refine(isCalendarDate, `${what}格式须为 YYYY-MM-DD 且为有效日期`);

// ---- Part shapes: plain objects without refinements, built twice: strict for the submission (required text
// non-empty), loose for the draft (the same types and upper limits; the draft then takes `.partial()` of each).

function partShapes(strict: boolean) {
  const req = (what: string, max: number, min: number, message: string) => (strict ? str(what, max).min(min, message) : str(what, max));
  const atLeast = <T extends z.ZodArray<z.ZodType>>(a: T, min: number, message: string): T => (strict ? (a.min(min, message) as T) : a);

  const basicInfo = z.object({
    title: req('项目名称', 100, 2, '项目名称至少2个字'),
    categoryCode: req('类别', 64, 1, '请选择类别'),
    guidelineItemCode: req('指南条目', 64, 1, '请选择指南条目'),
    fieldCode: req('领域', 64, 1, '请选择所属领域'), // BL-3
    subDirection: str('细分方向', 100).optional(), // BL-3: required where the field lists sub-directions (checkApplication)
    taskType: z.enum(TASK_TYPES, { error: '请选择任务类型' }), // NB-3
    industryChain: req('产业链环节', 50, 1, '请选择产业链环节'), // NB-4
    innovationChain: req('创新链环节', 50, 1, '请选择创新链环节'), // NB-4
    startDate: day('开始日期'), // NB-2
    endDate: day('结束日期'),
    keywords: atLeast(z.array(req('关键词', 20, 1, '关键词不能为空')), 1, '至少填写1个关键词').max(8, '关键词不超过8个'),
    industrialisationOriented: z.boolean({ error: '请选择是否产业化目标导向' }), // NB-5
    /** Tiers the lead organisation declares (BL-2: 龙头企业, 产业链优势企业 …), verified at 形式审查. */
    leadTiers: z.array(z.enum(ENTERPRISE_TIERS, { error: '企业层级无效' })).max(ENTERPRISE_TIERS.length).optional(),
    resultsTransferredLocally: z.boolean().optional(), // NB-6 commitments of an out-of-city undertaker
    companyRegisteredLocally: z.boolean().optional(),
  });

  const indicator = z.object({
    kind: z.enum(INDICATOR_KINDS, { error: '请选择指标类型' }),
    name: req('指标名称', 100, 1, '请填写指标名称'),
    unit: req('计量单位', 20, 1, '请填写计量单位'),
    currentValue: req('现有值', 50, 1, '请填写现有值'),
    targetValue: req('目标值', 50, 1, '请填写目标值'),
    verification: req('考核方式', 200, 1, '请填写考核方式'),
  });

  const milestone = z.object({ date: day('里程碑日期'), description: req('里程碑', 200, 1, '请填写里程碑内容') });
  const yearPlan = z.object({
    year: num('年度').int('年度须为整数').min(2000, '年度无效').max(2100, '年度无效'),
    goals: req('年度目标', 2000, 1, '请填写年度目标'),
    milestones: z.array(strict ? milestone : milestone.partial()).max(20, '每年里程碑不超过20个'),
  });

  const leader = z.object({
    name: req('负责人姓名', 50, 1, '请填写项目负责人姓名'),
    title: req('职称', 50, 1, '请填写负责人职称'),
    birthYear: num('负责人出生年份').int('出生年份须为整数').min(1900, '出生年份无效').max(2100, '出生年份无效'),
    /** Stored once, masked in every view and export (maskResidentId). */
    idNumber: req('身份证号码', 30, 1, '请填写身份证号码'),
    activeProjects: num('在研项目数').int().min(0).max(100).optional(),
  });

  const member = z.object({
    name: req('成员姓名', 50, 1, '请填写成员姓名'),
    title: str('职称', 50),
    role: req('分工', 200, 1, '请填写成员分工'),
    timeSharePercent: percent('投入工作时间比例'),
  });

  const partner = z.object({
    name: req('合作单位名称', 100, 2, '请填写合作单位名称'),
    creditCode: req('统一社会信用代码', 30, 1, '请填写统一社会信用代码'),
    type: z.enum(ORGANISATION_TYPES, { error: '请选择单位类型' }),
    region: req('所在地区', 100, 2, '请填写所在地区'),
    role: z.enum(PARTNER_ROLES, { error: '请选择合作角色' }),
    workSharePercent: percent('承担工作比例'),
    budgetSharePercent: percent('经费分配比例'),
  });

  const budgetLine = z.object({
    subject: z.enum(BUDGET_SUBJECTS, { error: '请选择预算科目' }),
    fiscalCityYuan: yuan('市级财政经费'),
    fiscalDistrictYuan: yuan('区级财政经费'),
    selfRaisedYuan: yuan('自筹经费'),
    otherYuan: yuan('其他来源经费'),
  });

  const overlap = z.object({
    level: z.enum(OVERLAP_LEVELS, { error: '请选择上级项目层级' }),
    name: req('上级项目名称', 200, 1, '请填写上级项目名称'),
    amountYuan: yuan('上级项目支持金额'),
  });

  const topic = z.object({
    code: req('课题编号', 20, 1, '请填写课题编号'),
    title: req('课题名称', 100, 2, '请填写课题名称'),
    leadUnitName: req('课题承担单位', 100, 2, '请填写课题承担单位'),
    leadCreditCode: req('课题承担单位统一社会信用代码', 30, 1, '请填写课题承担单位统一社会信用代码'),
    leaderName: req('课题负责人', 50, 1, '请填写课题负责人'),
    goals: req('课题目标', 2000, 1, '请填写课题目标'),
    budget: z.array(strict ? budgetLine : budgetLine.partial()).max(BUDGET_SUBJECTS.length, '预算科目不超过10行'),
  });

  const attachment = z.object({
    slot: z.enum(ATTACHMENT_KINDS, { error: '附件类型无效' }),
    fileId: z.string().max(100),
    fileName: req('文件名', 200, 1, '请填写文件名'),
    contentType: z.string().max(100),
    sizeBytes: num('文件大小').int().min(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, '文件摘要格式无效'),
  });
  return { basicInfo, indicator, milestone, yearPlan, leader, member, partner, budgetLine, overlap, topic, attachment };
}

const STRICT = partShapes(true);
const LOOSE = partShapes(false);
export const basicInfoShape = STRICT.basicInfo;
export const indicatorShape = STRICT.indicator;
export const yearPlanShape = STRICT.yearPlan;
export const leaderShape = STRICT.leader;
export const memberShape = STRICT.member;
export const partnerShape = STRICT.partner;
export const budgetLineShape = STRICT.budgetLine;
export const overlapShape = STRICT.overlap;
export const topicShape = STRICT.topic;
export const attachmentShape = STRICT.attachment;

// ---- The draft: any partial content of the right types ------------------------------------------------------

export const applicationDraftSchema = z.object({
  basic: LOOSE.basicInfo.partial().optional(),
  indicators: z.array(LOOSE.indicator.partial()).max(100, '考核指标不超过100项').optional(),
  yearlyPlan: z.array(LOOSE.yearPlan.partial()).max(10, '年度计划不超过10年').optional(),
  team: z.object({ leader: LOOSE.leader.partial().optional(), members: z.array(LOOSE.member.partial()).max(100, '团队成员不超过100人').optional() }).optional(),
  partners: z.array(LOOSE.partner.partial()).max(30, '合作单位不超过30家').optional(),
  budget: z.object({ lines: z.array(LOOSE.budgetLine.partial()).max(BUDGET_SUBJECTS.length, '预算科目不超过10行').optional(), overlaps: z.array(LOOSE.overlap.partial()).max(20).optional() }).optional(),
  topics: z.array(LOOSE.topic.partial()).max(30, '课题不超过30个').optional(),
  attachments: z.array(LOOSE.attachment).max(50, '附件不超过50个').optional(),
  /** Answers to the template's text items, by item key. */
  sections: z.record(z.string().max(100), z.string().max(DRAFT_TEXT_CEILING, `每栏不超过${DRAFT_TEXT_CEILING}个字`)).optional(),
});
export type ApplicationContent = z.output<typeof applicationDraftSchema>;

// ---- The submission: every part present and valid -------------------------------------------------------------

type Ctx = z.core.$RefinementCtx<unknown>;
const issue = (ctx: Ctx, path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', message, path });

/** Validity that a half-typed draft may lack: ID check digit, credit codes, date order, unique subjects. */
function validity(c: SubmittedContent, ctx: Ctx): void {
  const { basic, team } = c;
  if (basic.startDate >= basic.endDate) issue(ctx, ['basic', 'endDate'], '结束日期须晚于开始日期');
  const id = validateResidentId(team.leader.idNumber);
  if (!id.ok) issue(ctx, ['team', 'leader', 'idNumber'], id.message);
  else if (Number(id.birthDate.slice(0, 4)) !== team.leader.birthYear) issue(ctx, ['team', 'leader', 'birthYear'], `出生年份与身份证号码不一致（身份证为${id.birthDate.slice(0, 4)}年）`);
  c.partners.forEach((p, i) => {
    const r = validateCreditCode(p.creditCode);
    if (!r.ok) issue(ctx, ['partners', i, 'creditCode'], r.message);
  });
  c.topics.forEach((t, i) => {
    const r = validateCreditCode(t.leadCreditCode);
    if (!r.ok) issue(ctx, ['topics', i, 'leadCreditCode'], r.message);
  });
  const dupSubjects = (lines: { subject?: string | undefined }[], path: (string | number)[]) =>
    lines.forEach((l, i) => {
      if (lines.findIndex((x) => x.subject === l.subject) !== i) issue(ctx, [...path, i, 'subject'], `预算科目“${BUDGET_SUBJECT_LABELS[l.subject as BudgetSubject]}”重复`);
    });
  dupSubjects(c.budget.lines, ['budget', 'lines']);
  c.topics.forEach((t, i) => dupSubjects(t.budget, ['topics', i, 'budget']));
  const years = c.yearlyPlan.map((y) => y.year);
  years.forEach((y, i) => {
    if (years.indexOf(y) !== i) issue(ctx, ['yearlyPlan', i, 'year'], `${y}年度重复`);
  });
  const attachmentProblems = c.attachments.flatMap((a, i) => attachmentFileProblems(a).map((m) => [i, m] as const));
  for (const [i, m] of attachmentProblems) issue(ctx, ['attachments', i], m);
}

const submittedObject = z.object({
  basic: basicInfoShape,
  indicators: z.array(indicatorShape).min(1, '至少填写1项考核指标').max(100, '考核指标不超过100项'),
  yearlyPlan: z.array(yearPlanShape).min(1, '请填写年度推进计划').max(10, '年度计划不超过10年'),
  team: z.object({ leader: leaderShape, members: z.array(memberShape).max(100, '团队成员不超过100人') }),
  partners: z.array(partnerShape).max(30, '合作单位不超过30家'),
  budget: z.object({ lines: z.array(budgetLineShape).max(BUDGET_SUBJECTS.length), overlaps: z.array(overlapShape).max(20) }),
  topics: z.array(topicShape).max(30, '课题不超过30个'),
  attachments: z.array(attachmentShape).max(50),
  sections: z.record(z.string(), z.string()),
});
type SubmittedContent = z.output<typeof submittedObject>;

/** Missing list parts default to empty so the submission check reports what is missing inside them. */
export const applicationSubmissionSchema = z
  .preprocess((v) => {
    if (typeof v !== 'object' || v === null) return v;
    const o = v as Record<string, unknown>;
    const budget = (o.budget ?? {}) as Record<string, unknown>;
    return { partners: [], topics: [], attachments: [], sections: {}, indicators: [], yearlyPlan: [], ...o, basic: o.basic ?? {}, team: { members: [], leader: {}, ...((o.team as object | undefined) ?? {}) }, budget: { lines: [], overlaps: [], ...budget } };
  }, submittedObject)
  .superRefine((c, ctx) => validity(c as SubmittedContent, ctx as Ctx));

/** What is wrong with one attachment's file: its content type or its size. */
export function attachmentFileProblems(a: { fileName: string; contentType: string; sizeBytes: number }): string[] {
  const out: string[] = [];
  if (!(ATTACHMENT_CONTENT_TYPES as readonly string[]).includes(a.contentType)) out.push(`附件“${a.fileName}”的格式不受理，只接受 PDF、JPG、PNG`);
  if (a.sizeBytes > ATTACHMENT_MAX_BYTES) out.push(`附件“${a.fileName}”超过${ATTACHMENT_MAX_BYTES / 1024 / 1024}MB`);
  if (a.sizeBytes === 0) out.push(`附件“${a.fileName}”是空文件`);
  return out;
}

/** The character limit of a template item: its own, or the default of its kind. */
export function maxCharsOf(item: { kind: string; maxChars?: number | undefined }): number {
  return item.maxChars ?? DEFAULT_MAX_CHARS[item.kind] ?? DEFAULT_MAX_CHARS.richText!;
}

/** Characters as people count them (a CJK character or an emoji is one), not UTF-16 units. */
export const charCount = (s: string): number => [...s].length;

/**
 * The text sections of a call's template as a schema: one string per text item, with its character limit;
 * required items must be filled when `strict` (the submission), any may be empty in a draft.
 */
// Building the zod object for a template costs more than validating with it (a few ms per call, profiled in the
// deadline-rush bench), and a call's template is the same for every application: keep the last few built.
const sectionSchemas = new Map<string, ReturnType<typeof buildTextSectionsSchema>>();

export function textSectionsSchema(sections: readonly FormSection[], strict: boolean) {
  const key = `${strict ? 1 : 0}${JSON.stringify(sections)}`;
  let schema = sectionSchemas.get(key);
  if (!schema) {
    if (sectionSchemas.size >= 64) sectionSchemas.clear();
    schema = buildTextSectionsSchema(sections, strict);
    sectionSchemas.set(key, schema);
  }
  return schema;
}

function buildTextSectionsSchema(sections: readonly FormSection[], strict: boolean) {
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  for (const s of sections) {
    for (const item of s.items) {
      if (item.kind !== 'richText' && item.kind !== 'text') continue;
      const max = maxCharsOf(item);
      let t: z.ZodType<string | undefined> = z
        .string({ error: strict && item.required ? `请填写“${item.title}”` : `“${item.title}”须为文字` })
        .refine((v) => charCount(v) <= max, `“${item.title}”不超过${max}个字`)
        .refine((v) => !(strict && item.required) || v.trim().length > 0, `请填写“${item.title}”`);
      if (!(strict && item.required)) t = t.optional();
      shape[item.key] = t;
    }
  }
  return z.object(shape);
}
