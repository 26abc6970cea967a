/**
 * The portfolio (项目库) over HTTP: `GET /api/projects` (API contract: every earlier field and filter kept), its Excel
 * export and `GET /api/projects/dashboard` with the same filters. Parse → authorise → call portfolio.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatShanghai, PORTFOLIO_SORTS, portfolioDashboardResponse, portfolioPageResponse, PROJECT_STATE_LABELS, PROJECT_STATES, yuanToWan, type PortfolioProjectView } from '@kechuang/domain';
import { authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { sendWorkbook, workbookResponse } from '../../http/excel.js';
import { exportPortfolio, listPortfolio, readPortfolioDashboard } from './portfolio.js';

const tags = ['立项项目'];
const read = { access: { permission: 'project.read' as const } };
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00+08:00`)), '日期无效');
/** `state=a&state=b` or `state=a,b` (what a multi-select sends either way). */
const states = z
  .union([z.string().max(400), z.array(z.string().max(40)).max(PROJECT_STATES.length)])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.enum(PROJECT_STATES, { error: '项目状态无效' })).max(PROJECT_STATES.length));

const filter = z.object({
  state: states.optional(),
  programme: z.string().trim().max(64).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  category: z.string().trim().max(64).optional(),
  field: z.string().trim().max(64).optional(),
  organisation: z.string().trim().max(100).optional(),
  q: z.string().trim().max(100).optional(),
  approvedFrom: day.optional(),
  approvedTo: day.optional(),
  endFrom: day.optional(),
  endTo: day.optional(),
  overdueRecovery: z.enum(['true', 'false'], { error: 'overdueRecovery 须为 true 或 false' }).transform((v) => v === 'true').optional(),
});
const ordered = <T extends z.ZodType<{ approvedFrom?: string | undefined; approvedTo?: string | undefined; endFrom?: string | undefined; endTo?: string | undefined }>>(s: T) =>
  s
    .refine((q) => !q.approvedFrom || !q.approvedTo || q.approvedFrom <= q.approvedTo, { message: '立项日期的起始日不能晚于截止日', path: ['approvedTo'] })
    .refine((q) => !q.endFrom || !q.endTo || q.endFrom <= q.endTo, { message: '结束日期的起始日不能晚于截止日', path: ['endTo'] });
const sorted = filter.extend({ sort: z.enum(PORTFOLIO_SORTS, { error: '排序字段无效' }).default('projectNo') });
const listQuery = ordered(sorted.extend({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) }));
const exportQuery = ordered(sorted);
const dashboardQuery = ordered(filter);
const EXPORT_LIMIT = 50_000;

const filterOf = <Q extends { state?: string[] | undefined }>({ state, ...rest }: Q) => ({ ...rest, states: state as (typeof PROJECT_STATES)[number][] | undefined });

export function portfolioRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  r.get('/api/projects', {
    schema: { tags, summary: '立项项目列表（项目库；科技局看全部，申报单位看本单位）：按状态（可多选）、计划、年度、类别、领域、单位、关键词、立项日期、结束日期、逾期未退回筛选，按编号、金额、已拨付、年度、立项日期、结束日期排序', querystring: listQuery, response: { 200: portfolioPageResponse } },
    config: read,
  }, async (request) => listPortfolio(db, authOf(request), filterOf(request.query)));
  r.get('/api/projects/dashboard', {
    schema: { tags, summary: '项目库统计（筛选条件同列表）：按阶段、计划、年度、领域的项目数与金额，各计划年度的承诺、拨付、收回、退回（元，精确整数）', querystring: dashboardQuery, response: { 200: portfolioDashboardResponse } },
    config: read,
  }, async (request) => readPortfolioDashboard(db, authOf(request), filterOf(request.query)));
  r.get('/api/projects/export.xlsx', { schema: { tags, summary: '按当前筛选条件和排序导出立项项目 Excel', querystring: exportQuery, response: workbookResponse }, config: read }, async (request, reply) => {
    const items = await exportPortfolio(db, authOf(request), filterOf(request.query), EXPORT_LIMIT);
    return sendWorkbook<PortfolioProjectView>(reply, `立项项目-${formatShanghai(new Date()).slice(0, 10)}.xlsx`, '立项项目', [
      { header: '立项编号', width: 22, value: (p) => p.projectNo },
      { header: '项目名称', width: 40, value: (p) => p.title },
      { header: '承担单位', width: 32, value: (p) => p.organisation.name },
      { header: '计划', width: 14, value: (p) => p.programmeCode },
      { header: '预算年度', width: 10, value: (p) => p.budgetYear },
      { header: '类别', width: 10, value: (p) => p.category.name },
      { header: '立项金额（万元）', width: 16, value: (p) => yuanToWan(p.approvedAmountYuan) },
      { header: '立项金额（元）', width: 16, value: (p) => p.approvedAmountYuan },
      { header: '来源申报书', width: 20, value: (p) => p.application.applicationNo },
      { header: '状态', width: 14, value: (p) => PROJECT_STATE_LABELS[p.state] },
      { header: '立项时间', width: 20, value: (p) => formatShanghai(new Date(p.approvedAt)) },
      { header: '已拨付（元）', width: 16, value: (p) => p.disbursedYuan },
      { header: '收回未拨付（元）', width: 16, value: (p) => p.releasedYuan },
      { header: '已退回（元）', width: 14, value: (p) => p.repaidYuan },
      { header: '待拨付（元）', width: 16, value: (p) => p.undisbursedYuan },
      { header: '结束日期（含延期）', width: 18, value: (p) => p.effectiveEndDate ?? '' },
    ], items, `共 ${items.length} 项${items.length === EXPORT_LIMIT ? `（最多导出 ${EXPORT_LIMIT} 项，请缩小筛选范围）` : ''}；金额单位见列名；时间为北京时间。`);
  });
}
