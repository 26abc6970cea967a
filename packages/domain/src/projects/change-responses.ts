/** Response schemas of project changes (项目变更): the table of types, a project's requests, the officer's queue. */
import { z } from 'zod';
import { dayOut, domainShape, instantOut, pageOf } from '../common/responses.js';
import { CHANGE_APPROVERS, CHANGE_STATUSES, CHANGE_TYPES, type ChangePayload } from './changes.js';
import type { PostAwardSettings } from './settings.js';
import type { TaskBookContent } from './task-book.js';

export const CHANGE_ACTIONS = ['approve', 'reject', 'withdraw'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export const changeTypeResponse = z.object({
  type: z.enum(CHANGE_TYPES),
  label: z.string(),
  approver: z.enum([...CHANGE_APPROVERS, 'conditional']),
  approverText: z.string(),
  condition: z.string().nullable(),
  deadlineText: z.string(),
  what: z.string(),
  /** For one project: the last day this type may be requested. */
  requestBy: dayOut.nullable(),
});
export type ChangeTypeView = z.infer<typeof changeTypeResponse>;
export const changeTypesResponse = z.object({ items: z.array(changeTypeResponse) });

const movedDeadline = z.object({ key: z.string(), label: z.string(), before: z.string(), after: z.string() });

export const changeResponse = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  seq: z.number().int(),
  type: z.enum(CHANGE_TYPES),
  status: z.enum(CHANGE_STATUSES),
  approver: z.enum(CHANGE_APPROVERS),
  /** Why a conditional type went to the bureau (e.g. the indicators it lowers). */
  routeReasons: z.array(z.string()),
  payload: domainShape<ChangePayload>('变更内容（按变更类型，见 projects/changes.ts 的 changePayloadSchemas）'),
  reason: z.string(),
  requestedBy: z.string().nullable(),
  requestedAt: instantOut,
  requestedOn: dayOut,
  decisionReasons: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: instantOut.nullable(),
  supplementVersionId: z.uuid().nullable(),
  /** An approved extension's moved deadlines (every one named); the values before a leader or unit change. */
  movedDeadlines: z.array(movedDeadline),
  /** What the caller may do with it now. */
  actions: z.array(z.enum(CHANGE_ACTIONS)),
});
export type ChangeView = z.infer<typeof changeResponse>;

export const projectChangesResponse = z.object({
  items: z.array(changeResponse),
  types: z.array(changeTypeResponse),
  startDate: dayOut.nullable(),
  endDate: dayOut.nullable(),
  effectiveEndDate: dayOut.nullable(),
  approvedExtensionMonths: z.array(z.number().int()),
  settings: domainShape<PostAwardSettings>('本项目适用的项目管理设置（延期次数、月数、提前月数、验收期限等）'),
  /** The task book a new change builds on (latest version), for the forms; null before one is signed. */
  taskBook: domainShape<TaskBookContent>('变更所依据的任务书内容').nullable(),
  /** The caller may request a change now (undertaker of a running project with a signed task book). */
  canRequest: z.boolean(),
  /** Why not, in Chinese, when canRequest is false. */
  cannotRequest: z.string().nullable(),
});
export type ProjectChanges = z.infer<typeof projectChangesResponse>;

export const changeQueueItem = changeResponse.extend({ project: z.object({ id: z.uuid(), projectNo: z.string(), title: z.string(), organisationName: z.string() }) });
export type ChangeQueueItem = z.infer<typeof changeQueueItem>;
export const changeQueueResponse = pageOf(changeQueueItem);
