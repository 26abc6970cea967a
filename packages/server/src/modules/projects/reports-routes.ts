/** Progress reports (年度进展报告): HTTP only — parse, authorise (route permission; organisation per record in the use case), call. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  formatShanghai, pageOf, PROJECT_REPORT_DUE_FILTERS, PROJECT_REPORT_SORTS, PROJECT_REPORT_STATE_LABELS, PROJECT_REPORT_STATES, projectReportDetailResponse, projectReportListItem,
  projectReportScheduleResponse, reportAcceptBody, reportDraftBody, reportReopenBody, reportReturnBody, reportSubmitBody, type ProjectReportListItem,
} from '@kechuang/domain';
import { actorOf, authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { sendWorkbook, workbookResponse } from '../../http/excel.js';
import { kickNotificationDispatch } from '../notifications/outbox.js';
import { acceptReport, reopenReport, returnReport, saveReportDraft, submitReport } from './reports-actions.js';
import { listProjectReports, readProjectReport, readProjectReports } from './reports-queries.js';

const tags = ['项目进展报告'];
const read = { access: { permission: 'project.read' as const } };
const undertake = { access: { permission: 'project.undertake' as const } };
const manage = { access: { permission: 'project.manage' as const } };
const projectParams = z.object({ id: z.uuid({ error: '项目编号无效' }) });
const reportParams = projectParams.extend({ reportId: z.uuid({ error: '报告编号无效' }) });
const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  state: z.enum(PROJECT_REPORT_STATES, { error: '报告状态无效' }).optional(),
  due: z.enum(PROJECT_REPORT_DUE_FILTERS, { error: '到期筛选无效' }).default('all'),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(PROJECT_REPORT_SORTS).default('dueDate'),
});
const EXPORT_LIMIT = 50_000;

export function projectReportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const detail = (request: { params: { id: string; reportId: string } } & Parameters<typeof authOf>[0]) => readProjectReport(db, authOf(request), request.params.id, request.params.reportId);

  r.get('/api/projects/:id/reports', { schema: { tags, summary: '项目的年度进展报告计划：各报告年度的填报窗口、截止日、状态与逾期天数（按有效结束日计算，延期后自动顺延）', params: projectParams, response: { 200: projectReportScheduleResponse } }, config: read }, async (request) =>
    readProjectReports(db, authOf(request), request.params.id));
  r.get('/api/projects/:id/reports/:reportId', { schema: { tags, summary: '一份进展报告：内容（草稿或已提交）、对照的任务书指标、已拨付金额及可办理事项', params: reportParams, response: { 200: projectReportDetailResponse } }, config: read }, async (request) => detail(request));
  r.put('/api/projects/:id/reports/:reportId', { schema: { tags, summary: '承担单位保存报告草稿（仅在填报窗口内）', params: reportParams, body: reportDraftBody, response: { 200: projectReportDetailResponse } }, config: undertake }, async (request) => {
    await saveReportDraft(db, authOf(request), actorOf(request), request.params.id, request.params.reportId, request.body.content);
    return detail(request);
  });
  r.post('/api/projects/:id/reports/:reportId/submit', { schema: { tags, summary: '承担单位提交报告（仅在填报窗口内；逐项对照任务书指标，财政资金支出不超过已拨付）', params: reportParams, body: reportSubmitBody, response: { 200: projectReportDetailResponse } }, config: undertake }, async (request) => {
    await submitReport(db, authOf(request), actorOf(request), request.params.id, request.params.reportId, request.body.content);
    return detail(request);
  });
  r.post('/api/projects/:id/reports/:reportId/accept', { schema: { tags, summary: '经办人审核通过报告（通过后内容不可更改）', params: reportParams, body: reportAcceptBody, response: { 200: projectReportDetailResponse } }, config: manage }, async (request) => {
    await acceptReport(db, authOf(request), actorOf(request), request.params.id, request.params.reportId, request.body.note);
    return detail(request);
  });
  r.post('/api/projects/:id/reports/:reportId/return', { schema: { tags, summary: '经办人退回报告：逐条写明理由，并给出重新提交的截止日期', params: reportParams, body: reportReturnBody, response: { 200: projectReportDetailResponse } }, config: manage }, async (request) => {
    await returnReport(db, authOf(request), actorOf(request), request.params.id, request.params.reportId, request.body);
    await kickNotificationDispatch(ctx.jobs, request.log);
    return detail(request);
  });
  r.post('/api/projects/:id/reports/:reportId/reopen', { schema: { tags, summary: '经办人重新开放逾期锁定的报告：须写明理由并给出新的截止日期（留痕）', params: reportParams, body: reportReopenBody, response: { 200: projectReportDetailResponse } }, config: manage }, async (request) => {
    await reopenReport(db, authOf(request), actorOf(request), request.params.id, request.params.reportId, request.body);
    await kickNotificationDispatch(ctx.jobs, request.log);
    return detail(request);
  });

  r.get('/api/project-reports', { schema: { tags, summary: '科技局的进展报告待办：已逾期、待审核、即将到期的报告（跨项目，分页、排序）', querystring: listQuery, response: { 200: pageOf(projectReportListItem) } }, config: manage }, async (request) =>
    listProjectReports(db, authOf(request), request.query));
  r.get('/api/project-reports/export.xlsx', { schema: { tags, summary: '按当前筛选条件导出进展报告 Excel', querystring: listQuery, response: workbookResponse }, config: manage }, async (request, reply) => {
    const { items } = await listProjectReports(db, authOf(request), { ...request.query, page: 1, pageSize: EXPORT_LIMIT });
    return sendWorkbook<ProjectReportListItem>(reply, `进展报告-${formatShanghai(new Date()).slice(0, 10)}.xlsx`, '进展报告', [
      { header: '立项编号', width: 22, value: (x) => x.projectNo },
      { header: '项目名称', width: 40, value: (x) => x.projectTitle },
      { header: '承担单位', width: 32, value: (x) => x.organisationName },
      { header: '报告年度', width: 10, value: (x) => `第${x.periodNo}年度` },
      { header: '报告期', width: 24, value: (x) => `${x.periodStart} 至 ${x.periodEnd}` },
      { header: '填报窗口', width: 24, value: (x) => `${x.opensOn} 至 ${x.closesOn}` },
      { header: '截止日', width: 12, value: (x) => x.dueDate },
      { header: '状态', width: 12, value: (x) => PROJECT_REPORT_STATE_LABELS[x.state] },
      { header: '逾期天数', width: 10, value: (x) => x.lateDays },
      { header: '提交时间', width: 20, value: (x) => (x.submittedAt ? formatShanghai(new Date(x.submittedAt)) : '') },
    ], items);
  });
}
