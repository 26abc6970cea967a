/** Approved projects (立项项目): HTTP only. `GET /api/projects` is an API contract outside tools rely on. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatShanghai, PROJECT_SORTS, PROJECT_STATE_LABELS, projectDetailResponse, projectEventsResponse, projectPageResponse, yuanToWan, type ProjectView } from '@kechuang/domain';
import { authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { sendWorkbook, workbookResponse } from '../../http/excel.js';
import { readProjectDetail, readProjectEvents } from './detail.js';
import { listProjects } from './service.js';

const tags = ['立项项目'];
const read = { access: { permission: 'project.read' as const } };
const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  programme: z.string().trim().max(64).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  category: z.string().trim().max(64).optional(),
  organisation: z.string().trim().max(100).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(PROJECT_SORTS).default('projectNo'),
});
const EXPORT_LIMIT = 50_000;
const idParams = z.object({ id: z.uuid({ error: '项目编号无效' }) });

export function projectRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  r.get('/api/projects', { schema: { tags, summary: '立项项目列表（科技局看全部，申报单位看本单位）：单位、类别、立项金额、来源申报书', querystring: listQuery, response: { 200: projectPageResponse } }, config: read }, async (request) => listProjects(db, authOf(request), request.query));
  r.get('/api/projects/export.xlsx', { schema: { tags, summary: '按当前筛选条件导出立项项目 Excel', querystring: listQuery, response: workbookResponse }, config: read }, async (request, reply) => {
    const { items } = await listProjects(db, authOf(request), { ...request.query, page: 1, pageSize: EXPORT_LIMIT });
    return sendWorkbook<ProjectView>(reply, `立项项目-${formatShanghai(new Date()).slice(0, 10)}.xlsx`, '立项项目', [
      { header: '立项编号', width: 22, value: (p) => p.projectNo },
      { header: '项目名称', width: 40, value: (p) => p.title },
      { header: '承担单位', width: 32, value: (p) => p.organisation.name },
      { header: '计划', width: 14, value: (p) => p.programmeCode },
      { header: '预算年度', width: 10, value: (p) => p.budgetYear },
      { header: '类别', width: 10, value: (p) => p.category.name },
      { header: '立项金额（万元）', width: 16, value: (p) => yuanToWan(p.approvedAmountYuan) },
      { header: '立项金额（元）', width: 16, value: (p) => p.approvedAmountYuan },
      { header: '来源申报书', width: 20, value: (p) => p.application.applicationNo },
      { header: '状态', width: 10, value: (p) => PROJECT_STATE_LABELS[p.state] },
      { header: '立项时间', width: 20, value: (p) => formatShanghai(new Date(p.approvedAt)) },
    ], items);
  });
  r.get('/api/projects/:id', { schema: { tags, summary: '项目详情：状态、任务书各版本、项目资金变动（承诺、拨付、收回、退回）及可办理事项', params: idParams, response: { 200: projectDetailResponse } }, config: read }, async (request) => readProjectDetail(db, authOf(request), request.params.id));
  r.get('/api/projects/:id/events', { schema: { tags, summary: '项目大事记（时间线）：立项以来发生的每件事', params: idParams, response: { 200: projectEventsResponse } }, config: read }, async (request) => readProjectEvents(db, authOf(request), request.params.id));
}
