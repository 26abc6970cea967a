/**
 * What the applications API answers (2xx only): declared on the routes, serialised through them, and the web's
 * types are inferred from them. The content and the live checks are typed by the domain's own types.
 */
import { z } from 'zod';
import { domainShape, instantOut, pageOf } from '../common/responses.js';
import type { ApplicationCheck } from './checks.js';
import type { ApplicationContent } from './content.js';
import { APPLICATION_EVENTS, APPLICATION_STATES } from './workflow.js';
import { FORMAL_REVIEW_ITEM_KEYS, formalReviewSettingsSchema } from './formal-review.js';

export const applicationSummaryResponse = z.object({
  id: z.string(),
  applicationNo: z.string(),
  title: z.string(),
  call: z.object({ id: z.string(), title: z.string(), closesAt: instantOut, requiresRecommendation: z.boolean(), hasTopics: z.boolean() }),
  guidelineItem: z.object({ id: z.string(), code: z.string(), title: z.string() }).nullable(),
  categoryCode: z.string(),
  organisation: z.object({ id: z.string(), name: z.string().nullable() }),
  state: z.enum(APPLICATION_STATES),
  stateLabel: z.string(),
  version: z.number().int(),
  submittedVersion: z.number().int().nullable(),
  submittedAt: instantOut.nullable(),
  createdAt: instantOut,
  updatedAt: instantOut,
});

export const applicationListResponse = pageOf(applicationSummaryResponse);

/** A return's reason, attached to the section or field it concerns. */
export const returnReasonResponse = z.object({ field: z.string(), reason: z.string() });

export const applicationDetailResponse = applicationSummaryResponse.extend({
  /** The leader's ID number is masked here as in every view. */
  content: domainShape<ApplicationContent>('申报书内容（结构见 applicationDraftSchema；身份证号已遮蔽）'),
  returnReasons: z.array(returnReasonResponse),
  returnedBy: z.string().nullable(),
  ruleSet: z.object({
    programmeCode: z.string(),
    version: z.string(),
    documentNo: z.string(),
    /** NB-4: the chain stages the programme's rule set accepts; empty when it names none (free text). */
    chainAxes: z.object({ industryChain: z.array(z.string()), innovationChain: z.array(z.string()) }),
  }),
  checks: domainShape<ApplicationCheck>('实时校验：经费测算、资格问题、配套比例、缺项与截止倒计时（结构见 checkApplication）'),
  actions: z.array(z.enum([...APPLICATION_EVENTS, 'edit'])),
});

export const draftSavedResponse = z.object({ version: z.number().int(), savedAt: instantOut, contentHash: z.string() });
export const applicationSubmittedResponse = z.object({ state: z.enum(APPLICATION_STATES), version: z.number().int(), contentHash: z.string(), submittedAt: instantOut });
export const applicationTransitionResponse = z.object({ state: z.enum(APPLICATION_STATES) });

export const applicationVersionResponse = z.object({ version: z.number().int(), contentHash: z.string(), frozen: z.boolean(), savedAt: instantOut });
export const applicationVersionListResponse = z.object({ items: z.array(applicationVersionResponse) });
export const applicationVersionContentResponse = applicationVersionResponse.extend({
  content: domainShape<ApplicationContent>('该版本的申报书内容（身份证号已遮蔽）'),
});
export const applicationVersionCompareResponse = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(z.object({ path: z.string(), kind: z.enum(['added', 'removed', 'changed']), before: z.unknown(), after: z.unknown() })),
});

export const receiptVerificationResponse = z.object({
  found: z.boolean(),
  receipts: z.array(z.object({ applicationNo: z.string(), version: z.number().int(), contentHash: z.string(), pdfSha256: z.string(), generatedAt: instantOut, latest: z.boolean() })),
});

/** 形式审查: the call's checklist for the submitted version, each item computed (where automatic) and recorded. */
export const formalReviewResponse = z.object({
  items: z.array(
    z.object({
      key: z.enum(FORMAL_REVIEW_ITEM_KEYS),
      label: z.string(),
      automatic: z.boolean(),
      computed: z.object({ pass: z.boolean(), detail: z.string() }).nullable(),
      recorded: z.object({ pass: z.boolean(), reason: z.string().nullable(), by: z.string().nullable(), at: z.string() }).nullable(),
    }),
  ),
  complete: z.boolean(),
  passed: z.boolean(),
});

/** A call's 形式审查 settings, with the defaults filled in. */
export const formalReviewSettingsResponse = formalReviewSettingsSchema;
