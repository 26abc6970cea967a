/** Monitoring routes for plans, indicators, responsible units and task lists: parse → authorise → one use case. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { indicatorPatchSchema, monIndicatorSchema, monPlanDetailSchema, monPlanListSchema, monPlanSettingsSchema, monSeriesSchema, monTaskListSchema, monUnitMemberAddedSchema, monUnitMembersSchema, monUnitListSchema, planSettingsPatchSchema, TASK_STATUSES } from '@kechuang/domain';
import { actorOf } from '../../http/auth.js';
import type { Db } from '../../db/client.js';
import { noContentResponse, workbookResponse } from '../../http/excel.js';
import { indicatorSeriesExport, planIndicatorsExport, tasksExport } from './exports.js';
import { listPlans, listUnits, patchIndicator, patchPlan, readIndicatorSeries, readPlan } from './plans.js';
import { caller, idParams, manage, planParams, read, sendExport, tags } from './route-common.js';
import { listTasks } from './tasks.js';
import { addUnitMember, removeUnitMember, unitMembers } from './units.js';

export function planRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/monitoring/plans', { schema: { tags, summary: '规划列表（含指标状态统计）', response: { 200: monPlanListSchema } }, config: read }, async () => ({ items: await listPlans(db) }));
  r.get('/api/monitoring/plans/:code', { schema: { tags, summary: '规划及其指标体系（含期望值、状态与判定）', params: planParams, response: { 200: monPlanDetailSchema } }, config: read }, async (request) => readPlan(db, request.params.code));
  r.patch('/api/monitoring/plans/:code', { schema: { tags, summary: '修改监测设置（容差带、报送截止日）', params: planParams, body: planSettingsPatchSchema, response: { 200: monPlanSettingsSchema } }, config: manage }, async (request) =>
    patchPlan(db, actorOf(request), request.params.code, request.body),
  );
  r.get('/api/monitoring/plans/:code/export', { schema: { tags, summary: '导出指标体系 Excel', params: planParams, response: workbookResponse }, config: read }, async (request, reply) =>
    sendExport(reply, await planIndicatorsExport(db, request.params.code)),
  );
  r.get('/api/monitoring/indicators/:id/series', { schema: { tags, summary: '指标的报送序列、目标路径与年度汇总', params: idParams, response: { 200: monSeriesSchema } }, config: read }, async (request) =>
    readIndicatorSeries(db, caller(request), request.params.id),
  );
  r.get('/api/monitoring/indicators/:id/export', { schema: { tags, summary: '导出指标的报送序列与目标路径 Excel', params: idParams, response: workbookResponse }, config: read }, async (request, reply) =>
    sendExport(reply, await indicatorSeriesExport(db, caller(request), request.params.id)),
  );
  r.patch('/api/monitoring/indicators/:id', { schema: { tags, summary: '修改指标（基数、目标、责任单位等）', params: idParams, body: indicatorPatchSchema, response: { 200: monIndicatorSchema } }, config: manage }, async (request) =>
    patchIndicator(db, actorOf(request), request.params.id, request.body),
  );

  r.get('/api/monitoring/units', { schema: { tags, summary: '责任单位', response: { 200: monUnitListSchema } }, config: read }, async () => ({ items: await listUnits(db) }));
  const unitParams = z.object({ code: z.string().min(1).max(64) });
  r.get('/api/monitoring/units/:code/members', { schema: { tags, summary: '责任单位的报送账号', params: unitParams, response: { 200: monUnitMembersSchema } }, config: manage }, async (request) => unitMembers(db, request.params.code));
  r.post('/api/monitoring/units/:code/members', { schema: { tags, summary: '指定责任单位的报送账号（角色须为责任单位）', params: unitParams, body: z.object({ username: z.string().trim().min(1, '请填写用户名').max(64) }), response: { 200: monUnitMemberAddedSchema } }, config: manage }, async (request) =>
    addUnitMember(db, actorOf(request), request.params.code, request.body.username),
  );
  r.delete('/api/monitoring/units/:code/members/:userId', { schema: { tags, summary: '移除责任单位的报送账号', params: z.object({ code: z.string().min(1).max(64), userId: z.uuid('账号编号无效') }), response: noContentResponse }, config: manage }, async (request, reply) => {
    await removeUnitMember(db, actorOf(request), request.params.code, request.params.userId);
    return reply.status(204).send();
  });

  const taskQuery = z.object({ unit: z.string().max(64).optional(), status: z.enum(TASK_STATUSES).optional() });
  r.get('/api/monitoring/plans/:code/tasks', { schema: { tags, summary: '任务清单', params: planParams, querystring: taskQuery, response: { 200: monTaskListSchema } }, config: read }, async (request) => ({ items: await listTasks(db, request.params.code, request.query) }));
  r.get('/api/monitoring/plans/:code/tasks/export', { schema: { tags, summary: '导出任务清单 Excel', params: planParams, querystring: taskQuery, response: workbookResponse }, config: read }, async (request, reply) =>
    sendExport(reply, await tasksExport(db, request.params.code, request.query)),
  );
}
