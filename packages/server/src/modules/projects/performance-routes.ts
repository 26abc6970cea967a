/** Performance evaluation (绩效评价, BL-12) over HTTP: the project's evaluation, recording it, and the organisation's and leader's records. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { itemsOf, performanceEvaluationResponse, performanceInput, projectPerformanceResponse } from '@kechuang/domain';
import { actorOf, authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { readableOrganisation } from '../organisations/service.js';
import { requireResidentId } from './integrity-records.js';
import { leaderPerformance, organisationPerformance, projectPerformance, recordPerformanceEvaluation } from './performance-evaluation.js';

const tags = ['绩效评价'];
const projectParams = z.object({ id: z.uuid({ error: '项目编号无效' }) });
const orgParams = z.object({ id: z.uuid({ error: '单位编号无效' }) });
const leaderQuery = z.object({ idNumber: z.string({ error: '请填写身份证号码' }).trim().min(1, '请填写身份证号码').max(30, '身份证号码不超过30位') });

export function performanceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  r.get('/api/projects/:id/performance', { schema: { tags, summary: '项目绩效评价：已记录的结果，或评价表所依据的分类、权重与任务书指标', params: projectParams, response: { 200: projectPerformanceResponse } }, config: { access: { permission: 'project.read' } } }, async (request) =>
    projectPerformance(db, authOf(request), request.params.id));
  r.post('/api/projects/:id/performance', { schema: { tags, summary: '记录项目绩效评价（验收中或已结束的项目；按任务类型分类加权，包干制项目只评价产出与效果）', params: projectParams, body: performanceInput, response: { 201: performanceEvaluationResponse } }, config: { access: { permission: 'project.manage' } } }, async (request, reply) =>
    reply.status(201).send(await recordPerformanceEvaluation(db, authOf(request), actorOf(request), request.params.id, request.body)));
  r.get('/api/organisations/:id/performance', { schema: { tags, summary: '单位的绩效评价记录（科技局看全部单位，单位看本单位）', params: orgParams, response: { 200: itemsOf(performanceEvaluationResponse) } }, config: { access: 'session' } }, async (request) => {
    const org = await readableOrganisation(db, authOf(request), request.params.id);
    return { items: await organisationPerformance(db, org.id) };
  });
  r.get('/api/performance/leaders', { schema: { tags, summary: '项目负责人的绩效评价记录（按身份证号码精确查找，输出脱敏；单位只看本单位项目）', querystring: leaderQuery, response: { 200: itemsOf(performanceEvaluationResponse) } }, config: { access: { permission: 'project.read' } } }, async (request) =>
    ({ items: await leaderPerformance(db, authOf(request), requireResidentId(request.query.idNumber)) }));
}
