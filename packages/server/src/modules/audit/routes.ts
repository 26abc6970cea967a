/** The auditor's endpoints: search, export, verify, anchor; and the public anchor list. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  auditAnchorListSchema,
  auditAnchorSchema,
  auditEventPageSchema,
  auditQuerySchema,
  auditVerifyResultSchema,
  auditVerifySavedSchema,
  canonicalJson,
  formatShanghai,
  publishedAnchorListSchema,
} from '@kechuang/domain';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { sendWorkbook, workbookResponse } from '../../http/excel.js';
import { AUDIT_EXPORT_LIMIT, auditEventsForExport, createAnchor, listAnchors, listPublishedAnchors, presentEvent, searchAuditEvents } from './service.js';
import { verifyAuditTrailAs } from './verify.js';

const publicAnchorsQuery = z.object({ since: z.iso.datetime({ offset: true, error: '时间格式不正确' }).optional() });

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const tags = ['审计'];

  r.get(
    '/api/audit/events',
    { schema: { tags, summary: '检索审计日志', querystring: auditQuerySchema, response: { 200: auditEventPageSchema } }, config: { access: { permission: 'audit.read' } } },
    async (request) => searchAuditEvents(db, request.query),
  );

  r.get(
    '/api/audit/events/export',
    { schema: { tags, summary: '按筛选条件导出审计日志 Excel', querystring: auditQuerySchema, response: workbookResponse }, config: { access: { permission: 'audit.export' } } },
    async (request, reply) => {
      const { rows, truncated } = await auditEventsForExport(db, actorOf(request), request.query);
      type Row = ReturnType<typeof presentEvent>;
      return sendWorkbook<Row>(
        reply,
        `审计日志-${formatShanghai(new Date()).slice(0, 10)}.xlsx`,
        '审计日志',
        [
          { header: '时间（北京时间）', width: 20, value: (e) => formatShanghai(e.occurredAt) },
          { header: '操作人', value: (e) => e.actorName ?? '' },
          { header: '角色', width: 20, value: (e) => e.role ?? '' },
          { header: '操作', value: (e) => e.actionLabel },
          { header: '操作代码', width: 20, value: (e) => e.action },
          { header: '对象类型', value: (e) => e.entityTypeLabel },
          { header: '对象编号', width: 38, value: (e) => e.entityId },
          { header: '变更内容', width: 60, value: (e) => (e.changes ? canonicalJson(e.changes) : '') },
          { header: '详情', width: 40, value: (e) => (e.detail ? canonicalJson(e.detail) : '') },
          { header: 'IP', value: (e) => e.ip ?? '' },
          { header: '链', width: 6, value: (e) => e.chain },
          { header: '序号', width: 8, value: (e) => e.seq },
          { header: '哈希', width: 66, value: (e) => e.hash },
        ],
        rows,
        truncated ? `仅导出前 ${AUDIT_EXPORT_LIMIT} 条，请缩小筛选范围` : undefined,
      );
    },
  );

  r.get(
    '/api/audit/verify',
    { schema: { tags, summary: '校验审计哈希链与锚点', response: { 200: auditVerifyResultSchema } }, config: { access: { permission: 'audit.verify' } } },
    async (request) => verifyAuditTrailAs(db, actorOf(request)),
  );

  r.post(
    '/api/audit/verify',
    {
      schema: { tags, summary: '对照库外保存的公开锚点副本校验审计链', body: auditVerifySavedSchema, response: { 200: auditVerifyResultSchema } },
      config: { access: { permission: 'audit.verify' } },
    },
    async (request) => verifyAuditTrailAs(db, actorOf(request), request.body.anchors),
  );

  // Published so anyone (the public, a supervising body) can keep a copy and later prove that the trail
  // behind an anchor was not cut or rewritten. Hashes and sequence numbers only, nothing about events.
  r.get(
    '/api/public/audit-anchors',
    {
      schema: { tags, summary: '公开的审计锚点（仅哈希与序号，不含事件内容；since 取该时间起的全部锚点）', querystring: publicAnchorsQuery, response: { 200: publishedAnchorListSchema } },
      config: { access: 'public' },
    },
    async (request) => ({ items: await listPublishedAnchors(db, request.query.since, request.query.since ? 5000 : 50) }),
  );

  r.get(
    '/api/audit/anchors',
    { schema: { tags, summary: '最近的链头锚点', response: { 200: auditAnchorListSchema } }, config: { access: { permission: 'audit.read' } } },
    async () => ({ items: await listAnchors(db) }),
  );
  r.post(
    '/api/audit/anchors',
    { schema: { tags, summary: '立即锚定全部链头', response: { 201: auditAnchorSchema } }, config: { access: { permission: 'audit.verify' } } },
    async (request, reply) => reply.status(201).send(await createAnchor(db, actorOf(request))),
  );
}
