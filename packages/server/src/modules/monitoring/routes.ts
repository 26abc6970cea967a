/** Plan monitoring (规划监测) HTTP routes. Every route names its permission; unit-level checks live in the services. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  formatShanghai,
  hasPermission,
  indicatorPatchSchema,
  reportValueInputSchema,
  returnCommentSchema,
  taskProgressInputSchema,
  reportedFigureInputSchema,
  DIRECTIONS,
  TASK_STATUSES,
} from '@kechuang/domain';
import { actorOf, authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { sendWorkbook } from '../../http/excel.js';
import { dashboard } from './dashboard.js';
import { monitoringProblem } from './errors.js';
import { addEvidence, deleteEvidence, EVIDENCE_MAX_BYTES, readEvidence } from './evidence.js';
import { reportingTemplate, uploadReports } from './exchange.js';
import { indicatorSeries, listPlans, listUnits, patchIndicator, patchPlan, readPlan } from './plans.js';
import { addReported, deleteReported, importProjects, listProjects, portfolioOverview, projectTemplate } from './portfolio.js';
import { monitoringReports } from './schema.js';
import { assertCanSeeReport, currentReportingMonth, reportingSheet, saveIndicatorValue, saveTaskProgress, submitMonth, unitsOfUser } from './reporting.js';
import { lateness, remind, reportHistory, reviewQueue, reviewReport, reviewTaskReport, taskReviewQueue } from './review.js';
import { acceptBatchBodySchema, acceptReportBatch } from './review-batch.js';
import { todayShanghai } from './service.js';
import { listTasks } from './tasks.js';
import { addUnitMember, removeUnitMember, unitMembers } from './units.js';
import { importTownValues, listTownEvaluations, readTownEvaluation, saveTownEvaluation, townTemplate } from './towns.js';
import { and, eq } from 'drizzle-orm';

const read = { access: { permission: 'monitoring.read' as const } };
const manage = { access: { permission: 'monitoring.manage' as const } };
const report = { access: { permission: 'monitoring.report' as const } };

const planParams = z.object({ code: z.string().min(1).max(64) });
const idParams = z.object({ id: z.uuid('编号无效') });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '期次格式应为 YYYY-MM');
const reportKey = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, '期次格式应为 2026-10、2026-Q3 或 2026');
const page = { page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) };
// Drafts stay the unit's working copy: the bureau's queue starts at submission.
const reviewQuery = z.object({ plan: z.string().max(64).optional(), period: reportKey.optional(), state: z.enum(['submitted', 'accepted', 'returned']).optional(), sort: z.enum(['period', 'submittedAt', 'unit']).optional(), order: z.enum(['asc', 'desc']).optional(), unit: z.string().max(64).optional(), ...page });

/** A signed-in actor that has a user id (every monitoring writer does). */
function writer(request: FastifyRequest) {
  const actor = actorOf(request);
  return { ...actor, id: authOf(request).user.id };
}

async function uploadedFile(request: FastifyRequest, maxBytes: number): Promise<{ filename: string; bytes: Buffer }> {
  if (!request.isMultipart()) throw monitoringProblem('FILE_REQUIRED', '请以 multipart/form-data 上传文件。');
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw monitoringProblem('FILE_REQUIRED');
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw monitoringProblem('FILE_TOO_LARGE', `文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB。`);
    throw e;
  }
  if (part.file.truncated) throw monitoringProblem('FILE_TOO_LARGE', `文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB。`);
  if (bytes.length === 0) throw monitoringProblem('FILE_REQUIRED', '上传的文件是空的。');
  return { filename: part.filename || 'file', bytes };
}

export function monitoringRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const tags = ['规划监测'];

  r.get('/api/monitoring/plans', { schema: { tags, summary: '规划列表（含指标状态统计）' }, config: read }, async () => ({ items: await listPlans(db) }));
  r.get('/api/monitoring/plans/:code', { schema: { tags, summary: '规划及其指标体系（含期望值、状态与判定）', params: planParams }, config: read }, async (request) => readPlan(db, request.params.code));
  r.patch(
    '/api/monitoring/plans/:code',
    { schema: { tags, summary: '修改监测设置（容差带、报送截止日）', params: planParams, body: z.object({ tolerancePercent: z.number().min(0).max(50).optional(), dueDay: z.number().int().min(1).max(28).optional() }) }, config: manage },
    // The band is kept to two decimals: it is a policy figure, and the maths is exact to six places.
    async (request) => patchPlan(db, actorOf(request), request.params.code, { ...request.body, tolerancePercent: request.body.tolerancePercent === undefined ? undefined : Math.round(request.body.tolerancePercent * 100) / 100 }),
  );
  r.get('/api/monitoring/plans/:code/export', { schema: { tags, summary: '导出指标体系 Excel', params: planParams }, config: read }, async (request, reply) => {
    const { plan, indicators } = await readPlan(db, request.params.code);
    type Row = (typeof indicators)[number];
    return sendWorkbook<Row>(reply, `${plan.shortName}-指标-${todayShanghai()}.xlsx`, '指标体系', [
      { header: '类别', width: 22, value: (i) => i.category ?? '' },
      { header: '序号', width: 6, value: (i) => i.seq },
      { header: '指标名称', width: 40, value: (i) => i.name },
      { header: '单位', width: 10, value: (i) => i.unit },
      { header: '方向', width: 8, value: (i) => i.directionLabel },
      { header: '核心指标', width: 8, value: (i) => (i.core ? '是' : '') },
      { header: '基数年份', width: 8, value: (i) => i.base.year },
      { header: '基数', value: (i) => i.base.value ?? '—' },
      { header: '目标年份', width: 8, value: (i) => i.target.year },
      { header: '目标值', value: (i) => (i.target.value === null ? '—' : i.targetKind === 'growth' ? `年均增长 ${i.target.value}%` : i.target.value) },
      { header: '实绩/最新值', value: (i) => i.latest?.value ?? '' },
      { header: '最新期次', value: (i) => i.latest?.periodLabel ?? '' },
      { header: '期望值', value: (i) => i.expected ?? '' },
      { header: '完成率(%)', value: (i) => i.completionRate ?? '' },
      { header: '进度(%)', value: (i) => i.progressRate ?? '' },
      { header: '状态', value: (i) => i.statusLabel },
      { header: '判定', value: (i) => i.verdictLabel ?? '未到期' },
      { header: '责任单位（首位牵头）', width: 40, value: (i) => i.responsibleUnits.map((u) => u.name).join('、') },
      { header: '报送频率', value: (i) => i.frequencyLabel },
      { header: '说明', width: 50, value: (i) => i.note },
    ], indicators, `${plan.name}；导出时间 ${formatShanghai(new Date())}（北京时间）`);
  });
  r.get('/api/monitoring/indicators/:id/series', { schema: { tags, summary: '指标的报送序列、目标路径与年度汇总', params: idParams }, config: read }, async (request) => {
    const auth = authOf(request);
    const unitIds = (await unitsOfUser(db, auth.user.id)).map((u) => u.id);
    return indicatorSeries(db, request.params.id, { unitIds, canManage: hasPermission(auth.roles, 'monitoring.manage') });
  });
  r.get('/api/monitoring/indicators/:id/export', { schema: { tags, summary: '导出指标的报送序列与目标路径 Excel', params: idParams }, config: read }, async (request, reply) => {
    const auth = authOf(request);
    const unitIds = (await unitsOfUser(db, auth.user.id)).map((u) => u.id);
    const s = await indicatorSeries(db, request.params.id, { unitIds, canManage: hasPermission(auth.roles, 'monitoring.manage') });
    const expectedAt = new Map(s.path.map((p) => [p.date, p.expected]));
    type Row = (typeof s.points)[number];
    const i = s.indicator;
    return sendWorkbook<Row>(reply, `${i.name}-报送序列.xlsx`, '报送序列', [
      { header: '期次', value: (p) => p.periodLabel },
      { header: `本期值（${i.unit || '—'}）`, value: (p) => p.value },
      { header: '已采纳值', value: (p) => p.acceptedValue ?? '' },
      { header: '状态', value: (p) => p.stateLabel },
      { header: '路径期望值', value: (p) => (p.date ? (expectedAt.get(p.date) ?? '') : '') },
      { header: '修订版本', value: (p) => p.revision },
    ], s.points, `${i.name}；基数 ${i.base.year}年 ${i.base.value ?? '—'}，目标 ${i.target.year}年 ${i.target.value ?? '—'}${i.targetKind === 'growth' ? '（年均增长率%）' : ''}；导出时间 ${formatShanghai(new Date())}（北京时间）`);
  });
  r.patch('/api/monitoring/indicators/:id', { schema: { tags, summary: '修改指标（基数、目标、责任单位等）', params: idParams, body: indicatorPatchSchema }, config: manage }, async (request) =>
    patchIndicator(db, actorOf(request), request.params.id, request.body),
  );
  r.get('/api/monitoring/units', { schema: { tags, summary: '责任单位' }, config: read }, async () => ({ items: await listUnits(db) }));
  const unitParams = z.object({ code: z.string().min(1).max(64) });
  r.get('/api/monitoring/units/:code/members', { schema: { tags, summary: '责任单位的报送账号', params: unitParams }, config: manage }, async (request) => unitMembers(db, request.params.code));
  r.post('/api/monitoring/units/:code/members', { schema: { tags, summary: '指定责任单位的报送账号（角色须为责任单位）', params: unitParams, body: z.object({ username: z.string().trim().min(1, '请填写用户名').max(64) }) }, config: manage }, async (request) =>
    addUnitMember(db, actorOf(request), request.params.code, request.body.username),
  );
  r.delete('/api/monitoring/units/:code/members/:userId', { schema: { tags, summary: '移除责任单位的报送账号', params: z.object({ code: z.string().min(1).max(64), userId: z.uuid('账号编号无效') }) }, config: manage }, async (request, reply) => {
    await removeUnitMember(db, actorOf(request), request.params.code, request.params.userId);
    return reply.status(204).send();
  });

  const taskQuery = z.object({ unit: z.string().max(64).optional(), status: z.enum(TASK_STATUSES).optional() });
  r.get('/api/monitoring/plans/:code/tasks', { schema: { tags, summary: '任务清单', params: planParams, querystring: taskQuery }, config: read }, async (request) => ({ items: await listTasks(db, request.params.code, request.query) }));
  r.get('/api/monitoring/plans/:code/tasks/export', { schema: { tags, summary: '导出任务清单 Excel', params: planParams, querystring: taskQuery }, config: read }, async (request, reply) => {
    const items = await listTasks(db, request.params.code, request.query);
    type Row = (typeof items)[number];
    return sendWorkbook<Row>(reply, `任务清单-${request.params.code}-${todayShanghai()}.xlsx`, '任务清单', [
      { header: '序号', width: 8, value: (t) => t.seq },
      { header: '工程', width: 30, value: (t) => t.section },
      { header: '任务', width: 30, value: (t) => t.title },
      { header: '牵头单位', width: 20, value: (t) => t.responsibleUnits[0]?.name ?? '' },
      { header: '配合单位', width: 40, value: (t) => t.responsibleUnits.slice(1).map((u) => u.name).join('、') },
      { header: '完成时限', value: (t) => t.due },
      { header: '最新进度(%)', value: (t) => t.latestProgress?.percent ?? '' },
      { header: '最新进展', width: 50, value: (t) => t.latestProgress?.progress ?? '' },
      { header: '状态', value: (t) => t.statusLabel },
      { header: '逾期原因', width: 30, value: (t) => t.overdueReason ?? '' },
    ], items);
  });

  // Reporting by responsible units.
  r.get('/api/monitoring/my-units', { schema: { tags, summary: '本账号所属的责任单位' }, config: report }, async (request) => ({
    items: (await unitsOfUser(db, authOf(request).user.id)).map((u) => ({ code: u.code, name: u.name })),
  }));
  r.get('/api/monitoring/reporting', { schema: { tags, summary: '本单位某月应报指标与任务', querystring: z.object({ period: month.optional() }) }, config: report }, async (request) =>
    reportingSheet(db, authOf(request).user.id, request.query.period ?? currentReportingMonth(todayShanghai())),
  );
  r.put(
    '/api/monitoring/reporting/indicators/:indicatorId/:period',
    { schema: { tags, summary: '填报（保存草稿；已采纳的值再次保存即为更正，保留历史）', params: z.object({ indicatorId: z.uuid('指标编号无效'), period: reportKey }), body: reportValueInputSchema }, config: report },
    async (request) => {
      const row = await db.transaction((tx) => saveIndicatorValue(tx, writer(request), request.params.indicatorId, request.params.period, { value: request.body.value, note: request.body.note ?? '' }));
      return { id: row.id, period: row.period, value: row.value, note: row.note, state: row.state, revision: row.revision };
    },
  );
  r.post(
    '/api/monitoring/reporting/indicators/:indicatorId/:period/evidence',
    { schema: { tags, summary: '上传佐证材料（PDF/JPG/PNG/XLSX/DOCX，≤10MB）', params: z.object({ indicatorId: z.uuid('指标编号无效'), period: reportKey }) }, config: report },
    async (request, reply) => {
      // Rights before the body: another unit's report and a missing one answer alike, and no file is read for either.
      const units = await unitsOfUser(db, authOf(request).user.id);
      const [row] = await db.select({ id: monitoringReports.id, unitId: monitoringReports.unitId }).from(monitoringReports).where(and(eq(monitoringReports.indicatorId, request.params.indicatorId), eq(monitoringReports.period, request.params.period)));
      if (!row || !units.some((u) => u.id === row.unitId)) throw monitoringProblem('REPORT_NOT_FOUND', '请先保存本期值，再上传佐证材料。');
      const file = await uploadedFile(request, EVIDENCE_MAX_BYTES);
      return reply.status(201).send(await addEvidence(db, writer(request), row.id, file.filename, file.bytes));
    },
  );
  r.get('/api/monitoring/evidence/:id', { schema: { tags, summary: '下载佐证材料', params: idParams }, config: read }, async (request, reply) => {
    const auth = authOf(request);
    const e = await readEvidence(db, auth.user.id, hasPermission(auth.roles, 'monitoring.manage'), request.params.id);
    return reply
      .header('content-type', e.mime)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(e.filename)}`)
      .send(e.content);
  });
  r.delete('/api/monitoring/evidence/:id', { schema: { tags, summary: '删除佐证材料（草稿或退回修改时）', params: idParams }, config: report }, async (request, reply) => {
    await deleteEvidence(db, writer(request), request.params.id);
    return reply.status(204).send();
  });
  r.put(
    '/api/monitoring/reporting/tasks/:taskId/:period',
    { schema: { tags, summary: '填报任务进展（草稿）', params: z.object({ taskId: z.uuid('任务编号无效'), period: month }), body: taskProgressInputSchema }, config: report },
    async (request) => db.transaction((tx) => saveTaskProgress(tx, writer(request), request.params.taskId, request.params.period, { percent: request.body.percent, progress: request.body.progress, note: request.body.note ?? '' })),
  );
  r.post('/api/monitoring/reporting/submit', { schema: { tags, summary: '提交本单位某月全部草稿', body: z.object({ period: month }) }, config: report }, async (request) => submitMonth(db, writer(request), request.body.period));
  r.get('/api/monitoring/reporting/template', { schema: { tags, summary: '下载本单位月度填报模板', querystring: z.object({ period: month }) }, config: report }, async (request, reply) => {
    const { filename, buffer } = await reportingTemplate(db, authOf(request).user.id, request.query.period);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .send(buffer);
  });
  r.post('/api/monitoring/reporting/upload', { schema: { tags, summary: '上传填好的模板：有效行保存为草稿，错误行逐行返回', querystring: z.object({ period: month }) }, config: report }, async (request) => {
    const file = await uploadedFile(request, 1024 * 1024);
    return uploadReports(db, writer(request), request.query.period, file.bytes);
  });
  r.get('/api/monitoring/reports/:id/history', { schema: { tags, summary: '报送的全部修订记录', params: idParams }, config: read }, async (request) => {
    const auth = authOf(request);
    const [row] = await db.select({ unitId: monitoringReports.unitId }).from(monitoringReports).where(eq(monitoringReports.id, request.params.id));
    if (!row) throw monitoringProblem('REPORT_NOT_FOUND');
    await assertCanSeeReport(db, auth.user.id, hasPermission(auth.roles, 'monitoring.manage'), row.unitId);
    return { items: await reportHistory(db, request.params.id) };
  });

  // Review by the bureau.
  r.get('/api/monitoring/review', { schema: { tags, summary: '指标报送审核队列', querystring: reviewQuery }, config: manage }, async (request) => reviewQueue(db, request.query));
  r.get('/api/monitoring/review/export', { schema: { tags, summary: '按筛选条件导出报送记录 Excel', querystring: reviewQuery }, config: manage }, async (request, reply) => {
    const { items } = await reviewQueue(db, { ...request.query, page: 1, pageSize: 10_000 });
    type Row = (typeof items)[number];
    return sendWorkbook<Row>(reply, `指标报送-${todayShanghai()}.xlsx`, '指标报送', [
      { header: '期次', value: (x) => x.periodLabel },
      { header: '指标编码', value: (x) => x.indicator.code },
      { header: '指标', width: 40, value: (x) => x.indicator.name },
      { header: '单位', width: 8, value: (x) => x.indicator.unit },
      { header: '责任单位', width: 20, value: (x) => x.unit.name },
      { header: '本期值', value: (x) => x.value },
      { header: '上期值', value: (x) => x.previousValue ?? '' },
      { header: '说明', width: 40, value: (x) => x.note },
      { header: '状态', value: (x) => x.stateLabel },
      { header: '提交时间（北京时间）', width: 20, value: (x) => (x.submittedAt ? formatShanghai(x.submittedAt) : '') },
      { header: '审核意见', width: 30, value: (x) => x.reviewComment ?? '' },
    ], items);
  });
  r.get('/api/monitoring/task-review', { schema: { tags, summary: '任务进展审核队列', querystring: reviewQuery }, config: manage }, async (request) => taskReviewQueue(db, request.query));
  r.post('/api/monitoring/reports/accept-batch', { schema: { tags, summary: '批量采纳（全部成功或全部不采纳）', body: acceptBatchBodySchema }, config: manage }, async (request) => acceptReportBatch(db, actorOf(request), request.body.ids));
  r.post('/api/monitoring/reports/:id/accept', { schema: { tags, summary: '采纳', params: idParams }, config: manage }, async (request) => reviewReport(db, actorOf(request), request.params.id, 'accept', null));
  r.post('/api/monitoring/reports/:id/return', { schema: { tags, summary: '退回修改（须填写意见）', params: idParams, body: returnCommentSchema }, config: manage }, async (request) =>
    reviewReport(db, actorOf(request), request.params.id, 'return', request.body.comment),
  );
  r.post('/api/monitoring/task-reports/:id/accept', { schema: { tags, summary: '采纳任务进展', params: idParams }, config: manage }, async (request) => reviewTaskReport(db, actorOf(request), request.params.id, 'accept', null));
  r.post('/api/monitoring/task-reports/:id/return', { schema: { tags, summary: '退回任务进展（须填写意见）', params: idParams, body: returnCommentSchema }, config: manage }, async (request) =>
    reviewTaskReport(db, actorOf(request), request.params.id, 'return', request.body.comment),
  );
  const latenessQuery = z.object({ plan: z.string().min(1).max(64).default('nb-315'), period: month.optional() });
  // Who is late is what the leader's dashboard shows anyway; reminding stays with the bureau.
  r.get('/api/monitoring/lateness', { schema: { tags, summary: '各责任单位某月报送完整性与逾期', querystring: latenessQuery }, config: read }, async (request) =>
    lateness(db, request.query.plan, request.query.period ?? currentReportingMonth(todayShanghai())),
  );
  r.get('/api/monitoring/lateness/export', { schema: { tags, summary: '导出报送完整性 Excel', querystring: latenessQuery }, config: read }, async (request, reply) => {
    const l = await lateness(db, request.query.plan, request.query.period ?? currentReportingMonth(todayShanghai()));
    type Row = (typeof l.items)[number];
    return sendWorkbook<Row>(reply, `报送完整性-${l.period}.xlsx`, '报送完整性', [
      { header: '责任单位', width: 24, value: (x) => x.unit.name },
      { header: '应报', value: (x) => x.expected },
      { header: '已报', value: (x) => x.submitted },
      { header: '已采纳', value: (x) => x.accepted },
      { header: '未报', value: (x) => x.missing },
      { header: '完整率(%)', value: (x) => x.completeness },
      { header: '逾期', value: (x) => (x.late ? '是' : '') },
      { header: '最近提醒（北京时间）', width: 20, value: (x) => (x.lastReminderAt ? formatShanghai(x.lastReminderAt) : '') },
    ], l.items, `${l.periodLabel}，截止 ${l.due}`);
  });
  r.post(
    '/api/monitoring/reminders',
    { schema: { tags, summary: '提醒逾期未报的责任单位（显示在其工作台待办）', body: z.object({ plan: z.string().min(1).max(64), period: month, unitCodes: z.array(z.string().min(1).max(64)).min(1, '请至少选择一个责任单位').max(200) }) }, config: manage },
    async (request) => remind(db, actorOf(request), request.body.plan, request.body.period, request.body.unitCodes),
  );

  r.get('/api/monitoring/dashboard', { schema: { tags, summary: '监测总览（领导一屏看）', querystring: z.object({ plan: z.string().min(1).max(64).default('nb-315'), period: month.optional() }) }, config: read }, async (request) =>
    dashboard(db, request.query.plan, request.query.period),
  );

  // Portfolio statistics (YJ-2).
  r.get('/api/monitoring/portfolio', { schema: { tags, summary: '立项项目统计（按记录计算，并与报告值比对）' }, config: read }, async () => portfolioOverview(db));
  r.post('/api/monitoring/portfolio/reported', { schema: { tags, summary: '录入报告中的统计值', body: reportedFigureInputSchema }, config: manage }, async (request, reply) =>
    reply.status(201).send(await addReported(db, actorOf(request), { year: request.body.year, metric: request.body.metric, value: request.body.metric.endsWith('Share') ? `${request.body.reported}%` : request.body.reported, source: request.body.source ?? '' })),
  );
  r.delete('/api/monitoring/portfolio/reported/:id', { schema: { tags, summary: '删除报告值', params: idParams }, config: manage }, async (request, reply) => {
    await deleteReported(db, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
  r.get(
    '/api/monitoring/portfolio/projects',
    { schema: { tags, summary: '立项项目记录', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), q: z.string().trim().max(100).optional(), ...page }) }, config: read },
    async (request) => listProjects(db, request.query),
  );
  r.get(
    '/api/monitoring/portfolio/projects/export',
    { schema: { tags, summary: '按筛选条件导出立项项目记录 Excel', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), q: z.string().trim().max(100).optional() }) }, config: read },
    async (request, reply) => {
      const { items } = await listProjects(db, { ...request.query, page: 1, pageSize: 100_000 });
      type Row = (typeof items)[number];
      return sendWorkbook<Row>(reply, `立项项目-${todayShanghai()}.xlsx`, '立项项目', [
        { header: '立项年度', value: (p) => p.year },
        { header: '项目编号', width: 18, value: (p) => p.projectNo },
        { header: '项目名称', width: 40, value: (p) => p.title },
        { header: '牵头单位', width: 30, value: (p) => p.leadName },
        { header: '牵头单位类型', value: (p) => p.leadTypeLabel },
        { header: '参与单位类型', width: 30, value: (p) => p.participantLabels.join('、') },
      ], items);
    },
  );
  r.get('/api/monitoring/portfolio/template', { schema: { tags, summary: '下载立项项目导入模板' }, config: manage }, async (_request, reply) =>
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent('立项项目导入模板.xlsx')}`)
      .send(await projectTemplate()),
  );
  r.post('/api/monitoring/portfolio/import', { schema: { tags, summary: '导入立项项目（有效行保存，错误行逐行返回）' }, config: manage }, async (request) => {
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
  r.get('/api/monitoring/town-evaluations', { schema: { tags, summary: '镇乡（街道）科技创新能力评价列表' }, config: read }, async () => ({ items: await listTownEvaluations(db) }));
  r.get('/api/monitoring/town-evaluations/:id', { schema: { tags, summary: '评价详情与得分排名', params: idParams }, config: read }, async (request) => readTownEvaluation(db, request.params.id));
  r.post('/api/monitoring/town-evaluations', { schema: { tags, summary: '新建评价（指标与权重）', body: townBody }, config: manage }, async (request, reply) =>
    reply.status(201).send(await saveTownEvaluation(db, actorOf(request), null, request.body)),
  );
  r.put('/api/monitoring/town-evaluations/:id', { schema: { tags, summary: '修改评价', params: idParams, body: townBody }, config: manage }, async (request) => saveTownEvaluation(db, actorOf(request), request.params.id, request.body));
  r.get('/api/monitoring/town-evaluations/:id/template', { schema: { tags, summary: '下载镇街数据模板', params: idParams }, config: manage }, async (request, reply) =>
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="towns.xlsx"; filename*=UTF-8''${encodeURIComponent('镇街数据模板.xlsx')}`)
      .send(await townTemplate(db, request.params.id)),
  );
  r.post('/api/monitoring/town-evaluations/:id/import', { schema: { tags, summary: '导入镇街数据（错误行逐行返回）', params: idParams }, config: manage }, async (request) => {
    const file = await uploadedFile(request, 5 * 1024 * 1024);
    return importTownValues(db, actorOf(request), request.params.id, file.bytes);
  });
  r.get('/api/monitoring/town-evaluations/:id/export', { schema: { tags, summary: '导出得分排名 Excel', params: idParams }, config: read }, async (request, reply) => {
    const e = await readTownEvaluation(db, request.params.id);
    type Row = (typeof e.result)[number];
    return sendWorkbook<Row>(reply, `${e.title}-排名.xlsx`, '得分排名', [
      { header: '排名', width: 8, value: (t) => t.rank },
      { header: '镇街', width: 20, value: (t) => t.name },
      { header: '得分', value: (t) => t.score },
      ...e.indicators.map((i) => ({ header: `${i.name}（权重${i.weight}）`, width: 20, value: (t: Row) => t.contributions.find((c) => c.indicatorCode === i.code)?.points ?? '' })),
      { header: '缺报指标', width: 30, value: (t) => t.missing.map((c) => e.indicators.find((i) => i.code === c)?.name ?? c).join('、') },
    ], e.result, `${e.year}年；得分 = Σ 权重 × 该指标在各镇街间的最小—最大归一化值（逆向指标反向）`);
  });
}
