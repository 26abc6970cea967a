/** Research-integrity records (科研失信) over HTTP: parse, authorise by the route's permission, call the use case. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DEFAULT_BAN_YEARS,
  INTEGRITY_APPEAL_ACTIONS,
  INTEGRITY_APPEAL_LABELS,
  INTEGRITY_APPEAL_STATUSES,
  INTEGRITY_BEHAVIOUR_GROUPS,
  INTEGRITY_CATALOGUE_NOTE,
  INTEGRITY_RECORD_STATUS_LABELS,
  INTEGRITY_RECORD_STATUSES,
  INTEGRITY_SEVERITIES,
  INTEGRITY_SEVERITY_LABELS,
  INTEGRITY_SORTS,
  INTEGRITY_SUBJECT_KINDS,
  INTEGRITY_SUBJECT_LABELS,
  formatShanghai,
  integrityCatalogueResponse,
  integrityRecordInput,
  integrityRecordPageResponse,
  integrityRecordResponse,
  itemsOf,
  type IntegrityRecordView,
} from '@kechuang/domain';
import { actorOf, authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { fileResponse, sendWorkbook, workbookResponse } from '../../http/excel.js';
import { readUploadedFile } from '../../http/upload.js';
import { readableOrganisation } from '../organisations/service.js';
import { integrityProblem } from './integrity-errors.js';
import {
  appealIntegrityRecord,
  createIntegrityRecord,
  integrityRecordsOfOrganisation,
  listIntegrityRecords,
  readIntegrityDocument,
  readIntegrityRecord,
  revokeIntegrityRecord,
  updateIntegrityRecord,
  uploadIntegrityDocument,
} from './integrity-records.js';

const tags = ['科研诚信'];
const read = { access: { permission: 'integrity.read' as const } };
const manage = { access: { permission: 'integrity.manage' as const } };
const idParams = z.object({ id: z.uuid({ error: '记录编号无效' }) });
const orgParams = z.object({ id: z.uuid({ error: '单位编号无效' }) });
const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  subjectKind: z.enum(INTEGRITY_SUBJECT_KINDS).optional(),
  severity: z.enum(INTEGRITY_SEVERITIES).optional(),
  appealStatus: z.enum(INTEGRITY_APPEAL_STATUSES).optional(),
  status: z.enum(INTEGRITY_RECORD_STATUSES).optional(),
  behaviourCode: z.string().trim().max(64).optional(),
  q: z.string().trim().max(100).optional(),
  idNumber: z.string().trim().max(30).optional(),
  sort: z.enum(INTEGRITY_SORTS).default('-decisionDate'),
});
const appealBody = z.object({ action: z.enum(INTEGRITY_APPEAL_ACTIONS, { error: '请选择申诉办理结果' }), note: z.string({ error: '请填写办理说明' }).trim().min(1, '请填写办理说明').max(1000, '办理说明不超过1000字') });
const revokeBody = z.object({ reason: z.string({ error: '请填写撤销理由' }).trim().min(1, '请填写撤销理由').max(1000, '撤销理由不超过1000字') });
const EXPORT_LIMIT = 50_000;

export function integrityRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  r.get('/api/integrity/catalogue', { schema: { tags, summary: '失信行为目录与默认限制期（平台设置）', response: { 200: integrityCatalogueResponse } }, config: read }, async () => ({
    groups: INTEGRITY_BEHAVIOUR_GROUPS.map((g) => ({ group: g.group, behaviours: g.behaviours.map((b) => ({ code: b.code, name: b.name })) })),
    defaultBanYears: DEFAULT_BAN_YEARS,
    note: INTEGRITY_CATALOGUE_NOTE,
  }));
  r.get('/api/integrity/records', { schema: { tags, summary: '科研失信记录列表（筛选、排序、分页；按身份证号码或信用代码精确查找；身份证号码一律脱敏显示）', querystring: listQuery, response: { 200: integrityRecordPageResponse } }, config: read }, async (request) => listIntegrityRecords(db, authOf(request), request.query));
  r.get('/api/integrity/records/export.xlsx', { schema: { tags, summary: '按当前筛选条件导出科研失信记录 Excel（身份证号码脱敏）', querystring: listQuery, response: workbookResponse }, config: read }, async (request, reply) => {
    const { items } = await listIntegrityRecords(db, authOf(request), { ...request.query, page: 1, pageSize: EXPORT_LIMIT });
    return sendWorkbook<IntegrityRecordView>(reply, `科研失信记录-${formatShanghai(new Date()).slice(0, 10)}.xlsx`, '科研失信记录', [
      { header: '主体类型', width: 10, value: (x) => INTEGRITY_SUBJECT_LABELS[x.subjectKind] },
      { header: '主体名称', width: 28, value: (x) => x.subjectName },
      { header: '证件号码', width: 22, value: (x) => x.subjectKeyShown },
      { header: '失信行为', width: 32, value: (x) => x.behaviour },
      { header: '严重程度', width: 10, value: (x) => INTEGRITY_SEVERITY_LABELS[x.severity] },
      { header: '处理措施', width: 30, value: (x) => x.measure },
      { header: '处理决定文号', width: 22, value: (x) => x.decisionNo },
      { header: '决定日期', width: 12, value: (x) => x.decisionDate },
      { header: '限制起始', width: 12, value: (x) => x.banFrom },
      { header: '限制截止', width: 12, value: (x) => x.banUntil },
      { header: '调整限制期理由', width: 24, value: (x) => x.banOverrideReason ?? '' },
      { header: '申诉状态', width: 16, value: (x) => INTEGRITY_APPEAL_LABELS[x.appealStatus] },
      { header: '状态', width: 10, value: (x) => INTEGRITY_RECORD_STATUS_LABELS[x.status] },
    ], items);
  });
  r.get('/api/integrity/records/:id', { schema: { tags, summary: '科研失信记录详情', params: idParams, response: { 200: integrityRecordResponse } }, config: read }, async (request) => readIntegrityRecord(db, authOf(request), request.params.id));
  r.post('/api/integrity/records', { schema: { tags, summary: '登记科研失信记录（限制期默认按严重程度自决定日期起 1/3/5 年，调整须说明理由）', body: integrityRecordInput, response: { 201: integrityRecordResponse } }, config: manage }, async (request, reply) =>
    reply.status(201).send(await createIntegrityRecord(db, authOf(request), actorOf(request), request.body)));
  r.put('/api/integrity/records/:id', { schema: { tags, summary: '修改科研失信记录（已撤销的不能修改）', params: idParams, body: integrityRecordInput, response: { 200: integrityRecordResponse } }, config: manage }, async (request) =>
    updateIntegrityRecord(db, authOf(request), actorOf(request), request.params.id, request.body));
  r.post('/api/integrity/records/:id/appeal', { schema: { tags, summary: '办理申诉：登记（未申诉 → 申诉中）、驳回（维持）或成立（不再限制）', params: idParams, body: appealBody, response: { 200: integrityRecordResponse } }, config: manage }, async (request) =>
    appealIntegrityRecord(db, authOf(request), actorOf(request), request.params.id, request.body.action, request.body.note));
  r.post('/api/integrity/records/:id/revoke', { schema: { tags, summary: '撤销科研失信记录（须说明理由；撤销后不再限制）', params: idParams, body: revokeBody, response: { 200: integrityRecordResponse } }, config: manage }, async (request) =>
    revokeIntegrityRecord(db, authOf(request), actorOf(request), request.params.id, request.body.reason));
  r.post('/api/integrity/records/:id/document', { schema: { tags, summary: '上传处理决定书（multipart 字段 file；按文件内容识别，只接受 PDF，不超过 20 MB）', params: idParams, response: { 200: integrityRecordResponse } }, config: manage }, async (request) => {
    const file = (maxBytes: number) => readUploadedFile(request, maxBytes, { required: (d) => integrityProblem('INTEGRITY_DOCUMENT_REQUIRED', d), tooLarge: (d) => integrityProblem('INTEGRITY_DOCUMENT_TOO_LARGE', d) }, 'file');
    return uploadIntegrityDocument(db, authOf(request), actorOf(request), request.params.id, file);
  });
  r.get('/api/integrity/records/:id/document', { schema: { tags, summary: '下载处理决定书', params: idParams, response: fileResponse }, config: read }, async (request, reply) => {
    const d = await readIntegrityDocument(db, request.params.id);
    return reply
      .header('content-type', d.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="decision.pdf"; filename*=UTF-8''${encodeURIComponent(d.fileName)}`)
      .send(d.content);
  });
  r.get('/api/organisations/:id/integrity', { schema: { tags, summary: '单位的科研失信记录（以统一社会信用代码登记的；科技局看全部单位，单位看本单位）', params: orgParams, response: { 200: itemsOf(integrityRecordResponse) } }, config: { access: 'session' } }, async (request) => {
    const auth = authOf(request);
    const org = await readableOrganisation(db, auth, request.params.id);
    return { items: await integrityRecordsOfOrganisation(db, auth, org.creditCode) };
  });
}
