/** Response schemas of the review context (评审与立项); the web's types are `z.infer` of these. */
import { z } from 'zod';
import { REVIEW_OUTCOME_STATUSES, REVIEW_STAGES } from './stages.js';

export const reviewRoundResponse = z.object({
  id: z.uuid(),
  callId: z.uuid(),
  callTitle: z.string(),
  programmeCode: z.string(),
  year: z.number().int(),
  stage: z.enum(REVIEW_STAGES),
  mode: z.enum(['optimal', 'draw']),
  k: z.number().int(),
  minLoad: z.number().int(),
  maxLoad: z.number().int(),
  settings: z.record(z.string(), z.unknown()),
  applications: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReviewRound = z.infer<typeof reviewRoundResponse>;
export const reviewRoundListResponse = z.object({ items: z.array(reviewRoundResponse) });

export const reviewOutcomeStatusEnum = z.enum(REVIEW_OUTCOME_STATUSES);

/** An application in a round with what each step has recorded so far (officers, observers, leaders). */
export const reviewRoundApplicationResponse = z.object({
  applicationId: z.uuid(),
  applicationNo: z.string(),
  title: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  categoryCode: z.string(),
  fieldCode: z.string().nullable(),
  submittedAt: z.string().nullable(),
  scoreCenti: z.number().int().nullable(),
  rank: z.number().int().nullable(),
  divergent: z.boolean(),
  inspection: z.enum(['passed', 'failed']).nullable(),
  plannedAmountYuan: z.number().int().nullable(),
  decidedAmountYuan: z.number().int().nullable(),
  status: reviewOutcomeStatusEnum,
});
export type ReviewRoundApplication = z.infer<typeof reviewRoundApplicationResponse>;
export const reviewRoundApplicationListResponse = z.object({ items: z.array(reviewRoundApplicationResponse) });
