/** Project changes (项目变更): HTTP only — parse, authorise, call the use case. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CHANGE_APPROVER_LABELS, CHANGE_STATUS_LABELS, CHANGE_STATUSES, CHANGE_TYPE_LABELS, CHANGE_TYPES, changeDecisionSchema, changeQueueResponse, changeRequestSchema, changeResponse, changeTypesResponse,
  changeWithdrawSchema, formatShanghai, projectChangesResponse, type ChangeQueueItem,
} from '@kechuang/domain';
import { actorOf, authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { sendWorkbook, workbookResponse } from '../../http/excel.js';
import { decideChange } from './change-decide.js';
import { defaultChangeTypes, listChangeQueue, presentOne, readProjectChanges } from './change-queries.js';
import { requestChange, withdrawChange } from './change-request.js';

const tags = ['项目变更'];
const read = { access: { permission: 'project.read' as const } };
const undertake = { access: { permission: 'project.undertake' as const } };
// Approval is by the bureau (project.manage) or the unit admin (project.unitApprove): the use case checks which one
// this change needs; the route admits anyone who can read the project.
const idParams = z.object({ id: z.uuid({ error: '项目编号无效' }) });
const changeParams = idParams.extend({ changeId: z.uuid({ error: '变更编号无效' }) });
const queueQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  status: z.enum(CHANGE_STATUSES, { error: '状态无效' }).optional(),
  type: z.enum(CHANGE_TYPES, { error: '变更类型无效' }).optional(),
  q: z.string().trim().max(100).optional(),
});
const EXPORT_LIMIT = 50_000;

export function changeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  r.get('/api/change-types', { schema: { tags, summary: '项目变更类型表：是否需审批或仅备案、由谁审批、提出期限（默认设置）', response: { 200: changeTypesResponse } }, config: read }, async () => ({ items: defaultChangeTypes() }));
  r.get('/api/projects/:id/changes', { schema: { tags, summary: '本项目的变更申请、按本项目设置计算的变更类型表与期限、有效结束日期', params: idParams, response: { 200: projectChangesResponse } }, config: read }, async (request) => readProjectChanges(db, authOf(request), request.params.id));
  r.post('/api/projects/:id/changes', { schema: { tags, summary: '提出变更（承担单位）：按变更类型表校验期限与条件，送科技局或单位审批，或直接备案', params: idParams, body: changeRequestSchema, response: { 201: changeResponse } }, config: undertake }, async (request, reply) => {
    const auth = authOf(request);
    const row = await requestChange(db, auth, actorOf(request), request.params.id, request.body);
    return reply.code(201).send(await presentOne(db, auth, request.params.id, row));
  });
  r.post('/api/projects/:id/changes/:changeId/approve', { schema: { tags, summary: '批准变更（科技局或单位管理员，按类型表）：生成补充任务书；延期同时移动有效结束日期及其后全部期限', params: changeParams, body: changeDecisionSchema, response: { 200: changeResponse } }, config: read }, async (request) => {
    const auth = authOf(request);
    const row = await decideChange(db, auth, actorOf(request), request.params.id, request.params.changeId, 'approve', request.body.reasons);
    return presentOne(db, auth, request.params.id, row);
  });
  r.post('/api/projects/:id/changes/:changeId/reject', { schema: { tags, summary: '不批准变更（须写明理由）', params: changeParams, body: changeDecisionSchema, response: { 200: changeResponse } }, config: read }, async (request) => {
    const auth = authOf(request);
    const row = await decideChange(db, auth, actorOf(request), request.params.id, request.params.changeId, 'reject', request.body.reasons);
    return presentOne(db, auth, request.params.id, row);
  });
  r.post('/api/projects/:id/changes/:changeId/withdraw', { schema: { tags, summary: '撤回待审批的变更（承担单位）', params: changeParams, body: changeWithdrawSchema, response: { 200: changeResponse } }, config: undertake }, async (request) => {
    const auth = authOf(request);
    const row = await withdrawChange(db, auth, actorOf(request), request.params.id, request.params.changeId, request.body.reason);
    return presentOne(db, auth, request.params.id, row);
  });
  r.get('/api/project-changes', { schema: { tags, summary: '变更申请一览（科技局看全部，承担单位看本单位）：按状态、类型筛选，待审批的最早的在前', querystring: queueQuery, response: { 200: changeQueueResponse } }, config: read }, async (request) => listChangeQueue(db, authOf(request), request.query));
  r.get('/api/project-changes/export.xlsx', { schema: { tags, summary: '按当前筛选条件导出变更申请 Excel', querystring: queueQuery, response: workbookResponse }, config: read }, async (request, reply) => {
    const { items } = await listChangeQueue(db, authOf(request), { ...request.query, page: 1, pageSize: EXPORT_LIMIT });
    return sendWorkbook<ChangeQueueItem>(reply, `项目变更-${formatShanghai(new Date()).slice(0, 10)}.xlsx`, '项目变更', [
      { header: '立项编号', width: 22, value: (c) => c.project.projectNo },
      { header: '项目名称', width: 36, value: (c) => c.project.title },
      { header: '承担单位', width: 30, value: (c) => c.project.organisationName },
      { header: '变更号', width: 8, value: (c) => c.seq },
      { header: '变更类型', width: 22, value: (c) => CHANGE_TYPE_LABELS[c.type] },
      { header: '审批', width: 22, value: (c) => CHANGE_APPROVER_LABELS[c.approver] },
      { header: '状态', width: 10, value: (c) => CHANGE_STATUS_LABELS[c.status] },
      { header: '变更理由', width: 40, value: (c) => c.reason },
      { header: '提出人', width: 12, value: (c) => c.requestedBy ?? '' },
      { header: '提出时间', width: 20, value: (c) => formatShanghai(new Date(c.requestedAt)) },
      { header: '决定理由', width: 40, value: (c) => c.decisionReasons ?? '' },
      { header: '决定时间', width: 20, value: (c) => (c.decidedAt ? formatShanghai(new Date(c.decidedAt)) : '') },
    ], items);
  });
}
