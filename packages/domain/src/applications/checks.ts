/**
 * The live checks of an application, shown beside the fields on every save and run again at submission: the
 * funding quote (computeFunding), eligibility (checkEligibility), matching ratio, budget totals, form and
 * validity problems, missing sections and attachments, and the countdown to the close.
 */
import type { OrganisationType } from '../organisations/schemas.js';
import { isCallOpen } from '../programmes/call-workflow.js';
import { checkEligibility, type EligibilityResult } from '../programmes/eligibility.js';
import { computeFunding } from '../programmes/funding.js';
import { formatWan } from '../programmes/money.js';
import { ATTACHMENT_KIND_LABELS, requiredFieldKeys, type AttachmentKind, type FormSection } from '../programmes/proposal-template.js';
import { ruleIdsOf } from '../programmes/rule-ids.js';
import type { EnterpriseTier, FundingQuote, RuleSetVersion } from '../programmes/types.js';
import { applicationSubmissionSchema, BUDGET_SOURCES, textSectionsSchema, type ApplicationContent, type BudgetSource } from './content.js';

/** The call as the checks need it (the server maps its row to this). */
export interface ApplicationCall {
  status?: string;
  opensAt: Date | string;
  closesAt: Date | string;
  categoryCodes: string[];
  fieldCodes: string[];
  guidelineItemCodes: string[];
  formSections: readonly FormSection[];
  requiredAttachments: readonly AttachmentKind[];
  eligibility: { localOnly?: boolean | undefined; requireAcademicPartner?: boolean | undefined; maxDurationMonths?: number | undefined };
  requiresRecommendation: boolean;
  /** A special-project call (专项): the project is split into topics (课题, NB-8). */
  hasTopics: boolean;
}

/** The applying organisation from its profile; tiers it declares in the application are added to these. */
export interface ApplicationLead {
  name: string;
  organisationType: OrganisationType;
  region: string;
  tiers: EnterpriseTier[];
}

export interface CheckProblem {
  /** POLICY.md rule ID, 'CALL' (the call's own demand), 'FORM' (a field of the form) or 'DEADLINE'. */
  rule: string;
  message: string;
  /** Dotted path of the field or section the problem belongs beside. */
  field?: string;
}

export type BudgetTotals = Record<BudgetSource, number> & { fiscalYuan: number; totalYuan: number };

export interface DeadlineCountdown {
  closesAt: string;
  open: boolean;
  closed: boolean;
  secondsLeft: number;
  label: string;
}

export interface ApplicationCheck {
  /** True when nothing stands in the way of submitting now. */
  ready: boolean;
  problems: CheckProblem[];
  budget: BudgetTotals;
  /** Per topic (NB-8) when the call has topics; the project's own quote is then their sum. */
  funding: FundingQuote | null;
  topicFunding: { code: string; quote: FundingQuote }[];
  eligibility: EligibilityResult | null;
  matching: { fiscalYuan: number; selfRaisedYuan: number; requiredMultiple: number | null; ratioLabel: string; ok: boolean; rule: string };
  missingSections: { key: string; title: string }[];
  missingAttachments: { kind: AttachmentKind; label: string }[];
  deadline: DeadlineCountdown;
}

type Line = { fiscalCityYuan?: number | undefined; fiscalDistrictYuan?: number | undefined; selfRaisedYuan?: number | undefined; otherYuan?: number | undefined };

/** Sums of each source over budget lines; fiscal = city + district (NB-7 records each level's share). */
export function budgetTotals(lines: readonly Line[]): BudgetTotals {
  const t = { fiscalCityYuan: 0, fiscalDistrictYuan: 0, selfRaisedYuan: 0, otherYuan: 0 } as Record<BudgetSource, number>;
  for (const l of lines) for (const s of BUDGET_SOURCES) t[s] += l[s] ?? 0;
  const fiscalYuan = t.fiscalCityYuan + t.fiscalDistrictYuan;
  return { ...t, fiscalYuan, totalYuan: fiscalYuan + t.selfRaisedYuan + t.otherYuan };
}

const sameTotals = (a: BudgetTotals, b: BudgetTotals) => BUDGET_SOURCES.every((s) => a[s] === b[s]);

/** The project's budget: the sum of its topics when it has any (NB-8), else its own lines. */
export function projectBudget(content: ApplicationContent): BudgetTotals {
  const topics = content.topics ?? [];
  if (topics.length > 0) return budgetTotals(topics.flatMap((t) => t.budget ?? []));
  return budgetTotals(content.budget?.lines ?? []);
}

/** Whole months from start to end, a started month counting as one (2026-01-01 to 2030-12-31 is 60). */
export function durationMonths(start: string, end: string): number {
  const [sy, sm, sd] = start.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = end.split('-').map(Number) as [number, number, number];
  return (ey - sy) * 12 + (em - sm) + (ed >= sd ? 1 : 0);
}

/** Seconds left before the close, to the second in Asia/Shanghai, and a Chinese label. */
export function deadlineCountdown(call: { status?: string; opensAt: Date | string; closesAt: Date | string }, now: Date): DeadlineCountdown {
  const closes = new Date(call.closesAt);
  const secondsLeft = Math.max(0, Math.floor(closes.getTime() / 1000) - Math.floor(now.getTime() / 1000));
  const open = isCallOpen(call as Parameters<typeof isCallOpen>[0], now);
  const closed = secondsLeft === 0 || (call.status !== undefined && call.status !== 'published');
  const d = Math.floor(secondsLeft / 86400);
  const hms = [Math.floor((secondsLeft % 86400) / 3600), Math.floor((secondsLeft % 3600) / 60), secondsLeft % 60].map((n) => String(n).padStart(2, '0')).join(':');
  const label = closed ? '已截止' : !open ? '尚未开始受理' : `距截止还有 ${d > 0 ? `${d}天 ` : ''}${hms}`;
  return { closesAt: closes.toISOString(), open, closed, secondsLeft, label };
}

/** A ratio of self-raised to fiscal money as people write it: 1:2.5. */
function ratioLabel(fiscal: number, self: number): string {
  if (fiscal === 0) return self === 0 ? '—' : '无财政经费';
  return `1:${(Math.floor((self * 100) / fiscal) / 100).toString()}`;
}

const pathOf = (path: readonly PropertyKey[]) => path.map(String).join('.');

/**
 * Every live check of one application at `now`. `ruleSet` is the version in force (BL-1: at submission, the
 * version in force at the submission instant); `lead` is the applying organisation's profile.
 */
export function checkApplication(content: ApplicationContent, call: ApplicationCall, ruleSet: RuleSetVersion, now: Date, lead?: ApplicationLead): ApplicationCheck {
  const ids = ruleIdsOf(ruleSet.parameters);
  const problems: CheckProblem[] = [];
  const basic = content.basic ?? {};

  // Form completeness and validity: the submission schema, every issue beside its field.
  const parsed = applicationSubmissionSchema.safeParse(content);
  if (!parsed.success) for (const i of parsed.error.issues) problems.push({ rule: 'FORM', message: i.message, field: pathOf(i.path) });
  const texts = textSectionsSchema(call.formSections, true).safeParse(content.sections ?? {});
  if (!texts.success) for (const i of texts.error.issues) problems.push({ rule: 'FORM', message: i.message, field: `sections.${pathOf(i.path)}` });

  const field = ruleSet.parameters.fields.find((f) => f.code === basic.fieldCode);
  if (field && field.subDirections.length > 0 && !basic.subDirection) problems.push({ rule: ruleIdsOf(ruleSet.parameters).field, message: `请选择${field.name}领域的细分方向`, field: 'basic.subDirection' });
  if (basic.categoryCode !== undefined && !call.categoryCodes.includes(basic.categoryCode)) problems.push({ rule: 'CALL', message: `本指南不受理类别“${basic.categoryCode}”`, field: 'basic.categoryCode' });
  if (basic.guidelineItemCode !== undefined && !call.guidelineItemCodes.includes(basic.guidelineItemCode)) problems.push({ rule: 'CALL', message: `本指南没有条目“${basic.guidelineItemCode}”`, field: 'basic.guidelineItemCode' });

  // Budget: the project's totals are the sum of its topics (NB-8).
  const topics = content.topics ?? [];
  if (call.hasTopics && topics.length === 0) problems.push({ rule: 'NB-8', message: '专项项目须分解为课题，请至少填写1个课题', field: 'topics' });
  const budget = projectBudget(content);
  const ownLines = content.budget?.lines ?? [];
  if (topics.length > 0 && ownLines.length > 0 && !sameTotals(budgetTotals(ownLines), budget)) {
    problems.push({ rule: 'NB-8', message: `项目预算须等于各课题预算之和（课题合计 ${formatWan(budget.totalYuan)}，项目填报 ${formatWan(budgetTotals(ownLines).totalYuan)}）`, field: 'budget.lines' });
  }
  if (budget.totalYuan === 0) problems.push({ rule: 'FORM', message: '请填写经费预算', field: topics.length ? 'topics' : 'budget.lines' });

  // Funding quote: per topic where the programme supports per topic (NB-10), else for the project.
  const overlaps = (content.budget?.overlaps ?? []).filter((o): o is { level: 'city' | 'province' | 'national'; name: string; amountYuan: number } => o.level !== undefined && o.name !== undefined && o.amountYuan !== undefined);
  const months = basic.startDate && basic.endDate && basic.startDate < basic.endDate ? durationMonths(basic.startDate, basic.endDate) : undefined;
  const durationInput = months !== undefined ? { durationMonths: months } : {};
  let funding: FundingQuote | null = null;
  const topicFunding: { code: string; quote: FundingQuote }[] = [];
  const category = basic.categoryCode;
  if (category !== undefined && budget.totalYuan > 0) {
    if (topics.length > 0) {
      for (const [i, t] of topics.entries()) {
        const tb = budgetTotals(t.budget ?? []);
        const quote = computeFunding(ruleSet, category, { totalInvestmentYuan: tb.totalYuan, requestedYuan: tb.fiscalYuan, overlaps: [], ...durationInput });
        topicFunding.push({ code: t.code ?? String(i + 1), quote });
        for (const p of quote.problems) problems.push({ rule: p.rule, message: `课题${t.code ?? i + 1}：${p.message}`, field: `topics.${i}.budget` });
      }
      const subsidy = topicFunding.reduce((s, t) => s + t.quote.subsidyYuan, 0);
      funding = { eligible: topicFunding.every((t) => t.quote.eligible), subsidyYuan: subsidy, selfRaisedYuan: budget.totalYuan - subsidy, applied: topicFunding.flatMap((t) => t.quote.applied), problems: topicFunding.flatMap((t) => t.quote.problems) };
    } else {
      funding = computeFunding(ruleSet, category, { totalInvestmentYuan: budget.totalYuan, requestedYuan: budget.fiscalYuan, overlaps, ...durationInput });
      for (const p of funding.problems) problems.push({ rule: p.rule, message: p.message, field: 'budget' });
    }
    // The fiscal money asked for in the table may not exceed what the rules allow (BL-5, BL-6, BL-7).
    if (funding.problems.length === 0 && budget.fiscalYuan > funding.subsidyYuan) {
      problems.push({ rule: overlaps.length ? ids.overlap : ids.cap, message: `预算表中财政经费 ${formatWan(budget.fiscalYuan)} 超过按规则测算的补助 ${formatWan(funding.subsidyYuan)}，请调整经费来源`, field: 'budget.lines' });
    }
  }

  // Matching (NB-10): declared self-raised money against declared fiscal money.
  const categoryRule = ruleSet.parameters.categories.find((c) => c.code === category);
  const multiple = categoryRule?.minMatchingMultiple ?? null;
  const matchingOk = multiple === null || budget.selfRaisedYuan >= budget.fiscalYuan * multiple;
  if (!matchingOk) problems.push({ rule: ids.matching, message: `预算表中自筹经费 ${formatWan(budget.selfRaisedYuan)} 不足财政经费 ${formatWan(budget.fiscalYuan)} 的${multiple}倍（1:${multiple}）`, field: 'budget.lines' });
  const matching = { fiscalYuan: budget.fiscalYuan, selfRaisedYuan: budget.selfRaisedYuan, requiredMultiple: multiple, ratioLabel: ratioLabel(budget.fiscalYuan, budget.selfRaisedYuan), ok: matchingOk, rule: ids.matching };

  // Eligibility: who leads, with whom, where, on which field and chain positions, and what the call demands.
  const sectionKeys = Object.entries(content.sections ?? {}).filter(([, v]) => v.trim().length > 0).map(([k]) => k);
  const attachmentKinds = [...new Set((content.attachments ?? []).map((a) => a.slot))];
  let eligibility: EligibilityResult | null = null;
  if (lead && category !== undefined) {
    const fieldLabels = Object.fromEntries(call.formSections.flatMap((s) => s.items.map((i) => [i.key, i.title])));
    eligibility = checkEligibility(ruleSet, category, {
      lead: { ...lead, tiers: [...new Set([...lead.tiers, ...(basic.leadTiers ?? [])])] },
      partners: (content.partners ?? []).filter((p) => p.type !== undefined).map((p) => ({ name: p.name ?? '合作单位', organisationType: p.type!, region: p.region ?? '' })),
      ...(basic.industrialisationOriented !== undefined ? { industrialisationOriented: basic.industrialisationOriented } : {}),
      ...durationInput,
      ...(basic.fieldCode !== undefined ? { fieldCode: basic.fieldCode } : {}),
      ...(basic.subDirection !== undefined ? { subDirection: basic.subDirection } : {}),
      chain: { ...(basic.industryChain !== undefined ? { industryChain: basic.industryChain } : {}), ...(basic.innovationChain !== undefined ? { innovationChain: basic.innovationChain } : {}) },
      outOfCityCommitments: { resultsTransferredLocally: basic.resultsTransferredLocally === true, companyRegisteredLocally: basic.companyRegisteredLocally === true },
      call: { requiredFieldKeys: requiredFieldKeys(call.formSections), requiredAttachmentKinds: [...call.requiredAttachments], fieldLabels, ...(call.eligibility.localOnly !== undefined ? { localOnly: call.eligibility.localOnly } : {}), fieldCodes: call.fieldCodes },
      supplied: { fieldKeys: sectionKeys, attachmentKinds },
    });
    // Required sections and attachments are listed below on their own; the rest of eligibility goes in problems.
    for (const p of eligibility.problems) {
      if (p.rule === 'CALL' && (p.field?.startsWith('form.') || p.field?.startsWith('attachments.'))) continue;
      problems.push({ rule: p.rule, message: p.message, field: p.field === undefined ? 'basic' : p.field.startsWith('lead') || p.field.startsWith('partners') || p.field.startsWith('outOfCity') ? p.field : `basic.${p.field.replace(/^chain\./, '')}` });
    }
    if (call.eligibility.requireAcademicPartner && !(content.partners ?? []).some((p) => p.type === 'university' || p.type === 'institute')) {
      problems.push({ rule: 'CALL', message: '本指南要求高校或科研院所参与联合实施', field: 'partners' });
    }
    if (call.eligibility.maxDurationMonths !== undefined && months !== undefined && months > call.eligibility.maxDurationMonths) {
      problems.push({ rule: 'CALL', message: `本指南要求实施期不超过${call.eligibility.maxDurationMonths}个月，申报${months}个月`, field: 'basic.endDate' });
    }
  }

  const filled = new Set(sectionKeys);
  const missingSections = call.formSections.flatMap((s) => s.items.filter((i) => i.required && (i.kind === 'richText' || i.kind === 'text') && !filled.has(i.key)).map((i) => ({ key: i.key, title: i.title })));
  const supplied = new Set(attachmentKinds);
  const missingAttachments = call.requiredAttachments.filter((k) => !supplied.has(k)).map((kind) => ({ kind, label: ATTACHMENT_KIND_LABELS[kind] }));
  for (const m of missingAttachments) problems.push({ rule: 'CALL', message: `缺少附件“${m.label}”`, field: `attachments.${m.kind}` });

  const deadline = deadlineCountdown(call, now);
  if (!deadline.open) problems.push({ rule: 'DEADLINE', message: deadline.closed ? '申报已截止，不能提交' : '申报尚未开始，不能提交' });

  return { ready: problems.length === 0, problems, budget, funding, topicFunding, eligibility, matching, missingSections, missingAttachments, deadline };
}

/**
 * NB-13: applications per guideline item, counting those that reached submission; an item drawing fewer than
 * 2 is flagged (competition is thin).
 */
export function guidelineItemCounts(items: readonly { code: string; title: string }[], applications: readonly { guidelineItemCode: string | null; state: string }[], threshold = 2) {
  return items.map((it) => {
    const count = applications.filter((a) => a.guidelineItemCode === it.code && a.state !== 'draft').length;
    return { code: it.code, title: it.title, count, flagged: count < threshold, rule: 'NB-13' };
  });
}
