/** Calls (申报指南): the officer's drafting and workflow actions, and the public's reading of published calls. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CALL_STATUSES, callInputSchema, callListResponse, callResponse, formalReviewSettingsResponse, formalReviewSettingsSchema, formatShanghai, SELECTION_MODE_LABELS, SELECTION_MODES, type CallEvent, type SelectionMode } from '@kechuang/domain';
import { sendWorkbook, workbookResponse } from '../../http/excel.js';
import { z } from 'zod';
import { actorOf, authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { createCall, listCalls, readCall, transitionCall, updateCall } from './calls.js';
import { readFormalReviewSettings, updateFormalReviewSettings } from './formal-review-settings.js';

const idParams = z.object({ id: z.uuid('指南编号无效') });
const listQuery = z.object({
  status: z.enum(CALL_STATUSES).optional(),
  programme: z.string().max(64).optional(),
  q: z.string().trim().max(100).optional(),
  selectionMode: z.enum(SELECTION_MODES).optional(),
});

export function callRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const tags = ['申报指南'];
  const manage = { access: { permission: 'call.manage' as const } };

  r.get('/api/calls', { schema: { tags, summary: '全部申报指南（经办人）', querystring: listQuery, response: { 200: callListResponse } }, config: manage }, async (request) => ({
    items: await listCalls(db, authOf(request).roles, { ...request.query, publicOnly: false }),
  }));
  r.get('/api/calls/export', { schema: { tags, summary: '按筛选条件导出申报指南 Excel', querystring: listQuery, response: workbookResponse }, config: manage }, async (request, reply) => {
    const items = await listCalls(db, authOf(request).roles, { ...request.query, publicOnly: false });
    type Row = (typeof items)[number];
    return sendWorkbook<Row>(reply, `申报指南-${formatShanghai(new Date()).slice(0, 10)}.xlsx`, '申报指南', [
      { header: '标题', width: 40, value: (c) => c.title },
      { header: '计划', width: 30, value: (c) => c.programme.name },
      { header: '政策版本', width: 24, value: (c) => `${c.version.version}（${c.version.documentNo}）` },
      { header: '状态', value: (c) => c.statusLabel },
      { header: '遴选方式', value: (c) => SELECTION_MODE_LABELS[c.selectionMode as SelectionMode] ?? c.selectionMode },
      { header: '类别', width: 24, value: (c) => c.categories.map((x) => x.name).join('、') },
      { header: '指南条目数', value: (c) => c.guidelineItems.length },
      { header: '申报开始（北京时间）', width: 20, value: (c) => formatShanghai(c.opensAt) },
      { header: '申报截止（北京时间）', width: 20, value: (c) => formatShanghai(c.closesAt) },
      { header: '发布时间', width: 20, value: (c) => (c.publishedAt ? formatShanghai(c.publishedAt) : '') },
    ], items);
  });
  r.get('/api/calls/:id', { schema: { tags, summary: '申报指南详情（经办人）', params: idParams, response: { 200: callResponse } }, config: manage }, async (request) => readCall(db, request.params.id, authOf(request).roles));

  r.post('/api/calls', { schema: { tags, summary: '新建申报指南（草稿）', body: callInputSchema, response: { 201: callResponse } }, config: manage }, async (request, reply) =>
    reply.status(201).send(await createCall(db, actorOf(request), authOf(request).roles, request.body)),
  );
  r.put('/api/calls/:id', { schema: { tags, summary: '修改草稿（发布后规则冻结）', params: idParams, body: callInputSchema, response: { 200: callResponse } }, config: manage }, async (request) =>
    updateCall(db, actorOf(request), authOf(request).roles, request.params.id, request.body),
  );
  r.get('/api/calls/:id/formal-review', { schema: { tags, summary: '形式审查设置：适用的审查项及其参数', params: idParams, response: { 200: formalReviewSettingsResponse } }, config: manage }, async (request) =>
    readFormalReviewSettings(db, request.params.id),
  );
  r.put('/api/calls/:id/formal-review', { schema: { tags, summary: '修改形式审查设置（发布后亦可修改，受理时适用）', params: idParams, body: formalReviewSettingsSchema, response: { 200: formalReviewSettingsResponse } }, config: manage }, async (request) =>
    updateFormalReviewSettings(db, actorOf(request), request.params.id, request.body),
  );
  for (const [event, summary] of [
    ['publish', '发布（冻结所用政策版本）'],
    ['close', '截止'],
    ['archive', '归档'],
    ['withdraw', '撤回草稿（保留只读记录，不删除）'],
  ] as [CallEvent, string][]) {
    r.post(`/api/calls/:id/${event}`, { schema: { tags, summary, params: idParams, response: { 200: callResponse } }, config: manage }, async (request) =>
      transitionCall(db, actorOf(request), authOf(request).roles, request.params.id, event),
    );
  }

  r.get(
    '/api/public/calls',
    { schema: { tags, summary: '公开的申报指南（已发布，含即将开始、申报中和已截止）', querystring: z.object({ programme: z.string().max(64).optional() }), response: { 200: callListResponse } }, config: { access: 'public' } },
    async (request) => ({ items: await listCalls(db, null, { programme: request.query.programme, publicOnly: true }) }),
  );
  r.get('/api/public/calls/:id', { schema: { tags, summary: '公开的申报指南详情', params: idParams, response: { 200: callResponse } }, config: { access: 'public' } }, async (request) => {
    const call = await readCall(db, request.params.id, null);
    return call;
  });
}
