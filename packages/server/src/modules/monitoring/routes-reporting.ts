/** Monitoring routes for the responsible units' monthly reporting (P315-3): parse → authorise → one use case. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { monEvidenceAddedSchema, monMyUnitsSchema, monReportHistorySchema, monReportingSchema, monSavedValueSchema, monSubmittedSchema, monTaskReportSchema, monUploadResultSchema, reportValueInputSchema, taskProgressInputSchema } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { fileResponse, noContentResponse, workbookResponse } from '../../http/excel.js';
import { authOf } from '../../http/auth.js';
import { deleteEvidence, EVIDENCE_MAX_BYTES, readEvidence, uploadEvidence } from './evidence.js';
import { reportingTemplate, uploadReports } from './exchange.js';
import { myUnits, reportingSheet, saveReportValue, saveTaskProgressReport, submitMonth } from './reporting.js';
import { reportHistory } from './review.js';
import { caller, idParams, month, read, report, reportKey, sendXlsx, tags, uploadedFile, writer } from './route-common.js';

export function reportingRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/monitoring/my-units', { schema: { tags, summary: '本账号所属的责任单位', response: { 200: monMyUnitsSchema } }, config: report }, async (request) => ({ items: await myUnits(db, authOf(request).user.id) }));
  r.get('/api/monitoring/reporting', { schema: { tags, summary: '本单位某月应报指标与任务', querystring: z.object({ period: month.optional() }), response: { 200: monReportingSchema } }, config: report }, async (request) =>
    reportingSheet(db, authOf(request).user.id, request.query.period),
  );
  r.put(
    '/api/monitoring/reporting/indicators/:indicatorId/:period',
    { schema: { tags, summary: '填报（保存草稿；已采纳的值再次保存即为更正，保留历史）', params: z.object({ indicatorId: z.uuid('指标编号无效'), period: reportKey }), body: reportValueInputSchema, response: { 200: monSavedValueSchema } }, config: report },
    async (request) => saveReportValue(db, writer(request), request.params.indicatorId, request.params.period, request.body),
  );
  r.post(
    '/api/monitoring/reporting/indicators/:indicatorId/:period/evidence',
    { schema: { tags, summary: '上传佐证材料（PDF/JPG/PNG/XLSX/DOCX，≤10MB）', params: z.object({ indicatorId: z.uuid('指标编号无效'), period: reportKey }), response: { 201: monEvidenceAddedSchema } }, config: report },
    async (request, reply) => reply.status(201).send(await uploadEvidence(db, writer(request), request.params.indicatorId, request.params.period, () => uploadedFile(request, EVIDENCE_MAX_BYTES))),
  );
  r.get('/api/monitoring/evidence/:id', { schema: { tags, summary: '下载佐证材料', params: idParams, response: fileResponse }, config: read }, async (request, reply) => {
    const c = caller(request);
    const e = await readEvidence(db, c.userId, c.canManage, request.params.id);
    return reply
      .header('content-type', e.mime)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(e.filename)}`)
      .send(e.content);
  });
  r.delete('/api/monitoring/evidence/:id', { schema: { tags, summary: '删除佐证材料（草稿或退回修改时）', params: idParams, response: noContentResponse }, config: report }, async (request, reply) => {
    await deleteEvidence(db, writer(request), request.params.id);
    return reply.status(204).send();
  });
  r.put(
    '/api/monitoring/reporting/tasks/:taskId/:period',
    { schema: { tags, summary: '填报任务进展（草稿）', params: z.object({ taskId: z.uuid('任务编号无效'), period: month }), body: taskProgressInputSchema, response: { 200: monTaskReportSchema } }, config: report },
    async (request) => saveTaskProgressReport(db, writer(request), request.params.taskId, request.params.period, request.body),
  );
  r.post('/api/monitoring/reporting/submit', { schema: { tags, summary: '提交本单位某月全部草稿', body: z.object({ period: month }), response: { 200: monSubmittedSchema } }, config: report }, async (request) => submitMonth(db, writer(request), request.body.period));
  r.get('/api/monitoring/reporting/template', { schema: { tags, summary: '下载本单位月度填报模板', querystring: z.object({ period: month }), response: workbookResponse }, config: report }, async (request, reply) => {
    const { filename, buffer } = await reportingTemplate(db, authOf(request).user.id, request.query.period);
    return sendXlsx(reply, 'template.xlsx', filename, buffer);
  });
  r.post('/api/monitoring/reporting/upload', { schema: { tags, summary: '上传填好的模板：有效行保存为草稿，错误行逐行返回', querystring: z.object({ period: month }), response: { 200: monUploadResultSchema } }, config: report }, async (request) => {
    const file = await uploadedFile(request, 1024 * 1024);
    return uploadReports(db, writer(request), request.query.period, file.bytes);
  });
  r.get('/api/monitoring/reports/:id/history', { schema: { tags, summary: '报送的全部修订记录', params: idParams, response: { 200: monReportHistorySchema } }, config: read }, async (request) => ({ items: await reportHistory(db, caller(request), request.params.id) }));
}
