/**
 * Task book (任务书) HTTP only. `GET /api/projects/:id/task-book` (the PDF of the signed version in force) is an API
 * contract outside tools rely on.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { taskBookDraftInput, taskBookOverviewResponse, taskBookSignInput, type TaskBookVersionView } from '@kechuang/domain';
import { actorOf, authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { pdfResponse } from '../../http/excel.js';
import { readableProject } from './lifecycle.js';
import { taskBookProblem } from './task-book-errors.js';
import { freezeTaskBook, saveTaskBookDraft } from './task-book-edit.js';
import { renderTaskBookInWorker } from './task-book-pdf-pool.js';
import { readTaskBook } from './task-book-read.js';
import { signTaskBook } from './task-book-sign.js';

const tags = ['任务书'];
const read = { access: { permission: 'project.read' as const } };
const manage = { access: { permission: 'project.manage' as const } };
const idParams = z.object({ id: z.uuid({ error: '项目编号无效' }) });
const versionParams = idParams.extend({ versionId: z.uuid({ error: '任务书版本编号无效' }) });

function sendPdf(reply: FastifyReply, v: TaskBookVersionView, pdf: Buffer) {
  const name = `任务书-${v.content.projectNo}-第${v.versionNo}版${v.status === 'signed' ? '' : `-${v.status === 'draft' ? '草稿' : v.status === 'signing' ? '签署中' : '已替代'}`}.pdf`;
  return reply.type('application/pdf').header('content-disposition', `attachment; filename="task-book-${v.versionNo}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`).header('x-content-hash', v.contentHash).header('cache-control', 'private, no-store').send(pdf);
}

/** Only what the PDF prints crosses to the worker (structured clone). */
const pdfVersion = (v: TaskBookVersionView) => ({ versionNo: v.versionNo, kind: v.kind, status: v.status, contentHash: v.contentHash, content: v.content, requiredParties: v.requiredParties, signatures: v.signatures, signedAt: v.signedAt, frozenAt: v.frozenAt });

export function taskBookRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const overview = (request: FastifyRequest & { params: { id: string } }) => readTaskBook(db, authOf(request), request.params.id);

  r.get('/api/projects/:id/task-book', { schema: { tags, summary: '现行任务书 PDF（各方签署生效的最新版本，每页印有内容摘要）；尚未签订时 404', params: idParams, response: pdfResponse }, config: read }, async (request, reply) => {
    const o = await overview(request);
    const v = o.versions.find((x) => x.id === o.inForceId);
    if (!v) throw taskBookProblem('TASK_BOOK_NOT_SIGNED', '本项目的任务书尚未经各方签署生效，暂无可下载的正式任务书。');
    return sendPdf(reply, v, await renderTaskBookInWorker(pdfVersion(v)));
  });
  r.get('/api/projects/:id/task-book/versions', { schema: { tags, summary: '任务书各版本：内容、签署情况、核对问题及可办理的操作', params: idParams, response: { 200: taskBookOverviewResponse } }, config: read }, async (request) => overview(request));
  r.get('/api/projects/:id/task-book/versions/:versionId/pdf', { schema: { tags, summary: '任务书某一版本的 PDF（未生效的版本每页标注草稿或签署中）', params: versionParams, response: pdfResponse }, config: read }, async (request, reply) => {
    const o = await overview(request);
    const v = o.versions.find((x) => x.id === request.params.versionId);
    if (!v) throw taskBookProblem('TASK_BOOK_NOT_FOUND');
    return sendPdf(reply, v, await renderTaskBookInWorker(pdfVersion(v)));
  });
  r.put('/api/projects/:id/task-book/draft', { schema: { tags, summary: '修改任务书草稿（指标核心标记、主管部门等）；保存时不拦截，核对问题随草稿显示', params: idParams, body: taskBookDraftInput, response: { 200: taskBookOverviewResponse } }, config: manage }, async (request) => {
    await readableProject(db, authOf(request), request.params.id);
    await saveTaskBookDraft(db, actorOf(request), request.params.id, request.body);
    return overview(request);
  });
  r.post('/api/projects/:id/task-book/versions/:versionId/freeze', { schema: { tags, summary: '提交签署：核对通过后冻结内容；未通过时逐项列出问题（409）', params: versionParams, response: { 200: taskBookOverviewResponse } }, config: manage }, async (request) => {
    await readableProject(db, authOf(request), request.params.id);
    await db.transaction((tx) => freezeTaskBook(tx, actorOf(request), request.params.id, request.params.versionId));
    return overview(request);
  });
  r.post('/api/projects/:id/task-book/versions/:versionId/sign', { schema: { tags, summary: '签署任务书：乙方由承担单位签署，甲方由科技局经办人签署，丙方（主管部门）由经办人代为登记；各方签毕即生效', params: versionParams, body: taskBookSignInput, response: { 200: taskBookOverviewResponse } }, config: read }, async (request) => {
    const auth = authOf(request);
    await readableProject(db, auth, request.params.id);
    await db.transaction((tx) => signTaskBook(tx, { auth, actor: actorOf(request) }, request.params.id, request.params.versionId, request.body));
    return overview(request);
  });
}
