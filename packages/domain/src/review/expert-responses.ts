/** Response schemas of the expert pool (专家库) and of reverse evaluation (反向评价); the web's types are z.infer of these. */
import { z } from 'zod';
import { instantOut, pageOf } from '../common/responses.js';
import { EXPERT_RATER_KINDS, EXPERT_STATUSES } from './experts.js';
import { REVIEW_STAGES } from './stages.js';

export const declaredConflictOut = z.object({
  kind: z.enum(['organisation', 'person']),
  creditCode: z.string().optional(),
  /** A declared person's resident ID (the declaring expert and pool officers edit it; the audit trail masks it). */
  idNumber: z.string().optional(),
  name: z.string(),
  reason: z.string(),
});

/** What the expert sees and edits of their own profile (我的专家信息): no ratings, no workload. */
export const expertSelfResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  idNumberMasked: z.string().nullable(),
  title: z.string(),
  organisationName: z.string(),
  organisationCreditCode: z.string().nullable(),
  region: z.string(),
  fields: z.array(z.string()),
  keywords: z.array(z.string()),
  consortia: z.array(z.string()),
  available: z.boolean(),
  declaredConflicts: z.array(declaredConflictOut),
  status: z.enum(EXPERT_STATUSES),
  updatedAt: instantOut,
});
export type ExpertSelf = z.infer<typeof expertSelfResponse>;

/** A row of the officer's pool list: the profile, its login, and the aggregates officers alone see. */
export const expertResponse = expertSelfResponse.extend({
  phone: z.string(),
  email: z.string(),
  userId: z.uuid().nullable(),
  username: z.string().nullable(),
  /** The reason given with the last suspension, while suspended. */
  suspendedReason: z.string().nullable(),
  ratingCenti: z.number().int().nullable().meta({ description: '平均评价（1/100 星，433 = 4.33）' }),
  ratingCount: z.number().int(),
  assignments: z.number().int(),
  openAssignments: z.number().int(),
  createdAt: instantOut,
});
export type Expert = z.infer<typeof expertResponse>;
export const expertPageResponse = pageOf(expertResponse);

export const expertTaxonomyResponse = z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), programmes: z.array(z.string()) })) });

export const expertImportResponse = z.object({
  saved: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), column: z.string(), field: z.string(), message: z.string() })),
});

export const expertLoginResponse = z.object({ username: z.string(), temporaryPassword: z.string(), expert: expertResponse });

export const expertHistoryEntry = z.object({
  id: z.string(),
  occurredAt: instantOut,
  action: z.string(),
  actionLabel: z.string(),
  actorName: z.string().nullable(),
  summary: z.string(),
});

export const expertAssignmentOut = z.object({
  assignmentId: z.uuid(),
  roundId: z.uuid(),
  callTitle: z.string(),
  stage: z.enum(REVIEW_STAGES),
  applicationId: z.uuid(),
  applicationNo: z.string(),
  applicationTitle: z.string(),
  source: z.string(),
  status: z.string(),
  /** open: the round is still assigning or scoring; closed: scoring has closed; declined: 回避 declared. */
  state: z.enum(['open', 'closed', 'declined']),
  createdAt: instantOut,
});

export const expertWorkloadRow = z.object({
  roundId: z.uuid(),
  callTitle: z.string(),
  stage: z.enum(REVIEW_STAGES),
  total: z.number().int(),
  open: z.number().int(),
  closed: z.number().int(),
  declined: z.number().int(),
  /** The officer may rate the expert's work in this round (scoring has closed and not rated yet by this officer). */
  canRate: z.boolean(),
});

export const expertRatingOut = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  callTitle: z.string(),
  applicationNo: z.string().nullable(),
  raterKind: z.enum(EXPERT_RATER_KINDS),
  raterName: z.string(),
  score: z.number().int(),
  comment: z.string(),
  createdAt: instantOut,
});

export const expertDetailResponse = z.object({
  expert: expertResponse,
  history: z.array(expertHistoryEntry),
  assignments: z.array(expertAssignmentOut),
  workload: z.array(expertWorkloadRow),
  ratings: z.object({
    averageCenti: z.number().int().nullable(),
    count: z.number().int(),
    distribution: z.array(z.object({ score: z.number().int(), count: z.number().int() })),
    items: z.array(expertRatingOut),
  }),
});
export type ExpertDetail = z.infer<typeof expertDetailResponse>;

/**
 * The applicant's view of its reviewers (反向评价): anonymous slots only. `slot` is the assignment's id — unique to
 * this application, so nothing in it links one application's 专家一 to another's.
 */
export const applicationExpertRatingsResponse = z.object({
  open: z.boolean(),
  /** Why rating is not open (yet), in Chinese; null when open. */
  reason: z.string().nullable(),
  slots: z.array(z.object({ slot: z.uuid(), label: z.string(), score: z.number().int().nullable(), comment: z.string(), ratedAt: instantOut.nullable() })),
});
export type ApplicationExpertRatings = z.infer<typeof applicationExpertRatingsResponse>;
export type ExpertImportResult = z.infer<typeof expertImportResponse>;
export type ExpertLoginResult = z.infer<typeof expertLoginResponse>;
export type ExpertTaxonomy = z.infer<typeof expertTaxonomyResponse>;
