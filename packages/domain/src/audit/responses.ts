/**
 * What the audit routes answer, declared once: the server validates and documents its responses with
 * these (OpenAPI), and the web derives its types from them, so a changed response fails the type check.
 */
import { z } from 'zod';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const auditChangeSchema = z.object({ before: z.unknown().optional(), after: z.unknown().optional() });
export type AuditChange = z.infer<typeof auditChangeSchema>;

export const auditEventSchema = z.object({
  id: z.uuid(),
  occurredAt: z.string(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  entityType: z.string(),
  entityTypeLabel: z.string(),
  entityId: z.string(),
  changes: z.record(z.string(), auditChangeSchema).nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
  chain: z.number().int(),
  seq: z.number().int(),
  hash: sha256Hex,
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditEventPageSchema = z.object({
  items: z.array(auditEventSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AuditEventPage = z.infer<typeof auditEventPageSchema>;

export const chainHeadSchema = z.object({ chain: z.number().int().min(0), seq: z.number().int().min(0), hash: sha256Hex });

/** An anchor as anyone may read and keep it: hashes and sequence numbers, nothing about the events. */
export const publishedAnchorSchema = z.object({
  createdAt: z.iso.datetime({ error: '锚点时间格式不正确' }),
  prevHash: sha256Hex,
  hash: sha256Hex,
  heads: z.array(chainHeadSchema).max(1024),
});
export const publishedAnchorListSchema = z.object({ items: z.array(publishedAnchorSchema) });

export const auditAnchorSchema = publishedAnchorSchema.extend({ id: z.uuid() });
export type AuditAnchor = z.infer<typeof auditAnchorSchema>;
export const auditAnchorListSchema = z.object({ items: z.array(auditAnchorSchema) });

export const auditVerifyResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), checked: z.number().int(), chains: z.number().int(), anchors: z.number().int() }),
  z.object({
    ok: z.literal(false),
    checked: z.number().int(),
    broken: z.object({
      chain: z.number().int(),
      seq: z.number().int(),
      eventId: z.string().nullable(),
      reason: z.enum(['hash-mismatch', 'prev-mismatch', 'seq-gap', 'head-mismatch', 'anchor-mismatch', 'anchor-missing', 'saved-anchor-mismatch']),
      message: z.string(),
    }),
  }),
]);
export type AuditVerifyResult = z.infer<typeof auditVerifyResultSchema>;

/** Body of a verification against anchor copies saved outside the database. */
export const auditVerifySavedSchema = z.object({ anchors: z.array(publishedAnchorSchema).min(1, '请提供至少一个保存的锚点').max(5000) });
