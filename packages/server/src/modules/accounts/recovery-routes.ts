/** 管理员密码找回 endpoints: parse, authorise (the separated administrators), call one use case. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recoveryApprovalSchema, recoveryOverviewSchema, recoveryRequestSchema, recoveryRequestViewSchema } from '@kechuang/domain';
import { z } from 'zod';
import { actorOf, authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { approveRecovery } from './approve-recovery.js';
import { cancelRecovery } from './cancel-recovery.js';
import { listRecoveries } from './list-recoveries.js';
import { requestRecovery } from './request-recovery.js';

const idParams = z.object({ id: z.uuid('申请编号无效') });

export function recoveryRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const tags = ['管理员密码找回'];
  const recover = { access: { permission: 'admin.recover' as const } };

  r.get('/api/admin-recovery', { schema: { tags, summary: '可协助找回的管理员及相关申请', response: { 200: recoveryOverviewSchema } }, config: recover }, async (request) =>
    listRecoveries(db, authOf(request)),
  );
  r.post(
    '/api/admin-recovery',
    { schema: { tags, summary: '发起管理员密码找回（须另一位管理员批准）', body: recoveryRequestSchema, response: { 201: recoveryRequestViewSchema } }, config: recover },
    async (request, reply) => reply.status(201).send(await requestRecovery(db, authOf(request), actorOf(request), request.body)),
  );
  r.post(
    '/api/admin-recovery/:id/approve',
    { schema: { tags, summary: '批准管理员密码找回（返回一次性临时密码，仅显示一次）', params: idParams, response: { 200: recoveryApprovalSchema } }, config: recover },
    async (request) => approveRecovery(db, authOf(request), actorOf(request), request.params.id),
  );
  r.post(
    '/api/admin-recovery/:id/cancel',
    { schema: { tags, summary: '撤销管理员密码找回', params: idParams, response: { 200: recoveryRequestViewSchema } }, config: recover },
    async (request) => cancelRecovery(db, authOf(request), actorOf(request), request.params.id),
  );
}
