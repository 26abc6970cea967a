/** Funding plan (资金方案) and approval (立项) of a round: HTTP only — parse, authorise, call. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { approvalResponse, FUNDING_OVERRIDE_ACTIONS, fundingPlanResponse, MAX_AMOUNT_YUAN } from '@kechuang/domain';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { approveRound, readApproval } from './approval.js';
import { computeFundingPlan, confirmFundingPlan, overrideFundingPlan, readFundingPlan } from './funding-plan.js';
import { manage, observe, roundParams } from './routes.js';

const tags = ['评审与立项'];
const yuan = z.number().int('金额须为整数元').min(0, '金额不能为负').max(MAX_AMOUNT_YUAN, '金额过大');
const computeBody = z.object({
  objective: z.enum(['score', 'scoreWeightedAmount']).default('score'),
  categoryCaps: z.array(z.object({ code: z.string().trim().min(1).max(64), budgetCapYuan: yuan.nullable().optional(), countCap: z.number().int().min(0).max(100_000).nullable().optional() })).max(50).default([]),
});
const overrideBody = z.object({
  applicationNo: z.string().trim().min(1, '请选择申报书').max(64),
  action: z.enum(FUNDING_OVERRIDE_ACTIONS, '请选择调入或调出'),
  reason: z.string({ error: '请填写调整理由' }).trim().min(2, '请填写调整理由（至少2个字）').max(500, '调整理由不超过500字'),
});
const confirmBody = z.object({ version: z.number().int().min(1) });

export function fundingPlanRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  r.get('/api/review/rounds/:roundId/funding-plan', { schema: { tags, summary: '立项资金方案（最新版本、逐项理由、与按排名填充的对比）及历史版本', params: roundParams, response: { 200: fundingPlanResponse } }, config: observe }, async (request) => readFundingPlan(db, request.params.roundId));
  r.post('/api/review/rounds/:roundId/funding-plan', { schema: { tags, summary: '按年度可用预算与类别上限生成最优资金方案（BL-4、BL-7）', params: roundParams, body: computeBody, response: { 200: fundingPlanResponse } }, config: manage }, async (request) => computeFundingPlan(db, actorOf(request), request.params.roundId, request.body));
  r.post('/api/review/rounds/:roundId/funding-plan/overrides', { schema: { tags, summary: '调整资金方案：调入或调出一项，须填写理由，仍须满足预算与类别上限', params: roundParams, body: overrideBody, response: { 200: fundingPlanResponse } }, config: manage }, async (request) => overrideFundingPlan(db, actorOf(request), request.params.roundId, request.body));
  r.post('/api/review/rounds/:roundId/funding-plan/confirm', { schema: { tags, summary: '确认资金方案：写入方案金额，未入选项目标记未通过，进入局党组会议', params: roundParams, body: confirmBody, response: { 200: fundingPlanResponse } }, config: manage }, async (request) => confirmFundingPlan(db, actorOf(request), request.params.roundId, request.body.version));
  r.get('/api/review/rounds/:roundId/approval', { schema: { tags, summary: '立项：公示是否期满无异议、拟立项清单及其合计与年度可用预算', params: roundParams, response: { 200: approvalResponse } }, config: observe }, async (request) => readApproval(db, request.params.roundId));
  r.post('/api/review/rounds/:roundId/approve', { schema: { tags, summary: '批准立项：建立项目并在预算台账中承诺其金额（同一事务）', params: roundParams, response: { 200: approvalResponse } }, config: manage }, async (request) => approveRound(db, actorOf(request), request.params.roundId));
}
