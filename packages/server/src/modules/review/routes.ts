/** Review rounds (评审轮次): HTTP only — parse, authorise, call. Each part registers its own routes file. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reviewRoundApplicationListResponse, reviewRoundListResponse, reviewRoundResponse } from '@kechuang/domain';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { listRounds, openRound, readRound, roundApplications } from './rounds.js';

const tags = ['评审与立项'];
export const roundParams = z.object({ roundId: z.uuid('评审轮次编号无效') });
export const observe = { access: { permission: 'review.observe' as const } };
export const manage = { access: { permission: 'review.manage' as const } };

export function reviewRoundRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  r.get('/api/review/rounds', { schema: { tags, summary: '评审轮次列表（每个申报指南一个）', response: { 200: reviewRoundListResponse } }, config: observe }, async () => listRounds(db));
  r.post('/api/review/rounds', { schema: { tags, summary: '为已截止的申报指南建立评审轮次（纳入全部已受理的申报书）', body: z.object({ callId: z.uuid('申报指南编号无效') }), response: { 201: reviewRoundResponse } }, config: manage }, async (request, reply) => {
    const round = await openRound(db, actorOf(request), request.body.callId);
    return reply.code(201).send(round);
  });
  r.get('/api/review/rounds/:roundId', { schema: { tags, summary: '评审轮次：所处阶段（BL-8）与分配参数', params: roundParams, response: { 200: reviewRoundResponse } }, config: observe }, async (request) => readRound(db, request.params.roundId));
  r.get('/api/review/rounds/:roundId/applications', { schema: { tags, summary: '评审轮次中的申报书及各环节结果（得分、排名、核查、资金、状态）', params: roundParams, response: { 200: reviewRoundApplicationListResponse } }, config: observe }, async (request) => roundApplications(db, request.params.roundId));
}
