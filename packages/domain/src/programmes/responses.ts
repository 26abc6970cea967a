/** What the programmes, calls, funding-quote and budget endpoints answer (2xx); money is integer 元. */
import { z } from 'zod';
import { dayOut, domainShape, instantOut, itemsOf } from '../common/responses.js';
import { ORGANISATION_TYPES } from '../organisations/schemas.js';
import { BUDGET_ENTRY_KINDS } from './budget.js';
import { CALL_STATUSES } from './call-workflow.js';
import { ATTACHMENT_KINDS, type FormSection } from './proposal-template.js';
import { SELECTION_MODES, type AppliedRule, type CategoryRule, type FieldRule, type RuleSetParameters } from './types.js';

export const programmeVersionResponse = z.object({
  id: z.string(),
  version: z.string(),
  documentNo: z.string(),
  effectiveFrom: dayOut,
  parameters: domainShape<RuleSetParameters>('政策参数（类别、领域、比例与上限等，结构见 ruleSetParametersSchema）'),
  frozen: z.boolean(),
  frozenAt: instantOut.nullable(),
  createdAt: instantOut,
  updatedAt: instantOut,
});

export const programmeResponse = z.object({ id: z.string(), code: z.string(), name: z.string(), issuer: z.string(), description: z.string(), createdAt: instantOut, updatedAt: instantOut });

export const programmeSummaryResponse = programmeResponse.extend({ versionCount: z.number().int(), currentVersion: programmeVersionResponse.nullable() });
export const programmeListResponse = itemsOf(programmeSummaryResponse);

export const programmeDetailResponse = programmeResponse.extend({ currentVersionId: z.string().nullable(), versions: z.array(programmeVersionResponse) });

export const versionDiffResponse = z.object({
  from: programmeVersionResponse,
  to: programmeVersionResponse,
  changes: z.array(z.object({ path: z.string(), label: z.string(), before: z.unknown(), after: z.unknown() })),
});

/** Published calls are 'upcoming' | 'open' | 'ended'; the others repeat their status. */
export const CALL_PHASES = ['draft', 'upcoming', 'open', 'ended', 'closed', 'archived'] as const;

export const callEligibilityResponse = z.object({
  localOnly: z.boolean().optional(),
  leadOrganisationTypes: z.array(z.enum(ORGANISATION_TYPES)).optional(),
  requireAcademicPartner: z.boolean().optional(),
  maxDurationMonths: z.number().int().optional(),
  note: z.string().optional(),
});

export type CallPhase = (typeof CALL_PHASES)[number];
export type CallEligibility = z.infer<typeof callEligibilityResponse>;

export const guidelineItemResponse = z.object({ id: z.string(), code: z.string(), title: z.string(), description: z.string(), fieldCode: z.string().nullable(), bountyYuan: z.number().int().nullable() });

const versionRef = z.object({ id: z.string(), version: z.string(), documentNo: z.string(), effectiveFrom: dayOut });

export const callResponse = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.enum(CALL_STATUSES),
  statusLabel: z.string(),
  phase: z.enum(CALL_PHASES),
  programme: z.object({ code: z.string(), name: z.string(), issuer: z.string() }),
  version: versionRef,
  selectionMode: z.enum(SELECTION_MODES),
  categories: z.array(domainShape<CategoryRule>('类别规则（结构见 categoryRuleSchema）')),
  fields: z.array(domainShape<FieldRule>('领域（结构见 fieldRuleSchema）')),
  guidelineItems: z.array(guidelineItemResponse),
  opensAt: instantOut,
  closesAt: instantOut,
  formSections: z.array(domainShape<FormSection>('申报书章节（结构见 formSectionSchema）')),
  requiredAttachments: z.array(z.enum(ATTACHMENT_KINDS)),
  eligibility: callEligibilityResponse,
  /** 推荐单位 must recommend before the bureau accepts. */
  requiresRecommendation: z.boolean(),
  /** A special-project call (NB-8): applications are split into 课题. */
  hasTopics: z.boolean(),
  createdAt: instantOut,
  updatedAt: instantOut,
  publishedAt: instantOut.nullable(),
  closedAt: instantOut.nullable(),
  archivedAt: instantOut.nullable(),
  actions: z.object({ edit: z.boolean(), publish: z.boolean(), close: z.boolean(), archive: z.boolean() }),
});
export const callListResponse = itemsOf(callResponse);

export const appliedRuleResponse = z.object({ rule: z.string(), text: z.string(), values: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])) }) satisfies z.ZodType<AppliedRule>;

export const fundingQuoteResponse = z.object({
  programme: z.object({ code: z.string(), name: z.string() }),
  version: programmeVersionResponse.omit({ parameters: true }),
  category: z.string(),
  eligible: z.boolean(),
  subsidy: z.number().int(),
  selfRaised: z.number().int(),
  applied: z.array(appliedRuleResponse),
  problems: z.array(z.object({ rule: z.string(), message: z.string() })),
});

export const budgetEntryResponse = z.object({ id: z.string(), kind: z.enum(BUDGET_ENTRY_KINDS), amountYuan: z.number().int(), reference: z.string(), note: z.string(), createdAt: instantOut });

export const budgetLedgerResponse = z.object({
  programme: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  budgetYuan: z.number().int(),
  committedYuan: z.number().int(),
  disbursedYuan: z.number().int(),
  returnedYuan: z.number().int(),
  repaidYuan: z.number().int(),
  availableYuan: z.number().int(),
  undisbursedYuan: z.number().int(),
  entries: z.array(budgetEntryResponse),
});
