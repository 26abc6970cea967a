/** Monitoring routes for the bureau's review, lateness, reminders and the leader's dashboard: parse → authorise → one use case. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { monAcceptBatchResultSchema, monDashboardSchema, monLatenessSchema, monRemindedSchema, monReviewQueueSchema, monReviewResultSchema, monTaskReviewQueueSchema, returnCommentSchema } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { workbookResponse } from '../../http/excel.js';
import { actorOf } from '../../http/auth.js';
import { dashboard } from './dashboard.js';
import { latenessExport, reviewExport } from './exports.js';
import { acceptBatchBodySchema, acceptReportBatch } from './review-batch.js';
import { lateness, remind, reviewQueue, reviewReport, reviewTaskReport, taskReviewQueue } from './review.js';
import { idParams, manage, month, read, reviewQuery, sendExport, tags } from './route-common.js';

export function reviewRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/monitoring/review', { schema: { tags, summary: '指标报送审核队列', querystring: reviewQuery, response: { 200: monReviewQueueSchema } }, config: manage }, async (request) => reviewQueue(db, request.query));
  r.get('/api/monitoring/review/export', { schema: { tags, summary: '按筛选条件导出报送记录 Excel', querystring: reviewQuery, response: workbookResponse }, config: manage }, async (request, reply) => sendExport(reply, await reviewExport(db, request.query)));
  r.get('/api/monitoring/task-review', { schema: { tags, summary: '任务进展审核队列', querystring: reviewQuery, response: { 200: monTaskReviewQueueSchema } }, config: manage }, async (request) => taskReviewQueue(db, request.query));
  r.post('/api/monitoring/reports/accept-batch', { schema: { tags, summary: '批量采纳（全部成功或全部不采纳）', body: acceptBatchBodySchema, response: { 200: monAcceptBatchResultSchema } }, config: manage }, async (request) => acceptReportBatch(db, actorOf(request), request.body.ids));
  r.post('/api/monitoring/reports/:id/accept', { schema: { tags, summary: '采纳', params: idParams, response: { 200: monReviewResultSchema } }, config: manage }, async (request) => reviewReport(db, actorOf(request), request.params.id, 'accept', null));
  r.post('/api/monitoring/reports/:id/return', { schema: { tags, summary: '退回修改（须填写意见）', params: idParams, body: returnCommentSchema, response: { 200: monReviewResultSchema } }, config: manage }, async (request) =>
    reviewReport(db, actorOf(request), request.params.id, 'return', request.body.comment),
  );
  r.post('/api/monitoring/task-reports/:id/accept', { schema: { tags, summary: '采纳任务进展', params: idParams, response: { 200: monReviewResultSchema } }, config: manage }, async (request) => reviewTaskReport(db, actorOf(request), request.params.id, 'accept', null));
  r.post('/api/monitoring/task-reports/:id/return', { schema: { tags, summary: '退回任务进展（须填写意见）', params: idParams, body: returnCommentSchema, response: { 200: monReviewResultSchema } }, config: manage }, async (request) =>
    reviewTaskReport(db, actorOf(request), request.params.id, 'return', request.body.comment),
  );
  const latenessQuery = z.object({ plan: z.string().min(1).max(64).default('nb-315'), period: month.optional() });
  // Who is late is what the leader's dashboard shows anyway; reminding stays with the bureau.
  r.get('/api/monitoring/lateness', { schema: { tags, summary: '各责任单位某月报送完整性与逾期', querystring: latenessQuery, response: { 200: monLatenessSchema } }, config: read }, async (request) => lateness(db, request.query.plan, request.query.period));
  r.get('/api/monitoring/lateness/export', { schema: { tags, summary: '导出报送完整性 Excel', querystring: latenessQuery, response: workbookResponse }, config: read }, async (request, reply) =>
    sendExport(reply, await latenessExport(db, request.query.plan, request.query.period)),
  );
  r.post(
    '/api/monitoring/reminders',
    { schema: { tags, summary: '提醒逾期未报的责任单位（显示在其工作台待办）', body: z.object({ plan: z.string().min(1).max(64), period: month, unitCodes: z.array(z.string().min(1).max(64)).min(1, '请至少选择一个责任单位').max(200) }), response: { 200: monRemindedSchema } }, config: manage },
    async (request) => remind(db, actorOf(request), request.body.plan, request.body.period, request.body.unitCodes),
  );
  r.get('/api/monitoring/dashboard', { schema: { tags, summary: '监测总览（领导一屏看）', querystring: z.object({ plan: z.string().min(1).max(64).default('nb-315'), period: month.optional() }), response: { 200: monDashboardSchema } }, config: read }, async (request) =>
    dashboard(db, request.query.plan, request.query.period),
  );
}
