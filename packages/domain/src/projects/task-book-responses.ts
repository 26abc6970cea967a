/** Request and response shapes of the task book (任务书): its versions with content, check problems and the caller's actions. */
import { z } from 'zod';
import { TASK_BOOK_KINDS, TASK_BOOK_PARTIES, TASK_BOOK_STATUSES, taskBookContentSchema, type TaskBookContent, type TaskBookParty } from './task-book.js';

export const taskBookProblemResponse = z.object({ field: z.string(), message: z.string(), rule: z.string().optional() });

export const taskBookAllowedChangesSchema = z.object({
  indicators: z.boolean().optional(),
  content: z.boolean().optional(),
  /** An approved extension may take the period past NB-2's five years. */
  period: z.boolean().optional(),
});

export const taskBookVersionResponse = z.object({
  id: z.uuid(),
  versionNo: z.number().int(),
  kind: z.enum(TASK_BOOK_KINDS),
  status: z.enum(TASK_BOOK_STATUSES),
  contentHash: z.string(),
  changeId: z.uuid().nullable(),
  createdAt: z.string(),
  frozenAt: z.string().nullable(),
  signedAt: z.string().nullable(),
  content: taskBookContentSchema,
  /** 甲方 and 乙方 always; 丙方 when the version names a 主管部门. */
  requiredParties: z.array(z.enum(TASK_BOOK_PARTIES)),
  signatures: z.array(z.object({ party: z.enum(TASK_BOOK_PARTIES), signerName: z.string(), signedAt: z.string(), contentHash: z.string(), recordedByName: z.string().nullable() })),
  /** What the mechanical check compares it with (drafts and versions being signed; empty otherwise). */
  baseline: z.enum(['application', 'inForce']).nullable(),
  allowed: taskBookAllowedChangesSchema.nullable(),
  problems: z.array(taskBookProblemResponse),
  /** What the caller may do with this version now. */
  actions: z.object({ edit: z.boolean(), freeze: z.boolean(), sign: z.array(z.enum(TASK_BOOK_PARTIES)) }),
});
export type TaskBookVersionView = z.infer<typeof taskBookVersionResponse>;

export const taskBookOverviewResponse = z.object({
  versions: z.array(taskBookVersionResponse),
  /** The signed version in force (the latest signed), if any. */
  inForceId: z.uuid().nullable(),
});
export type TaskBookOverview = z.infer<typeof taskBookOverviewResponse>;

export const taskBookDraftInput = z.object({
  /** The content hash the editor started from: a save over someone else's newer save is refused. */
  baseHash: z.string().regex(/^[0-9a-f]{64}$/, { error: '版本标识无效' }),
  content: taskBookContentSchema,
});
export type TaskBookDraftInput = z.infer<typeof taskBookDraftInput>;

export const taskBookSignInput = z.object({
  party: z.enum(TASK_BOOK_PARTIES, { error: '请选择签署方' }),
  /** The content hash the signer saw: must equal the version's. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, { error: '内容摘要无效' }),
  /** The 主管部门's signatory, recorded by the officer on its behalf (required for that party only). */
  signerName: z.string().trim().max(50).optional(),
});
export type TaskBookSignInput = z.infer<typeof taskBookSignInput>;

/** The parties whose signatures put a version in force. */
export function requiredTaskBookParties(content: Pick<TaskBookContent, 'parties'>): TaskBookParty[] {
  return content.parties.department ? ['bureau', 'undertaker', 'department'] : ['bureau', 'undertaker'];
}
