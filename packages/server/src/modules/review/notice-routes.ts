/** Public notice (社会公示), objections (异议) and the working-day calendar over HTTP: parse, authorise, call. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CALENDAR_DAY_KINDS,
  formatMegabytes,
  calendarYearResponse,
  noticeDraftSchema,
  objectionPartyListResponse,
  objectionReceiptResponse,
  objectionResolutionSchema,
  parseCalendarImport,
  publicNoticeDetailResponse,
  publicNoticeListResponse,
  roundNoticeResponse,
  SEAL_MAX_BYTES,
  formatShanghai,
  OBJECTION_STATUS_LABELS,
  shanghaiDate,
  type NoticeObjection,
} from '@kechuang/domain';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { fileResponse, noContentResponse, sendWorkbook, workbookResponse } from '../../http/excel.js';
import { reviewProblem } from './errors.js';
import { draftNotice, publicNotice, publicNotices, publishNotice, readRoundNotice } from './notice.js';
import { objectionParties, objectionSeal, resolveObjection, submitObjection, type SealFile } from './objections.js';
import { manage, observe, roundParams } from './routes.js';
import { calendarYear, importCalendarYear, removeCalendarDay, setCalendarDay } from './working-calendar.js';

const tags = ['评审与立项'];
const publicTags = ['公开信息'];
const noticeParams = z.object({ id: z.uuid('公示编号无效') });
const objectionParams = z.object({ objectionId: z.uuid('异议编号无效') });
const dateParams = z.object({ date: z.iso.date('日期须为 YYYY-MM-DD') });
const yearSchema = z.coerce.number().int('年份须为整数').min(2000, '年份不早于2000年').max(2100, '年份不晚于2100年');

/**
 * An objection arrives as multipart/form-data (the fields, and for an organisation its sealed letter under
 * `seal`) or, without a file, as JSON. The file is cut at the size limit while streaming, never buffered whole.
 */
async function readObjectionForm(request: FastifyRequest): Promise<{ fields: Record<string, unknown>; seal: SealFile | null }> {
  if (!request.isMultipart()) return { fields: (request.body ?? {}) as Record<string, unknown>, seal: null };
  const fields: Record<string, unknown> = {};
  let seal: SealFile | null = null;
  for await (const part of request.parts({ limits: { fileSize: SEAL_MAX_BYTES, files: 1, fields: 8 } })) {
    if (part.type === 'field') {
      fields[part.fieldname] = part.value;
      continue;
    }
    if (part.fieldname !== 'seal') {
      part.file.resume();
      throw reviewProblem('REVIEW_OBJECTION_SEAL_INVALID', '盖章文件须放在表单字段“seal”中。', [{ field: 'seal', message: '盖章文件须放在表单字段“seal”中' }]);
    }
    let bytes: Buffer;
    try {
      bytes = await part.toBuffer();
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw reviewProblem('REVIEW_OBJECTION_SEAL_TOO_LARGE', `盖章文件不能超过 ${formatMegabytes(SEAL_MAX_BYTES)}。`, [{ field: 'seal', message: `盖章文件不能超过 ${formatMegabytes(SEAL_MAX_BYTES)}` }]);
      throw e;
    }
    if (part.file.truncated) throw reviewProblem('REVIEW_OBJECTION_SEAL_TOO_LARGE', `盖章文件不能超过 ${formatMegabytes(SEAL_MAX_BYTES)}。`);
    if (bytes.length > 0) seal = { filename: part.filename || 'seal', bytes };
  }
  return { fields, seal };
}

export function noticeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  r.get('/api/review/rounds/:roundId/notice', { schema: { tags, summary: '社会公示：名单、公示期、异议（不含异议人身份）与立项放行状态', params: roundParams, response: { 200: roundNoticeResponse } }, config: observe }, async (request) =>
    readRoundNotice(db, request.params.roundId),
  );
  r.post('/api/review/rounds/:roundId/notice', { schema: { tags, summary: '拟定（或在发布前重新拟定）公示名单：区政府常务会议确定金额的项目，公示期按工作日计算', params: roundParams, body: noticeDraftSchema, response: { 200: roundNoticeResponse } }, config: manage }, async (request) =>
    draftNotice(db, actorOf(request), request.params.roundId, request.body),
  );
  r.post('/api/review/rounds/:roundId/notice/publish', { schema: { tags, summary: '发布社会公示（在公开门户显示）', params: roundParams, response: { 200: roundNoticeResponse } }, config: manage }, async (request) =>
    publishNotice(db, actorOf(request), request.params.roundId),
  );
  r.get('/api/review/rounds/:roundId/notice/objectors', { schema: { tags, summary: '异议人身份（仅限处理异议的经办人员）', params: roundParams, response: { 200: objectionPartyListResponse } }, config: manage }, async (request) =>
    objectionParties(db, request.params.roundId),
  );
  // The objections worked on, for the officers' records: no objector identity leaves the system this way.
  r.get('/api/review/rounds/:roundId/notice/objections.xlsx', { schema: { tags, summary: '导出公示异议及处理结果（Excel，不含异议人身份）', params: roundParams, response: workbookResponse }, config: manage }, async (request, reply) => {
    const { objections } = await readRoundNotice(db, request.params.roundId);
    return sendWorkbook<NoticeObjection>(reply, '公示异议.xlsx', '异议', [
      { header: '编号', width: 16, value: (o) => o.reference },
      { header: '针对项目', width: 40, value: (o) => o.projectTitle },
      { header: '异议内容', width: 60, value: (o) => o.text },
      { header: '收到时间', width: 20, value: (o) => formatShanghai(o.receivedAt) },
      { header: '状态', width: 22, value: (o) => OBJECTION_STATUS_LABELS[o.status] },
      { header: '处理理由', width: 60, value: (o) => o.reasons ?? '' },
      { header: '处理时间', width: 20, value: (o) => (o.resolvedAt ? formatShanghai(o.resolvedAt) : '') },
    ], objections, `共 ${objections.length} 件；时间为北京时间；异议人身份不随本表导出。`);
  });
  r.get('/api/review/objections/:objectionId/seal', { schema: { tags, summary: '下载单位异议的盖章异议函（仅限处理异议的经办人员）', params: objectionParams, response: fileResponse }, config: manage }, async (request, reply) => {
    const f = await objectionSeal(db, request.params.objectionId);
    const ext = f.contentType === 'application/pdf' ? 'pdf' : f.contentType === 'image/png' ? 'png' : 'jpg';
    return reply
      .header('content-type', f.contentType)
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="seal.${ext}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
      .send(f.content);
  });
  r.post('/api/review/objections/:objectionId/resolve', { schema: { tags, summary: '处理异议：成立（撤回公示项目）或不成立，均须写明理由', params: objectionParams, body: objectionResolutionSchema, response: noContentResponse }, config: manage }, async (request, reply) => {
    await resolveObjection(db, actorOf(request), request.params.objectionId, request.body);
    return reply.status(204).send();
  });

  // API contract (issue 13): the published lists and their periods.
  r.get('/api/public/notices', { schema: { tags: publicTags, summary: '已发布的立项公示名单及公示期（撤回的项目标明已撤回）', response: { 200: publicNoticeListResponse } }, config: { access: 'public' } }, async () => publicNotices(db));
  r.get('/api/public/notices/:id', { schema: { tags: publicTags, summary: '一份立项公示：名单、公示期及期内节假日', params: noticeParams, response: { 200: publicNoticeDetailResponse } }, config: { access: 'public' } }, async (request) =>
    publicNotice(db, request.params.id),
  );
  r.post(
    '/api/public/notices/:id/objections',
    {
      schema: { tags: publicTags, summary: '在公示期内书面提出异议（个人实名并留联系方式；单位上传盖章异议函，字段 seal，PDF/JPG/PNG 不超过 5 MB）', params: noticeParams, response: { 201: objectionReceiptResponse } },
      // Counted in the shared database store (as login is), so the limit holds across every app node.
      config: { access: 'public', rateLimit: { max: 5, timeWindow: 60 * 60_000 } },
    },
    async (request, reply) => {
      const { fields, seal } = await readObjectionForm(request);
      return reply.status(201).send(await submitObjection(db, actorOf(request), request.params.id, fields, seal));
    },
  );

  r.get('/api/review/working-calendar', { schema: { tags, summary: '节假日日历：某年的放假与调休上班日期', querystring: z.object({ year: yearSchema.optional() }), response: { 200: calendarYearResponse } }, config: observe }, async (request) =>
    calendarYear(db, request.query.year ?? Number(shanghaiDate(new Date()).slice(0, 4))),
  );
  r.put('/api/review/working-calendar/:date', { schema: { tags, summary: '设置一天为放假或调休上班', params: dateParams, body: z.object({ kind: z.enum(CALENDAR_DAY_KINDS, '请选择放假或调休上班'), name: z.string().trim().min(1, '请填写节日名称').max(20, '节日名称不超过20个字') }), response: noContentResponse }, config: manage }, async (request, reply) => {
    await setCalendarDay(db, actorOf(request), { date: request.params.date, ...request.body });
    return reply.status(204).send();
  });
  r.delete('/api/review/working-calendar/:date', { schema: { tags, summary: '删除一天的放假或调休设置（恢复按星期计算）', params: dateParams, response: noContentResponse }, config: manage }, async (request, reply) => {
    await removeCalendarDay(db, actorOf(request), request.params.date);
    return reply.status(204).send();
  });
  r.post(
    '/api/review/working-calendar/import',
    { schema: { tags, summary: '导入全年节假日安排（每行：日期,放假|上班,节日名称），替换该年原有设置', body: z.object({ year: yearSchema, text: z.string().max(20_000, '内容过长'), source: z.string().trim().max(100, '来源不超过100个字').optional() }), response: { 200: calendarYearResponse } }, config: manage },
    async (request) => {
      const parsed = parseCalendarImport(request.body.text, request.body.year);
      if (!parsed.ok) throw reviewProblem('REVIEW_CALENDAR_INVALID', parsed.errors.map((e) => `第${e.line}行：${e.message}`).join('；'), parsed.errors.map((e) => ({ field: `text.${e.line}`, message: e.message })));
      return importCalendarYear(db, actorOf(request), request.body.year, parsed.days, request.body.source || '经办人员导入');
    },
  );
}
