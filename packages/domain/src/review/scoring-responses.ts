/**
 * Response schemas of remote scoring (不见面评审): the rubric, the expert's workspace, the officer's progress and
 * results, and the panel meeting (会评). What an expert receives never carries another expert's identity or score.
 */
import { z } from 'zod';
import { scoringCriterionSchema, scoringRubricSchema } from './scoring.js';

export const rubricResponse = z.object({
  rubric: scoringRubricSchema.nullable(),
  /** The programme's default drop-extremes threshold, shown beside the round's own setting. */
  programmeDropExtremesMin: z.number().int().nullable(),
  editable: z.boolean(),
  submittedSheets: z.number().int(),
});

export const SHEET_STATUSES = ['none', 'draft', 'submitted'] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];
export const SHEET_STATUS_LABELS: Record<SheetStatus, string> = { none: '未评分', draft: '草稿', submitted: '已提交' };

export const myAssignmentResponse = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  callTitle: z.string(),
  applicationNo: z.string(),
  title: z.string(),
  categoryCode: z.string(),
  closesAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  sheetStatus: z.enum(SHEET_STATUSES),
  submittedAt: z.string().nullable(),
});
export type MyAssignment = z.infer<typeof myAssignmentResponse>;
export const myAssignmentListResponse = z.object({ items: z.array(myAssignmentResponse), total: z.number().int() });

export const sheetEntryResponse = z.object({ pointsCenti: z.number().int().nullable(), comment: z.string() });
export const scoreSheetResponse = z.object({
  entries: z.record(z.string(), sheetEntryResponse),
  opinion: z.string(),
  status: z.enum(['draft', 'submitted']),
  totalCenti: z.number().int().nullable(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type ScoreSheet = z.infer<typeof scoreSheetResponse>;

export const assignmentDetailResponse = myAssignmentResponse.extend({
  /** toDeclare: must declare before opening; scoring: opened; submitted; closed: scoring window over. */
  state: z.enum(['toDeclare', 'scoring', 'submitted', 'closed']),
  criteria: z.array(scoringCriterionSchema),
  sheet: scoreSheetResponse.nullable(),
});
export type AssignmentDetail = z.infer<typeof assignmentDetailResponse>;

export const reviewApplicationResponse = z.object({
  applicationNo: z.string(),
  title: z.string(),
  categoryCode: z.string(),
  submittedVersion: z.number().int().nullable(),
  content: z.record(z.string(), z.unknown()),
  attachments: z.array(z.object({ id: z.uuid(), kind: z.string(), fileName: z.string(), size: z.number().int(), contentType: z.string() })),
});
export type ReviewApplication = z.infer<typeof reviewApplicationResponse>;

export const declineResponse = z.object({
  declined: z.literal(true),
  /** Whether a replacement was drawn; never who. */
  replaced: z.boolean(),
  message: z.string(),
});

export const panelAdjustmentResponse = z.object({
  id: z.uuid(),
  assignmentId: z.uuid(),
  applicationId: z.uuid(),
  expertName: z.string(),
  beforeCenti: z.number().int(),
  afterCenti: z.number().int(),
  reason: z.string(),
  createdAt: z.string(),
});
export const panelResponse = z.object({
  id: z.uuid(),
  status: z.enum(['open', 'closed']),
  currentApplicationId: z.uuid().nullable(),
  minutes: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  adjustments: z.array(panelAdjustmentResponse),
});
export type Panel = z.infer<typeof panelResponse>;

/** The officer's view (review.manage / review.observe): names are shown to officers only. */
export const scoringProgressResponse = z.object({
  closesAt: z.string().nullable(),
  stage: z.string(),
  sheets: z.object({ submitted: z.number().int(), total: z.number().int() }),
  experts: z.array(z.object({ expertId: z.uuid(), name: z.string(), submitted: z.number().int(), total: z.number().int(), reminded: z.number().int() })),
  applications: z.array(
    z.object({
      applicationId: z.uuid(),
      applicationNo: z.string(),
      title: z.string(),
      submitted: z.number().int(),
      total: z.number().int(),
      champion: z.boolean(),
      scoreCenti: z.number().int().nullable(),
      rank: z.number().int().nullable(),
      divergent: z.boolean(),
      sheets: z.array(z.object({ assignmentId: z.uuid(), expertName: z.string(), status: z.enum(SHEET_STATUSES), totalCenti: z.number().int().nullable(), adjustedCenti: z.number().int().nullable() })),
    }),
  ),
  panel: panelResponse.nullable(),
});
export type ScoringProgress = z.infer<typeof scoringProgressResponse>;

export const closeScoringResponse = z.object({
  stage: z.string(),
  aggregated: z.number().int(),
  missing: z.array(z.object({ applicationNo: z.string(), expertName: z.string() })),
});
