/** Site inspection and the decision meetings over HTTP: parse, authorise (route permission), call the use case. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatCenti, INSPECTION_RESULT_LABELS, type InspectionItem, inspectionChecklistInput, inspectionOverviewResponse, inspectionPhotoResponse, inspectionRecordInput, inspectionSelectionInput, MEETING_KINDS, meetingOverviewResponse, meetingRecordInput } from '@kechuang/domain';
import { actorOf, authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { fileResponse, noContentResponse, pdfResponse, sendWorkbook, workbookResponse, type ExcelColumn } from '../../http/excel.js';
import { readUploadedFile } from '../../http/upload.js';
import { reviewProblem } from './errors.js';
import { finishInspection, readInspection, recordInspection, saveChecklist, saveSelection } from './inspection.js';
import { deleteInspectionPhoto, readInspectionPhoto, uploadInspectionPhoto } from './inspection-photos.js';
import { renderMinutes } from './meeting-minutes-pdf.js';
import { readMeeting, recordMeeting, signOffMeeting } from './meetings.js';
import { readRound } from './rounds.js';
import { manage, observe, roundParams } from './routes.js';

const tags = ['评审与立项'];
const appParams = roundParams.extend({ applicationId: z.uuid('申报书编号无效') });
const photoParams = appParams.extend({ photoId: z.uuid('照片编号无效') });
const meetingParams = roundParams.extend({ kind: z.enum(MEETING_KINDS, '会议类型须为 party（局党组会议）或 executive（区政府常务会议）') });
const signoff = { access: { permission: 'review.signoff' as const } };

/** The inspection results as officers file them (one row per selected application). */
const INSPECTION_EXPORT_COLUMNS: ExcelColumn<InspectionItem>[] = [
  { header: '排名', width: 8, value: (r) => r.rank },
  { header: '申报编号', width: 18, value: (r) => r.applicationNo },
  { header: '项目名称', width: 40, value: (r) => r.title },
  { header: '申报单位', width: 30, value: (r) => r.organisationName },
  { header: '得分', width: 10, value: (r) => (r.scoreCenti === null ? '' : formatCenti(r.scoreCenti)) },
  { header: '核查日期', width: 12, value: (r) => r.record?.inspectedOn ?? '' },
  { header: '核查人员', width: 20, value: (r) => r.record?.inspectors.join('、') ?? '' },
  { header: '核查结论', width: 10, value: (r) => (r.record ? INSPECTION_RESULT_LABELS[r.record.result] : '未核查') },
  { header: '不符合事项', width: 40, value: (r) => r.record?.items.filter((i) => !i.passed).map((i) => `${i.key}：${i.finding}`).join('；') ?? '' },
  { header: '其他发现', width: 30, value: (r) => r.record?.findings ?? '' },
  { header: '结论依据', width: 30, value: (r) => r.record?.basis ?? '' },
  { header: '照片数', width: 8, value: (r) => r.photos.length },
];

export function reviewDecisionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const base = '/api/review/rounds/:roundId';

  r.get(`${base}/inspection`, { schema: { tags, summary: '实地核查：核查清单、核查范围、各申报书的核查记录与照片', params: roundParams, response: { 200: inspectionOverviewResponse } }, config: observe }, async (request) => readInspection(db, request.params.roundId));
  r.get(`${base}/inspection/export.xlsx`, { schema: { tags, summary: '导出实地核查结果（Excel）', params: roundParams, response: workbookResponse }, config: observe }, async (request, reply) => {
    const o = await readInspection(db, request.params.roundId);
    const labels = new Map(o.checklist.map((c) => [c.key, c.label]));
    const items = o.items.map((i) => (i.record ? { ...i, record: { ...i.record, items: i.record.items.map((x) => ({ ...x, key: labels.get(x.key) ?? x.key })) } } : i));
    return sendWorkbook(reply, '实地核查结果.xlsx', '实地核查', INSPECTION_EXPORT_COLUMNS, items, `共 ${items.length} 份；核查范围：${o.topN === null ? '全部在评申报书' : `排名前 ${o.topN} 名（${o.selectionReason}）`}。`);
  });
  r.put(`${base}/inspection/checklist`, { schema: { tags, summary: '修改本轮实地核查清单（专家评审结束前后均可，核查完成前）', params: roundParams, body: inspectionChecklistInput, response: { 200: inspectionOverviewResponse } }, config: manage }, async (request) =>
    saveChecklist(db, actorOf(request), request.params.roundId, request.body));
  r.put(`${base}/inspection/selection`, { schema: { tags, summary: '确定核查范围：全部在评申报书，或按排名前 N 名（须说明理由）', params: roundParams, body: inspectionSelectionInput, response: { 200: inspectionOverviewResponse } }, config: manage }, async (request) =>
    saveSelection(db, actorOf(request), request.params.roundId, request.body));
  r.put(`${base}/inspection/applications/:applicationId`, { schema: { tags, summary: '记录一份申报书的实地核查（逐项结果、发现、结论与依据；不通过即不再进入后续环节）', params: appParams, body: inspectionRecordInput, response: { 200: inspectionOverviewResponse } }, config: manage }, async (request) =>
    recordInspection(db, actorOf(request), request.params.roundId, request.params.applicationId, request.body));
  r.post(`${base}/inspection/applications/:applicationId/photos`, {
    schema: { tags, summary: '上传核查照片（multipart 字段 file；按文件内容识别 JPG/PNG，不超过 5 MB，每份最多 12 张）', params: appParams, response: { 201: inspectionPhotoResponse } },
    config: manage,
  }, async (request, reply) => {
    const file = (maxBytes: number) => readUploadedFile(request, maxBytes, { required: (d) => reviewProblem('REVIEW_PHOTO_REQUIRED', d), tooLarge: (d) => reviewProblem('REVIEW_PHOTO_TOO_LARGE', d) }, 'file');
    return reply.status(201).send(await uploadInspectionPhoto(db, actorOf(request), request.params.roundId, request.params.applicationId, file));
  });
  r.get(`${base}/inspection/applications/:applicationId/photos/:photoId`, { schema: { tags, summary: '查看核查照片原图', params: photoParams, response: fileResponse }, config: observe }, async (request, reply) => {
    const p = await readInspectionPhoto(db, request.params.roundId, request.params.applicationId, request.params.photoId);
    return reply.header('content-type', p.contentType).header('x-content-type-options', 'nosniff').header('cache-control', 'private, max-age=300').header('content-disposition', `inline; filename="photo.${p.contentType === 'image/png' ? 'png' : 'jpg'}"`).send(p.content);
  });
  r.delete(`${base}/inspection/applications/:applicationId/photos/:photoId`, { schema: { tags, summary: '删除核查照片（核查完成前）', params: photoParams, response: noContentResponse }, config: manage }, async (request, reply) => {
    await deleteInspectionPhoto(db, actorOf(request), request.params.roundId, request.params.applicationId, request.params.photoId);
    return reply.status(204).send();
  });
  r.post(`${base}/inspection/finish`, { schema: { tags, summary: '完成实地核查（范围内每份都有结论），进入资金方案', params: roundParams, response: { 200: inspectionOverviewResponse } }, config: manage }, async (request) =>
    finishInspection(db, actorOf(request), request.params.roundId));

  r.get(`${base}/meetings/:kind`, { schema: { tags, summary: '决策会议（局党组会议 / 区政府常务会议）：议程、会议记录与决定、可执行的操作', params: meetingParams, response: { 200: meetingOverviewResponse } }, config: observe }, async (request) =>
    readMeeting(db, authOf(request).roles, request.params.roundId, request.params.kind));
  r.get(`${base}/meetings/:kind/minutes.pdf`, { schema: { tags, summary: '会议纪要 PDF（未签发的标注草稿）', params: meetingParams, response: pdfResponse }, config: observe }, async (request, reply) => {
    const { roundId, kind } = request.params;
    const overview = await readMeeting(db, authOf(request).roles, roundId, kind);
    if (!overview.meeting) throw reviewProblem('REVIEW_MEETING_NOT_RECORDED');
    const pdf = await renderMinutes((await readRound(db, roundId)).callTitle, overview);
    const name = `${overview.meeting.minutesNo}.pdf`;
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="minutes-${kind}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`).header('cache-control', 'private, no-store').send(pdf);
  });
  r.put(`${base}/meetings/:kind`, { schema: { tags, summary: '记录决策会议（日期、纪要编号、议程、纪要、逐项决定；金额不高于资金方案；签发前可更正）', params: meetingParams, body: meetingRecordInput, response: { 200: meetingOverviewResponse } }, config: manage }, async (request) =>
    recordMeeting(db, actorOf(request), authOf(request).roles, request.params.roundId, request.params.kind, request.body));
  r.post(`${base}/meetings/:kind/signoff`, { schema: { tags, summary: '领导签发会议纪要（此后纪要与决定不可更改），评审进入下一阶段', params: meetingParams, response: { 200: meetingOverviewResponse } }, config: signoff }, async (request) =>
    signOffMeeting(db, actorOf(request), authOf(request).roles, request.params.roundId, request.params.kind));
}
