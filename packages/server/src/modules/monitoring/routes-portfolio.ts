/** Monitoring routes for the portfolio statistics (YJ-2) and the town evaluation (P315-7): parse → authorise → one use case. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DIRECTIONS, monCreatedSchema, monPortfolioSchema, monProjectListSchema, monUploadResultSchema, reportedFigureInputSchema, townEvaluationDetailSchema, townEvaluationListSchema, townImportResultSchema } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { noContentResponse, workbookResponse } from '../../http/excel.js';
import { actorOf } from '../../http/auth.js';
import { projectsExport, townRankingExport } from './exports.js';
import { addReported, deleteReported, importProjects, listProjects, portfolioOverview, projectTemplate } from './portfolio.js';
import { idParams, manage, page, read, sendExport, sendXlsx, tags, uploadedFile } from './route-common.js';
import { importTownValues, listTownEvaluations, readTownEvaluation, saveTownEvaluation, townTemplate } from './towns.js';

export function portfolioRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/monitoring/portfolio', { schema: { tags, summary: '立项项目统计（按记录计算，并与报告值比对）', response: { 200: monPortfolioSchema } }, config: read }, async () => portfolioOverview(db));
  r.post('/api/monitoring/portfolio/reported', { schema: { tags, summary: '录入报告中的统计值', body: reportedFigureInputSchema, response: { 201: monCreatedSchema } }, config: manage }, async (request, reply) =>
    reply.status(201).send(await addReported(db, actorOf(request), request.body)),
  );
  r.delete('/api/monitoring/portfolio/reported/:id', { schema: { tags, summary: '删除报告值', params: idParams, response: noContentResponse }, config: manage }, async (request, reply) => {
    await deleteReported(db, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
  const projectFilter = { year: z.coerce.number().int().min(2000).max(2100).optional(), q: z.string().trim().max(100).optional() };
  r.get('/api/monitoring/portfolio/projects', { schema: { tags, summary: '立项项目记录', querystring: z.object({ ...projectFilter, ...page }), response: { 200: monProjectListSchema } }, config: read }, async (request) => listProjects(db, request.query));
  r.get('/api/monitoring/portfolio/projects/export', { schema: { tags, summary: '按筛选条件导出立项项目记录 Excel', querystring: z.object(projectFilter), response: workbookResponse }, config: read }, async (request, reply) =>
    sendExport(reply, await projectsExport(db, request.query)),
  );
  r.get('/api/monitoring/portfolio/template', { schema: { tags, summary: '下载立项项目导入模板', response: workbookResponse }, config: manage }, async (_request, reply) => sendXlsx(reply, 'template.xlsx', '立项项目导入模板.xlsx', await projectTemplate()));
  r.post('/api/monitoring/portfolio/import', { schema: { tags, summary: '导入立项项目（有效行保存，错误行逐行返回）', response: { 200: monUploadResultSchema } }, config: manage }, async (request) => {
    const file = await uploadedFile(request, 5 * 1024 * 1024);
    return importProjects(db, actorOf(request), file.bytes);
  });

  // 镇乡（街道）科技创新能力评价 (P315-7).
  const townBody = z.object({
    title: z.string().trim().min(1, '请填写评价名称').max(100),
    year: z.number().int().min(2000).max(2100),
    indicators: z.array(z.object({ code: z.string().trim().min(1).max(32), name: z.string().trim().min(1, '请填写指标名称').max(60), weight: z.number().int().min(0).max(100), direction: z.enum(DIRECTIONS) })).min(1, '请至少设置一项指标').max(30),
    towns: z.array(z.object({ code: z.string().trim().min(1).max(32), name: z.string().trim().min(1).max(60), values: z.record(z.string(), z.string().max(40).nullable()) })).max(500),
  });
  r.get('/api/monitoring/town-evaluations', { schema: { tags, summary: '镇乡（街道）科技创新能力评价列表', response: { 200: townEvaluationListSchema } }, config: read }, async () => ({ items: await listTownEvaluations(db) }));
  r.get('/api/monitoring/town-evaluations/:id', { schema: { tags, summary: '评价详情与得分排名', params: idParams, response: { 200: townEvaluationDetailSchema } }, config: read }, async (request) => readTownEvaluation(db, request.params.id));
  r.post('/api/monitoring/town-evaluations', { schema: { tags, summary: '新建评价（指标与权重）', body: townBody, response: { 201: monCreatedSchema } }, config: manage }, async (request, reply) =>
    reply.status(201).send(await saveTownEvaluation(db, actorOf(request), null, request.body)),
  );
  r.put('/api/monitoring/town-evaluations/:id', { schema: { tags, summary: '修改评价', params: idParams, body: townBody, response: { 200: monCreatedSchema } }, config: manage }, async (request) => saveTownEvaluation(db, actorOf(request), request.params.id, request.body));
  r.get('/api/monitoring/town-evaluations/:id/template', { schema: { tags, summary: '下载镇街数据模板', params: idParams, response: workbookResponse }, config: manage }, async (request, reply) =>
    sendXlsx(reply, 'towns.xlsx', '镇街数据模板.xlsx', await townTemplate(db, request.params.id)),
  );
  r.post('/api/monitoring/town-evaluations/:id/import', { schema: { tags, summary: '导入镇街数据（错误行逐行返回）', params: idParams, response: { 200: townImportResultSchema } }, config: manage }, async (request) => {
    const file = await uploadedFile(request, 5 * 1024 * 1024);
    return importTownValues(db, actorOf(request), request.params.id, file.bytes);
  });
  r.get('/api/monitoring/town-evaluations/:id/export', { schema: { tags, summary: '导出得分排名 Excel', params: idParams, response: workbookResponse }, config: read }, async (request, reply) => sendExport(reply, await townRankingExport(db, request.params.id)));
}
