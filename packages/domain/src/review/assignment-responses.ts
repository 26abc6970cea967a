/** Response schemas of the assignment step (回避, optimal assignment, confirmed assignments). */
import { z } from 'zod';
import { CONFLICT_KINDS } from './conflicts.js';

export const conflictReasonResponse = z.object({ kind: z.enum(CONFLICT_KINDS), text: z.string() });

export const roundConflictsResponse = z.object({
  k: z.number().int(),
  experts: z.number().int(),
  conflictPairs: z.number().int(),
  candidatePairs: z.number().int(),
  pairs: z.array(
    z.object({
      applicationId: z.uuid(),
      applicationNo: z.string(),
      title: z.string(),
      expertId: z.uuid(),
      expertName: z.string(),
      expertOrganisation: z.string(),
      reasons: z.array(conflictReasonResponse),
    }),
  ),
  applications: z.array(
    z.object({
      applicationId: z.uuid(),
      applicationNo: z.string(),
      title: z.string(),
      fieldCode: z.string().nullable(),
      fieldName: z.string(),
      conflicts: z.number().int(),
      candidates: z.number().int(),
      canGetK: z.boolean(),
    }),
  ),
  /** Experts left out of the pool by an integrity record (科研失信) in force, each with the record named. */
  integrityExcluded: z.array(z.object({ expertId: z.uuid(), expertName: z.string(), message: z.string() })),
});
export type RoundConflicts = z.infer<typeof roundConflictsResponse>;

export const assignmentPairResponse = z.object({
  applicationId: z.uuid(),
  applicationNo: z.string(),
  title: z.string(),
  expertId: z.uuid(),
  expertName: z.string(),
  affinity: z.number().int(),
  rank: z.number().int(),
  candidates: z.number().int(),
  explanation: z.string(),
});

export const assignmentInfeasibilityResponse = z.object({
  messages: z.array(z.string()),
  placesNeeded: z.number(),
  totalMaxLoad: z.number(),
  totalMinLoad: z.number(),
  byField: z.array(z.object({ field: z.string(), applications: z.number().int(), placesNeeded: z.number(), fieldExperts: z.number().int(), fieldMaxLoad: z.number() })),
  tooFewCandidates: z.array(z.object({ applicationId: z.uuid(), applicationNo: z.string(), title: z.string(), candidates: z.number().int(), needed: z.number().int() })),
  underloadExperts: z.array(z.object({ expertId: z.uuid(), expertName: z.string() })),
});

export const assignmentPreviewResponse = z.object({
  feasible: z.boolean(),
  k: z.number().int(),
  objective: z.number().int().nullable(),
  /** The engine's result hash: confirm may name it, to refuse when the re-run differs from what was shown. */
  resultHash: z.string().nullable(),
  conflictPairs: z.number().int(),
  candidatePairs: z.number().int(),
  pairs: z.array(assignmentPairResponse),
  loads: z.array(z.object({ expertId: z.uuid(), expertName: z.string(), load: z.number().int(), minLoad: z.number().int(), maxLoad: z.number().int() })),
  infeasibility: assignmentInfeasibilityResponse.nullable(),
});
export type AssignmentPreview = z.infer<typeof assignmentPreviewResponse>;

export const assignmentConfirmBody = z.preprocess((v) => v ?? {}, z.object({ resultHash: z.string().regex(/^[0-9a-f]{64}$/, '预览结果摘要格式无效').optional() }));
export const assignmentConfirmResponse = z.object({ assignments: z.number().int(), objective: z.number().int(), experts: z.number().int(), stage: z.string() });

export const roundAssignmentListResponse = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      applicationId: z.uuid(),
      applicationNo: z.string(),
      title: z.string(),
      expertId: z.uuid(),
      expertName: z.string(),
      source: z.string(),
      status: z.string(),
      affinity: z.number().int(),
      explanation: z.string(),
    }),
  ),
});
export type RoundAssignmentList = z.infer<typeof roundAssignmentListResponse>;
