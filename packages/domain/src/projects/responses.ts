/** Response schemas of projects (项目): `GET /api/projects`, `GET /api/projects/:id` are API contracts outside tools rely on. */
import { z } from 'zod';
import { pageOf } from '../common/responses.js';
import { BUDGET_ENTRY_KINDS } from '../programmes/budget.js';
import { PROJECT_ACTIONS, PROJECT_STATES } from './lifecycle.js';
import { TASK_BOOK_KINDS, TASK_BOOK_PARTIES, TASK_BOOK_STATUSES } from './task-book.js';

export { PROJECT_STATES, PROJECT_STATE_LABELS, type ProjectState } from './lifecycle.js';

export const projectResponse = z.object({
  id: z.uuid(),
  projectNo: z.string(),
  title: z.string(),
  state: z.enum(PROJECT_STATES),
  programmeCode: z.string(),
  budgetYear: z.number().int(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  category: z.object({ code: z.string(), name: z.string() }),
  fieldCode: z.string().nullable(),
  approvedAmountYuan: z.number().int(),
  /** The application it came from. */
  application: z.object({ id: z.uuid(), applicationNo: z.string() }),
  callId: z.uuid(),
  roundId: z.uuid(),
  approvedAt: z.string(),
  /** Task-book dates (NB-2); the effective end includes approved extensions. */
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  effectiveEndDate: z.string().nullable(),
  leaderName: z.string(),
});
export type ProjectView = z.infer<typeof projectResponse>;
export const projectPageResponse = pageOf(projectResponse);

export const PROJECT_SORTS = ['projectNo', '-projectNo', 'approvedAmountYuan', '-approvedAmountYuan', 'approvedAt', '-approvedAt', 'effectiveEndDate', '-effectiveEndDate'] as const;

export const taskBookVersionSummary = z.object({
  id: z.uuid(),
  versionNo: z.number().int(),
  kind: z.enum(TASK_BOOK_KINDS),
  status: z.enum(TASK_BOOK_STATUSES),
  contentHash: z.string(),
  /** The change (项目变更) a supplementary version comes from. */
  changeId: z.uuid().nullable(),
  createdAt: z.string(),
  signedAt: z.string().nullable(),
  signatures: z.array(z.object({ party: z.enum(TASK_BOOK_PARTIES), signerName: z.string(), signedAt: z.string() })),
});
export type TaskBookVersionSummary = z.infer<typeof taskBookVersionSummary>;

export const projectMovementResponse = z.object({
  id: z.uuid(),
  kind: z.enum(BUDGET_ENTRY_KINDS),
  amountYuan: z.number().int(),
  note: z.string(),
  createdAt: z.string(),
});

export const projectLedgerResponse = z.object({
  committedYuan: z.number().int(),
  disbursedYuan: z.number().int(),
  releasedYuan: z.number().int(),
  repaidYuan: z.number().int(),
  undisbursedYuan: z.number().int(),
  netPaidYuan: z.number().int(),
  movements: z.array(projectMovementResponse),
});

export const projectDetailResponse = projectResponse.extend({
  organisation: z.object({ id: z.uuid(), name: z.string(), creditCode: z.string() }),
  fieldName: z.string().nullable(),
  /** NB-7: each level's share of the fiscal amount. */
  fiscalCityYuan: z.number().int(),
  fiscalDistrictYuan: z.number().int(),
  /** 主管部门, where there is one. */
  department: z.string().nullable(),
  lumpSum: z.boolean(),
  stateChangedAt: z.string(),
  /** Actions the state table allows now (the server still checks the actor's permission). */
  actions: z.array(z.enum(PROJECT_ACTIONS)),
  taskBookVersions: z.array(taskBookVersionSummary),
  ledger: projectLedgerResponse,
});
export type ProjectDetail = z.infer<typeof projectDetailResponse>;

export const projectEventResponse = z.object({
  id: z.uuid(),
  at: z.string(),
  kind: z.string(),
  summary: z.string(),
  actorName: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export const projectEventsResponse = z.object({ items: z.array(projectEventResponse) });
export type ProjectEvent = z.infer<typeof projectEventResponse>;
