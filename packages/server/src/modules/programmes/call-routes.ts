/** Calls (申报指南): the officer's drafting and workflow actions, and the public's reading of published calls. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CALL_STATUSES, callInputSchema, type CallEvent } from '@kechuang/domain';
import { z } from 'zod';
import { actorOf, authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { createCall, listCalls, readCall, transitionCall, updateCall } from './calls.js';

const idParams = z.object({ id: z.uuid('指南编号无效') });

export function callRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const tags = ['申报指南'];
  const manage = { access: { permission: 'call.manage' as const } };

  r.get(
    '/api/calls',
    { schema: { tags, summary: '全部申报指南（经办人）', querystring: z.object({ status: z.enum(CALL_STATUSES).optional(), programme: z.string().max(64).optional() }) }, config: manage },
    async (request) => ({ items: await listCalls(db, authOf(request).roles, { ...request.query, publicOnly: false }) }),
  );
  r.get('/api/calls/:id', { schema: { tags, summary: '申报指南详情（经办人）', params: idParams }, config: manage }, async (request) => readCall(db, request.params.id, authOf(request).roles));

  r.post('/api/calls', { schema: { tags, summary: '新建申报指南（草稿）', body: callInputSchema }, config: manage }, async (request, reply) =>
    reply.status(201).send(await createCall(db, actorOf(request), authOf(request).roles, request.body)),
  );
  r.put('/api/calls/:id', { schema: { tags, summary: '修改草稿（发布后规则冻结）', params: idParams, body: callInputSchema }, config: manage }, async (request) =>
    updateCall(db, actorOf(request), authOf(request).roles, request.params.id, request.body),
  );
  for (const [event, summary] of [
    ['publish', '发布（冻结所用政策版本）'],
    ['close', '截止'],
    ['archive', '归档'],
    ['withdraw', '撤回草稿（保留只读记录，不删除）'],
  ] as [CallEvent, string][]) {
    r.post(`/api/calls/:id/${event}`, { schema: { tags, summary, params: idParams }, config: manage }, async (request) =>
      transitionCall(db, actorOf(request), authOf(request).roles, request.params.id, event),
    );
  }

  r.get(
    '/api/public/calls',
    { schema: { tags, summary: '公开的申报指南（已发布，含即将开始、申报中和已截止）', querystring: z.object({ programme: z.string().max(64).optional() }) }, config: { access: 'public' } },
    async (request) => ({ items: await listCalls(db, null, { programme: request.query.programme, publicOnly: true }) }),
  );
  r.get('/api/public/calls/:id', { schema: { tags, summary: '公开的申报指南详情', params: idParams }, config: { access: 'public' } }, async (request) => {
    const call = await readCall(db, request.params.id, null);
    return call;
  });
}
