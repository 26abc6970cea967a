/** Application attachments over HTTP: parse, authorise by route permission (the record in the use case), call. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentFileResponse, attachmentSlotsResponse } from '@kechuang/domain';
import { actorOf, authOf } from '../../http/auth.js';
import type { Db } from '../../db/client.js';
import { fileResponse, noContentResponse } from '../../http/excel.js';
import { readUploadedFile } from '../../http/upload.js';
import { deleteAttachment, listAttachments, readAttachmentFile, uploadAttachment } from './attachments.js';
import { applicationProblem } from './errors.js';

const idParams = z.object({ id: z.uuid('申报书编号无效') });
const kindParams = idParams.extend({ kind: z.string().min(1).max(64) });
const fileParams = idParams.extend({ attachmentId: z.uuid('附件编号无效') });

export function attachmentRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['申报书'];
  const read = { access: { permission: 'application.read' as const } };
  const apply = { access: { permission: 'application.apply' as const } };

  r.get('/api/applications/:id/attachments', { schema: { tags, summary: '附件栏位及已上传的文件', params: idParams, response: { 200: attachmentSlotsResponse } }, config: read }, async (request) => listAttachments(db, authOf(request), request.params.id));
  r.post('/api/applications/:id/attachments/:kind', {
    schema: { tags, summary: '上传附件到指定栏位（multipart 字段 file；按文件内容识别 PDF/JPG/PNG，不超过 20 MB；仅草稿或退回时）', params: kindParams, response: { 201: attachmentFileResponse } },
    config: apply,
  }, async (request, reply) => {
    const file = (maxBytes: number) =>
      readUploadedFile(request, maxBytes, { required: (d) => applicationProblem('ATTACHMENT_REQUIRED', d), tooLarge: (d) => applicationProblem('ATTACHMENT_TOO_LARGE', d) }, 'file');
    return reply.status(201).send(await uploadAttachment(db, authOf(request), actorOf(request), request.params.id, request.params.kind, file));
  });
  r.get('/api/applications/:id/attachments/:attachmentId/file', { schema: { tags, summary: '下载附件原件', params: fileParams, response: fileResponse }, config: read }, async (request, reply) => {
    const a = await readAttachmentFile(db, authOf(request), request.params.id, request.params.attachmentId);
    const ascii = `attachment.${a.contentType === 'application/pdf' ? 'pdf' : a.contentType === 'image/png' ? 'png' : 'jpg'}`;
    return reply
      .header('content-type', a.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(a.fileName)}`)
      .send(a.content);
  });
  r.delete('/api/applications/:id/attachments/:attachmentId', { schema: { tags, summary: '删除附件（仅草稿或退回时）', params: fileParams, response: noContentResponse }, config: apply }, async (request, reply) => {
    await deleteAttachment(db, authOf(request), actorOf(request), request.params.id, request.params.attachmentId);
    return reply.status(204).send();
  });
}
