/** Assignment step (专家分配): settings, 回避 list, optimal preview and confirmation, the assignments. HTTP only. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { assignmentConfirmBody, assignmentConfirmResponse, assignmentPreviewResponse, assignmentSettingsInput, reviewRoundResponse, roundAssignmentListResponse, roundConflictsResponse } from '@kechuang/domain';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { sendWorkbook, workbookResponse } from '../../http/excel.js';
import { kickNotificationDispatch } from '../notifications/outbox.js';
import { confirmOptimal, previewOptimal } from './assign-optimal.js';
import { updateAssignmentSettings } from './assignment-settings.js';
import { roundAssignments } from './round-assignments.js';
import { roundConflicts } from './round-conflicts.js';
import { manage, observe, roundParams } from './routes.js';

const tags = ['评审与立项'];
const SOURCE_LABELS: Record<string, string> = { optimal: '最优分配', draw: '随机抽取', replacement: '替补' };
const STATUS_LABELS: Record<string, string> = { active: '有效', declined: '已回避' };

export function reviewAssignmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  r.put('/api/review/rounds/:roundId/settings', { schema: { tags, summary: '分配设置：分配方式、每份专家数、评审量、回避规则、抽取概率上限（仅专家分配阶段）', params: roundParams, body: assignmentSettingsInput, response: { 200: reviewRoundResponse } }, config: manage }, async (request) =>
    updateAssignmentSettings(db, actorOf(request), request.params.roundId, request.body),
  );
  r.get('/api/review/rounds/:roundId/conflicts', { schema: { tags, summary: '回避：每个回避配对及理由，每份申报书回避后的候选专家数', params: roundParams, response: { 200: roundConflictsResponse } }, config: observe }, async (request) => roundConflicts(db, request.params.roundId));
  r.post('/api/review/rounds/:roundId/assignment/preview', { schema: { tags, summary: '最优分配预览：逐对说明、专家评审量、目标值；无解时说明原因', params: roundParams, response: { 200: assignmentPreviewResponse } }, config: manage }, async (request) => previewOptimal(db, request.params.roundId));
  r.post('/api/review/rounds/:roundId/assignment/confirm', { schema: { tags, summary: '确认最优分配：重新计算并复核回避，写入分配、通知专家，进入专家评审阶段', params: roundParams, body: assignmentConfirmBody, response: { 200: assignmentConfirmResponse } }, config: manage }, async (request) => {
    const result = await confirmOptimal(db, actorOf(request), request.params.roundId, request.body?.resultHash);
    await kickNotificationDispatch(ctx.jobs, request.log);
    return result;
  });
  r.get('/api/review/rounds/:roundId/assignments', { schema: { tags, summary: '本轮专家分配（专家姓名仅对管理人员和监督人员可见）', params: roundParams, response: { 200: roundAssignmentListResponse } }, config: observe }, async (request) => roundAssignments(db, request.params.roundId));
  r.get('/api/review/rounds/:roundId/assignments.xlsx', { schema: { tags, summary: '导出本轮专家分配（Excel）', params: roundParams, response: workbookResponse }, config: observe }, async (request, reply) => {
    const { items } = await roundAssignments(db, request.params.roundId);
    return sendWorkbook(reply, '专家分配.xlsx', '专家分配', [
      { header: '申报书编号', width: 18, value: (x) => x.applicationNo },
      { header: '项目名称', width: 36, value: (x) => x.title },
      { header: '评审专家', width: 12, value: (x) => x.expertName },
      { header: '来源', width: 10, value: (x) => SOURCE_LABELS[x.source] ?? x.source },
      { header: '状态', width: 8, value: (x) => STATUS_LABELS[x.status] ?? x.status },
      { header: '亲和度', width: 8, value: (x) => x.affinity },
      { header: '分配说明', width: 80, value: (x) => x.explanation },
    ], items, `共 ${items.length} 条分配。`);
  });
}
