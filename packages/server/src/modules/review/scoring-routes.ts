/** Remote scoring (不见面评审): HTTP only — parse, authorise, call. Expert routes check the assignment is the caller's own. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assignmentDetailResponse,
  closeScoringResponse,
  declineResponse,
  myAssignmentListResponse,
  panelResponse,
  reviewApplicationResponse,
  rubricResponse,
  scoreSheetInputSchema,
  scoringProgressResponse,
  scoringRubricSchema,
} from '@kechuang/domain';
import { actorOf, authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { fileResponse } from '../../http/excel.js';
import { kickNotificationDispatch } from '../notifications/outbox.js';
import { closeScoring } from './close-scoring.js';
import { declineAssignment } from './decline-assignment.js';
import { myAssignments, openAssignment, readAssignment, reviewApplication, reviewAttachmentFile } from './expert-assignments.js';
import { adjustScore, closePanel, openPanel, updatePanel } from './panel-meeting.js';
import { manage, observe, roundParams } from './routes.js';
import { saveSheet } from './score-sheets.js';
import { scoringProgress } from './scoring-progress.js';
import { readRubric, saveRubric } from './scoring-rubric.js';

const tags = ['评审与立项'];
const score = { access: { permission: 'review.score' as const } };
const assignmentParams = z.object({ assignmentId: z.uuid('评审任务编号无效') });
const attachmentParams = assignmentParams.extend({ attachmentId: z.uuid('附件编号无效') });

export function scoringRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  // Officer: rubric, progress, close, panel meeting.
  r.get('/api/review/rounds/:roundId/rubric', { schema: { tags, summary: '评分细则与汇总设置', params: roundParams, response: { 200: rubricResponse } }, config: observe }, async (request) => readRubric(db, request.params.roundId));
  r.put('/api/review/rounds/:roundId/rubric', { schema: { tags, summary: '保存评分细则与汇总设置（未有评分表提交前）', params: roundParams, body: scoringRubricSchema, response: { 200: rubricResponse } }, config: manage }, async (request) => saveRubric(db, actorOf(request), request.params.roundId, request.body));
  r.get('/api/review/rounds/:roundId/scoring', { schema: { tags, summary: '评分进度（按专家、按申报书）、会评与汇总结果', params: roundParams, response: { 200: scoringProgressResponse } }, config: observe }, async (request) => scoringProgress(db, request.params.roundId));
  r.post('/api/review/rounds/:roundId/scoring/close', { schema: { tags, summary: '结束评分：汇总得分与排名，进入实地核查', params: roundParams, body: z.object({ reason: z.string().max(500).default('') }), response: { 200: closeScoringResponse } }, config: manage }, async (request) => closeScoring(db, actorOf(request), request.params.roundId, request.body.reason));
  r.post('/api/review/rounds/:roundId/panel', { schema: { tags, summary: '开始会评', params: roundParams, response: { 201: panelResponse } }, config: manage }, async (request, reply) => reply.code(201).send(await openPanel(db, actorOf(request), request.params.roundId)));
  r.put('/api/review/rounds/:roundId/panel', {
    schema: { tags, summary: '会评：当前讨论的申报书与会评纪要', params: roundParams, body: z.object({ currentApplicationId: z.uuid().nullable().optional(), minutes: z.string().max(20_000, '纪要不超过2万字').optional() }), response: { 200: panelResponse } },
    config: manage,
  }, async (request) => updatePanel(db, actorOf(request), request.params.roundId, request.body));
  r.post('/api/review/rounds/:roundId/panel/adjustments', {
    schema: { tags, summary: '会评调整某份评分表的分数（须填写理由）', params: roundParams, body: z.object({ assignmentId: z.uuid(), scoreCenti: z.number().int().min(0).max(10_000, '分数不超过100分'), reason: z.string().trim().min(2, '请填写调整理由').max(500) }), response: { 200: panelResponse } },
    config: manage,
  }, async (request) => adjustScore(db, actorOf(request), request.params.roundId, request.body));
  r.post('/api/review/rounds/:roundId/panel/close', { schema: { tags, summary: '结束会评', params: roundParams, response: { 200: panelResponse } }, config: manage }, async (request) => closePanel(db, actorOf(request), request.params.roundId));

  // Expert: own assignments only.
  r.get('/api/review/my-assignments', { schema: { tags, summary: '我的评审任务（仅本人、未回避的）', response: { 200: myAssignmentListResponse } }, config: score }, async (request) => myAssignments(db, authOf(request)));
  r.get('/api/review/assignments/:assignmentId', { schema: { tags, summary: '评审任务：回避声明状态、评分细则与评分表', params: assignmentParams, response: { 200: assignmentDetailResponse } }, config: score }, async (request) => readAssignment(db, authOf(request), request.params.assignmentId));
  r.post('/api/review/assignments/:assignmentId/open', { schema: { tags, summary: '声明无需回避并打开申报书', params: assignmentParams, response: { 200: assignmentDetailResponse } }, config: score }, async (request) => openAssignment(db, authOf(request), actorOf(request), request.params.assignmentId));
  r.post('/api/review/assignments/:assignmentId/decline', {
    schema: { tags, summary: '声明回避（打开申报书前）：本任务取消并确定性地替补专家', params: assignmentParams, body: z.object({ reason: z.string().trim().min(2, '请填写回避理由').max(500, '回避理由不超过500字') }), response: { 200: declineResponse } },
    config: score,
  }, async (request) => {
    const result = await declineAssignment(db, authOf(request), actorOf(request), request.params.assignmentId, request.body.reason);
    if (result.replaced) await kickNotificationDispatch(ctx.jobs, request.log);
    return result;
  });
  r.get('/api/review/assignments/:assignmentId/application', { schema: { tags, summary: '阅读申报书（提交版本）与附件列表', params: assignmentParams, response: { 200: reviewApplicationResponse } }, config: score }, async (request) => reviewApplication(db, authOf(request), request.params.assignmentId));
  r.get('/api/review/assignments/:assignmentId/attachments/:attachmentId', { schema: { tags, summary: '下载申报书附件（提交版本）', params: attachmentParams, response: fileResponse }, config: score }, async (request, reply) => {
    const a = await reviewAttachmentFile(db, authOf(request), request.params.assignmentId, request.params.attachmentId);
    const ascii = `attachment.${a.contentType === 'application/pdf' ? 'pdf' : a.contentType === 'image/png' ? 'png' : 'jpg'}`;
    return reply
      .header('content-type', a.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(a.fileName)}`)
      .send(a.content);
  });
  r.put('/api/review/assignments/:assignmentId/sheet', { schema: { tags, summary: '保存评分草稿', params: assignmentParams, body: scoreSheetInputSchema, response: { 200: assignmentDetailResponse } }, config: score }, async (request) =>
    saveSheet(db, authOf(request), actorOf(request), request.params.assignmentId, request.body, false),
  );
  r.post('/api/review/assignments/:assignmentId/sheet/submit', { schema: { tags, summary: '提交评分表（截止前；提交后不可修改）', params: assignmentParams, body: scoreSheetInputSchema, response: { 200: assignmentDetailResponse } }, config: score }, async (request) =>
    saveSheet(db, authOf(request), actorOf(request), request.params.assignmentId, request.body, true),
  );
}
