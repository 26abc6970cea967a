/** Acceptance (验收 / 结题) over HTTP: parse, authorise by route permission (the record in the use case), call. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptanceApplyBody,
  acceptanceMaterialResponse,
  acceptanceOutcomeBody,
  acceptancePanelCommitBody,
  acceptancePanelDrawBody,
  acceptanceResponse,
  acceptanceResubmitBody,
  acceptanceReturnBody,
  acceptanceReviewSaveBody,
  expertAcceptanceListResponse,
  expertAcceptanceReviewResponse,
  publicDrawRecordSchema,
} from '@kechuang/domain';
import { actorOf, authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { fileResponse } from '../../http/excel.js';
import { readUploadedFile } from '../../http/upload.js';
import { applyAcceptance, resubmitAcceptance, uploadAcceptanceMaterial } from './acceptance-apply.js';
import { acceptanceProblem } from './acceptance-errors.js';
import { myAcceptanceReviews, readMyAcceptanceReview, saveMyAcceptanceReview, submitMyAcceptanceReview } from './acceptance-expert.js';
import { decideAcceptance } from './acceptance-outcome.js';
import { commitPanel, drawPanel } from './acceptance-panel.js';
import { readAcceptance, readPublicPanelDraw } from './acceptance-read.js';
import { returnAcceptance } from './acceptance-return.js';
import { materialFile } from './acceptance-store.js';
import { readableProject } from './lifecycle.js';

const tags = ['项目验收'];
const read = { access: { permission: 'project.read' as const } };
const undertake = { access: { permission: 'project.undertake' as const } };
const manage = { access: { permission: 'project.manage' as const } };
const review = { access: { permission: 'acceptance.review' as const } };
const idParams = z.object({ id: z.uuid({ error: '项目编号无效' }) });
const kindParams = idParams.extend({ kind: z.string().min(1).max(64) });
const materialParams = idParams.extend({ materialId: z.uuid({ error: '材料编号无效' }) });
const reviewParams = z.object({ id: z.uuid({ error: '评审任务编号无效' }) });
const ok = z.object({ id: z.uuid() });

export function acceptanceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  r.get('/api/projects/:id/acceptance', { schema: { tags, summary: '项目验收：申请期限、材料、专家组与抽取记录、逐项指标核查、核心指标完成率、结论与资金处理', params: idParams, response: { 200: acceptanceResponse } }, config: read }, async (request) =>
    readAcceptance(db, authOf(request), request.params.id));
  r.post('/api/projects/:id/acceptance/materials/:kind', {
    schema: { tags, summary: '上传验收材料（multipart 字段 file；按文件内容识别 PDF/JPG/PNG，不超过 20 MB）', params: kindParams, response: { 201: acceptanceMaterialResponse } },
    config: undertake,
  }, async (request, reply) => {
    const file = (maxBytes: number) => readUploadedFile(request, maxBytes, { required: (d) => acceptanceProblem('ACCEPTANCE_MATERIAL_REQUIRED', d), tooLarge: (d) => acceptanceProblem('ACCEPTANCE_MATERIAL_TOO_LARGE', d) }, 'file');
    return reply.status(201).send(await uploadAcceptanceMaterial(db, authOf(request), actorOf(request), request.params.id, request.params.kind, file));
  });
  r.get('/api/projects/:id/acceptance/materials/:materialId/file', { schema: { tags, summary: '下载验收材料原件', params: materialParams, response: fileResponse }, config: read }, async (request, reply) => {
    await readableProject(db, authOf(request), request.params.id);
    const m = await materialFile(db, request.params.id, request.params.materialId);
    const ascii = `material.${m.contentType === 'application/pdf' ? 'pdf' : m.contentType === 'image/png' ? 'png' : 'jpg'}`;
    return reply.header('content-type', m.contentType).header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(m.fileName)}`).send(m.content);
  });
  r.post('/api/projects/:id/acceptance', { schema: { tags, summary: '申请验收（承担单位；结束日前为提前申请，须说明理由；超过申请期限为逾期）', params: idParams, body: acceptanceApplyBody, response: { 201: ok } }, config: undertake }, async (request, reply) =>
    reply.status(201).send(await applyAcceptance(db, authOf(request), actorOf(request), request.params.id, request.body)));
  r.post('/api/projects/:id/acceptance/resubmit', { schema: { tags, summary: '整改后重新提交验收（整改期限内，限一次）', params: idParams, body: acceptanceResubmitBody, response: { 200: ok } }, config: undertake }, async (request) =>
    resubmitAcceptance(db, authOf(request), actorOf(request), request.params.id, request.body));
  r.post('/api/projects/:id/acceptance/return', { schema: { tags, summary: '退回提前验收申请（科技局不予受理，须说明理由；抽取专家前；项目回到执行中，可再次申请）', params: idParams, body: acceptanceReturnBody, response: { 200: ok } }, config: manage }, async (request) =>
    returnAcceptance(db, actorOf(request), request.params.id, request.body));
  r.post('/api/projects/:id/acceptance/panel/commit', { schema: { tags, summary: '发布验收专家抽取承诺：回避与科研失信排除后的专家池哈希、输入哈希、事先预告的公开随机来源', params: idParams, body: acceptancePanelCommitBody, response: { 201: ok } }, config: manage }, async (request, reply) => {
    const row = await commitPanel(db, actorOf(request), request.params.id, request.body);
    return reply.status(201).send({ id: row.id });
  });
  r.post('/api/projects/:id/acceptance/panel', { schema: { tags, summary: '抽取验收专家组：录入各随机来源公布的数值和纪检监督输入值，生成种子并抽取', params: idParams, body: acceptancePanelDrawBody, response: { 200: ok } }, config: manage }, async (request) => {
    const row = await drawPanel(db, actorOf(request), request.params.id, request.body);
    return { id: row.id };
  });
  r.post('/api/projects/:id/acceptance/outcome', { schema: { tags, summary: '作出验收结论（按核心指标完成率计算的结论；不同结论须说明理由）：通过、结题、复议、限期整改、不通过', params: idParams, body: acceptanceOutcomeBody, response: { 201: ok } }, config: manage }, async (request, reply) =>
    reply.status(201).send(await decideAcceptance(db, actorOf(request), request.params.id, request.body)));

  r.get('/api/expert/acceptance-reviews', { schema: { tags, summary: '我的验收评审任务（仅本人被抽中的专家组，回避的项目不显示）', response: { 200: expertAcceptanceListResponse } }, config: review }, async (request) => myAcceptanceReviews(db, authOf(request)));
  r.get('/api/expert/acceptance-reviews/:id', { schema: { tags, summary: '验收评审任务：任务书考核指标、验收材料、本人的核查意见', params: reviewParams, response: { 200: expertAcceptanceReviewResponse } }, config: review }, async (request) =>
    readMyAcceptanceReview(db, authOf(request), request.params.id));
  r.put('/api/expert/acceptance-reviews/:id', { schema: { tags, summary: '保存逐项指标核查意见（完成与否、完成值、佐证）', params: reviewParams, body: acceptanceReviewSaveBody, response: { 200: expertAcceptanceReviewResponse } }, config: review }, async (request) =>
    saveMyAcceptanceReview(db, authOf(request), actorOf(request), request.params.id, request.body));
  r.post('/api/expert/acceptance-reviews/:id/submit', { schema: { tags, summary: '提交核查意见（全部指标核查后）', params: reviewParams, response: { 200: expertAcceptanceReviewResponse } }, config: review }, async (request) =>
    submitMyAcceptanceReview(db, authOf(request), actorOf(request), request.params.id));

  r.get('/api/public/acceptance-draws/:id', { schema: { tags, summary: '验收专家抽取记录（化名，review 的公开抽取记录格式）：结论作出后可据此重新抽取核对（npm run verify-draw -- <文件>）', params: z.object({ id: z.uuid('抽取记录编号无效') }), response: { 200: publicDrawRecordSchema } }, config: { access: 'public' as const } }, async (request) =>
    readPublicPanelDraw(db, request.params.id));
}
