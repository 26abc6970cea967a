/** Audit trail query, shared by the auditor's table and its Excel export. */
import { z } from 'zod';

export const auditQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(64).optional(),
  ip: z.string().trim().max(64).optional(),
  from: z.iso.datetime({ offset: true, error: '开始时间格式不正确' }).optional(),
  to: z.iso.datetime({ offset: true, error: '结束时间格式不正确' }).optional(),
  sort: z.enum(['occurredAt', '-occurredAt']).default('-occurredAt'),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
