/** Response schemas of site inspection (实地核查) and the decision meetings (局党组会议, 区政府常务会议). */
import { z } from 'zod';
import { INSPECTION_RESULTS } from './inspection.js';
import { MEETING_DECISIONS, MEETING_KINDS } from './meetings.js';
import { reviewOutcomeStatusEnum } from './responses.js';

export const inspectionPhotoResponse = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});
export type InspectionPhoto = z.infer<typeof inspectionPhotoResponse>;

export const inspectionRecordResponse = z.object({
  id: z.uuid(),
  inspectedOn: z.string(),
  inspectors: z.array(z.string()),
  items: z.array(z.object({ key: z.string(), passed: z.boolean(), finding: z.string() })),
  findings: z.string(),
  result: z.enum(INSPECTION_RESULTS),
  basis: z.string(),
  recordedAt: z.string(),
  recordedByName: z.string(),
});
export type InspectionRecordView = z.infer<typeof inspectionRecordResponse>;

const roundApplicationBrief = {
  applicationId: z.uuid(),
  applicationNo: z.string(),
  title: z.string(),
  organisationName: z.string(),
  categoryCode: z.string(),
  rank: z.number().int().nullable(),
  scoreCenti: z.number().int().nullable(),
};

export const inspectionItemResponse = z.object({
  ...roundApplicationBrief,
  status: reviewOutcomeStatusEnum,
  record: inspectionRecordResponse.nullable(),
  photos: z.array(inspectionPhotoResponse),
});
export type InspectionItem = z.infer<typeof inspectionItemResponse>;

/** The round's inspection step: checklist, which applications are inspected, each one's record and photos. */
export const inspectionOverviewResponse = z.object({
  checklist: z.array(z.object({ key: z.string(), label: z.string() })),
  /** True while the officer has not edited the list: the page then labels it as the platform's default. */
  checklistIsDefault: z.boolean(),
  topN: z.number().int().nullable(),
  selectionReason: z.string(),
  items: z.array(inspectionItemResponse),
  /** Applications still in review left out by the top-N selection. */
  excluded: z.number().int(),
  /** Selected applications without a result yet: the step can finish when 0. */
  missing: z.number().int(),
  finishedAt: z.string().nullable(),
});
export type InspectionOverview = z.infer<typeof inspectionOverviewResponse>;

export const meetingDecisionResponse = z.object({
  applicationId: z.uuid(),
  decision: z.enum(MEETING_DECISIONS),
  amountYuan: z.number().int().nullable(),
  note: z.string(),
});

export const meetingResponse = z.object({
  id: z.uuid(),
  kind: z.enum(MEETING_KINDS),
  heldOn: z.string(),
  minutesNo: z.string(),
  agenda: z.string(),
  minutes: z.string(),
  decisions: z.array(meetingDecisionResponse),
  recordedAt: z.string(),
  recordedByName: z.string(),
  signedAt: z.string().nullable(),
  signedByName: z.string().nullable(),
});
export type MeetingView = z.infer<typeof meetingResponse>;

/** A meeting's page: its agenda (what it must decide, with the amount it may approve at most), the record, what the caller may do. */
export const meetingOverviewResponse = z.object({
  kind: z.enum(MEETING_KINDS),
  agenda: z.array(
    z.object({
      ...roundApplicationBrief,
      plannedAmountYuan: z.number().int(),
      /** What the meeting starts from: the plan's amount (party) or the party meeting's approved amount (executive). */
      proposedAmountYuan: z.number().int(),
      capYuan: z.number().int(),
    }),
  ),
  meeting: meetingResponse.nullable(),
  actions: z.object({ record: z.boolean(), signOff: z.boolean() }),
});
export type MeetingOverview = z.infer<typeof meetingOverviewResponse>;
