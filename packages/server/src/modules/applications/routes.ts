/** Applications (申报书): HTTP only — parse, authorise (route permission; the record is checked in the use case), call. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  APPLICATION_SORT_KEYS,
  APPLICATION_STATES,
  applicationCountsResponse,
  applicationDetailResponse,
  applicationQueueResponse,
  applicationStatisticsResponse,
  applicationDraftSchema,
  applicationSubmittedResponse,
  applicationTransitionResponse,
  applicationVersionCompareResponse,
  applicationVersionContentResponse,
  applicationVersionListResponse,
  draftSavedResponse,
  FORMAL_REVIEW_ITEM_KEYS,
  formalReviewResponse,
  EXTERNAL_SOURCE_TYPES,
  externalRecordImportResponse,
  externalRecordListResponse,
  receiptVerificationResponse,
  type ApplicationSortKey,
} from '@kechuang/domain';
import { actorOf, authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { pdfResponse, sendWorkbook, workbookResponse } from '../../http/excel.js';
import { kickNotificationDispatch } from '../notifications/outbox.js';
import { attachmentRoutes } from './attachment-routes.js';
import { createApplication } from './create-application.js';
import { importExternalRecords, sendExternalRecordsTemplate, listExternalRecords, uploadedWorkbook } from './external-records.js';
import { checkStatus, enqueueDuplicateCheck, readDuplicateReport, requestDuplicateCheck, runDuplicateCheck } from './duplicate-check.js';
import { readFormalReview, recordFormalReview } from './formal-review.js';
import { exportQueue, listQueue, QUEUE_EXPORT_COLUMNS } from './queue.js';
import { readApplication } from './read-application.js';
import { enqueueReceipt, readReceipt, verifyReceipt } from './receipts.js';
import { saveDraft } from './save-draft.js';
import { applicationCounts, applicationStatisticsOf } from './statistics.js';
import { submitApplication } from './submit-application.js';
import { transitionApplication, type ChainEvent } from './transition-application.js';
import { compareVersions, listVersions, readVersion } from './versions.js';

const idParams = z.object({ id: z.uuid('申报书编号无效') });
const checkStatusEnum = z.enum(['queued', 'running', 'done', 'failed']);
const duplicateCheckResponse = z.object({ applicationId: z.uuid(), version: z.number().int(), status: checkStatusEnum });
const spanSide = z.object({ section: z.string().nullable(), sectionTitle: z.string().nullable(), start: z.number().int(), end: z.number().int(), text: z.string() });
const duplicateReportResponse = z.object({
  status: checkStatusEnum,
  version: z.number().int(),
  queuedAt: z.string(),
  finishedAt: z.string().nullable(),
  report: z.object({
    applicationId: z.uuid(),
    version: z.number().int(),
    checkedAt: z.string(),
    copyRatio: z.number(),
    copiedChars: z.number().int(),
    totalChars: z.number().int(),
    flagged: z.boolean(),
    flags: z.array(z.string()),
    thresholds: z.object({ copyRatio: z.number(), jaccard: z.number(), sectionContainment: z.number(), passageChars: z.number() }),
    sections: z.array(z.object({ key: z.string(), title: z.string(), chars: z.number().int(), copyRatio: z.number(), flagged: z.boolean() })),
    matches: z.array(
      z.object({
        docId: z.string(),
        sourceType: z.string(),
        title: z.string(),
        applicationId: z.string().nullable(),
        version: z.number().int().nullable(),
        organisationId: z.string().nullable(),
        relation: z.enum(['ownRevision', 'other']),
        relationLabel: z.string(),
        jaccard: z.number(),
        containment: z.number(),
        reverseContainment: z.number(),
        copyRatio: z.number(),
        copiedChars: z.number().int(),
        flagged: z.boolean(),
        flags: z.array(z.string()),
        sections: z.array(z.object({ key: z.string(), title: z.string(), jaccard: z.number(), containment: z.number(), copyRatio: z.number() })),
        passages: z.array(z.object({ chars: z.number().int(), query: spanSide, source: spanSide })),
      }),
    ),
    sourcesChecked: z.object({ archivedTexts: z.number().int(), bySource: z.array(z.object({ sourceType: z.string(), label: z.string(), count: z.number().int() })) }),
    sourcesNotChecked: z.array(z.object({ sourceType: z.string(), label: z.string(), reason: z.string() })),
    index: z.object({ mode: z.enum(['loaded', 'rebuilt']), reason: z.enum(['missing', 'corrupt', 'inconsistent', 'template']).nullable(), cached: z.boolean(), docs: z.number().int(), highWater: z.number().int() }),
  }),
});
const versionParams = idParams.extend({ version: z.coerce.number({ error: '版本号须为数字' }).int('版本号须为整数').min(1, '版本号须大于0') });
const versionNumber = z.coerce.number({ error: '版本号须为数字' }).int('版本号须为整数').min(1, '版本号须大于0');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00+08:00`)), '日期无效');
const queueFilter = z.object({
  callId: z.uuid('指南编号无效').optional(),
  state: z.enum(APPLICATION_STATES, { error: '状态无效' }).optional(),
  guidelineItemCode: z.string().trim().min(1).max(64).optional(),
  categoryCode: z.string().trim().min(1).max(64).optional(),
  fieldCode: z.string().trim().min(1).max(64).optional(),
  organisation: z.string().trim().min(1).max(100, '单位名称或信用代码不超过100个字').optional(),
  submittedFrom: day.optional(),
  submittedTo: day.optional(),
  waitingForMe: z.enum(['true', 'false'], { error: 'waitingForMe 须为 true 或 false' }).transform((v) => v === 'true').optional(),
  // `key` ascending, `-key` descending, as every other list of the API.
  sort: z.enum([...APPLICATION_SORT_KEYS, ...APPLICATION_SORT_KEYS.map((k) => `-${k}` as const)], { error: '排序字段无效' }).default('-submittedAt'),
});
const listQuery = queueFilter.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
/** `-key` → key descending. */
const sortOf = <Q extends { sort: string }>(q: Q) => ({ ...q, sort: q.sort.replace(/^-/, '') as ApplicationSortKey, order: q.sort.startsWith('-') ? ('desc' as const) : ('asc' as const) });
const callQuery = z.object({ callId: z.uuid('指南编号无效') });
const createBody = z.object({
  callId: z.uuid('指南编号无效'),
  guidelineItemCode: z.string({ error: '请选择指南条目' }).trim().min(1, '请选择指南条目').max(64),
  categoryCode: z.string({ error: '请选择类别' }).trim().min(1, '请选择类别').max(64),
});
const draftBody = z.object({ baseVersion: z.number({ error: '请提供所基于的版本号' }).int().min(1), content: applicationDraftSchema });
// An action may be posted with no body at all; an empty body reads as no comment.
const commentBody = z.preprocess((v) => v ?? {}, z.object({ comment: z.string().trim().max(1000, '意见不超过1000个字').optional() }));
const formalReviewBody = z.object({
  items: z
    .array(z.object({
      key: z.enum(FORMAL_REVIEW_ITEM_KEYS, { error: '审查项无效' }),
      pass: z.boolean({ error: '请选择通过或不通过' }),
      reason: z.string({ error: '理由须为文字' }).trim().max(1000, '理由不超过1000个字').nullish(),
    }))
    .min(1, '请至少填写一项审查结果')
    .max(FORMAL_REVIEW_ITEM_KEYS.length, '审查项过多'),
});
const returnBody = z.object({
  reasons: z
    .array(z.object({ field: z.string({ error: '请指明退回理由对应的栏目' }).trim().min(1, '请指明退回理由对应的栏目').max(200), reason: z.string({ error: '请填写退回理由' }).trim().min(1, '请填写退回理由').max(1000, '退回理由不超过1000个字') }))
    .min(1, '请至少填写一条退回理由')
    .max(50, '退回理由不超过50条'),
  comment: z.string().trim().max(1000, '意见不超过1000个字').optional(),
});

export function applicationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const tags = ['申报书'];
  const read = { access: { permission: 'application.read' as const } };
  const apply = { access: { permission: 'application.apply' as const } };

  r.get('/api/applications', {
    schema: { tags, summary: '申报书列表/各级待办队列（申报单位只见本单位的）：按指南、状态、条目、类别、领域、单位、提交日期筛选，待我处理，排序分页', querystring: listQuery, response: { 200: applicationQueueResponse } },
    config: read,
  }, async (request) => listQueue(db, authOf(request), sortOf(request.query)));
  r.get('/api/applications/export.xlsx', { schema: { tags, summary: '导出筛选后的申报书列表（Excel，不分页，筛选条件同列表）', querystring: queueFilter, response: workbookResponse }, config: read }, async (request, reply) => {
    const rows = await exportQueue(db, authOf(request), sortOf(request.query));
    return sendWorkbook(reply, '申报书列表.xlsx', '申报书', QUEUE_EXPORT_COLUMNS, rows, `共 ${rows.length} 项；金额单位：万元；时间为北京时间。`);
  });
  r.get('/api/applications/counts', { schema: { tags, summary: '按指南条目和类别统计申报数（NB-13：不足2项的条目标注）', querystring: callQuery, response: { 200: applicationCountsResponse } }, config: read }, async (request) =>
    applicationCounts(db, authOf(request), request.query.callId),
  );
  r.get('/api/applications/statistics', { schema: { tags, summary: '申报统计：按类别、领域、地区、单位性质的申报数和申请财政经费', querystring: callQuery, response: { 200: applicationStatisticsResponse } }, config: read }, async (request) =>
    applicationStatisticsOf(db, authOf(request), request.query.callId),
  );
  r.post('/api/applications', { schema: { tags, summary: '我要申报：在已发布的指南下为本单位新建草稿', body: createBody, response: { 201: applicationDetailResponse } }, config: apply }, async (request, reply) => {
    const id = await createApplication(db, authOf(request), actorOf(request), request.body);
    return reply.status(201).send(await readApplication(db, authOf(request), id));
  });
  r.get('/api/public/receipts/verify', {
    schema: { tags, summary: '核验申报书回执：按回执上印的内容摘要或 PDF 文件的 SHA-256 查询', querystring: z.object({ hash: z.string({ error: '请提供摘要' }).trim().toLowerCase().regex(/^[0-9a-f]{64}$/, '摘要须为64位十六进制') }), response: { 200: receiptVerificationResponse } },
    config: { access: 'public' },
  }, async (request) => verifyReceipt(db, request.query.hash));
  r.get('/api/applications/:id', { schema: { tags, summary: '申报书详情：状态、可执行的操作和实时校验', params: idParams, response: { 200: applicationDetailResponse } }, config: read }, async (request) => readApplication(db, authOf(request), request.params.id));
  r.put('/api/applications/:id/draft', { schema: { tags, summary: '自动保存（须提供 baseVersion；版本过期返回 409 并附两个版本）', params: idParams, body: draftBody, response: { 200: draftSavedResponse } }, config: apply }, async (request) =>
    saveDraft(db, authOf(request), actorOf(request), request.params.id, request.body),
  );
  r.get('/api/applications/:id/versions', { schema: { tags, summary: '已保存的版本', params: idParams, response: { 200: applicationVersionListResponse } }, config: read }, async (request) => ({ items: await listVersions(db, authOf(request), request.params.id) }));
  r.get('/api/applications/:id/versions/compare', { schema: { tags, summary: '比较两个版本', params: idParams, querystring: z.object({ from: versionNumber, to: versionNumber }), response: { 200: applicationVersionCompareResponse } }, config: read }, async (request) =>
    compareVersions(db, authOf(request), request.params.id, request.query.from, request.query.to),
  );
  r.get('/api/applications/:id/versions/:version', { schema: { tags, summary: '某一版本的内容', params: versionParams, response: { 200: applicationVersionContentResponse } }, config: read }, async (request) => readVersion(db, authOf(request), request.params.id, request.params.version));

  for (const event of ['submit', 'resubmit'] as const) {
    r.post(`/api/applications/:id/${event}`, { schema: { tags, summary: event === 'submit' ? '提交（被退回的申报书即重新提交）：冻结版本并生成申报书回执，提交后自动查重' : '重新提交（同 submit）', params: idParams, response: { 200: applicationSubmittedResponse } }, config: apply }, async (request) => {
      const result = await submitApplication(db, authOf(request), actorOf(request), request.params.id);
      // Only after the commit: a job sent inside the transaction could run before the version it checks exists.
      await enqueueDuplicateCheck(ctx.jobs, request.log, request.params.id, result.version);
      await kickNotificationDispatch(ctx.jobs, request.log);
      await enqueueReceipt(ctx.jobs, request.log, request.params.id, result.version);
      return result;
    });
  }
  const chain: [ChainEvent, string, 'application.apply' | 'application.endorse' | 'application.recommend' | 'application.review' | 'application.read'][] = [
    ['withdraw', '撤回（下一级尚未处理且指南未截止时）', 'application.apply'],
    ['endorse', '单位管理员审核通过', 'application.endorse'],
    ['recommend', '推荐单位推荐', 'application.recommend'],
    ['accept', '经办人受理（形式审查通过）', 'application.review'],
  ];
  for (const [event, summary, permission] of chain) {
    r.post(`/api/applications/:id/${event}`, { schema: { tags, summary, params: idParams, body: commentBody, response: { 200: applicationTransitionResponse } }, config: { access: { permission } } }, async (request) => {
      const result = await transitionApplication(db, authOf(request), actorOf(request), request.params.id, event, { comment: request.body?.comment });
      await kickNotificationDispatch(ctx.jobs, request.log);
      return result;
    });
  }
  // Any level may return; which level it is in this state is the workflow's decision.
  r.post('/api/applications/:id/return', { schema: { tags, summary: '退回修改（理由逐条对应栏目）', params: idParams, body: returnBody, response: { 200: applicationTransitionResponse } }, config: read }, async (request) => {
    const result = await transitionApplication(db, authOf(request), actorOf(request), request.params.id, 'return', request.body);
    await kickNotificationDispatch(ctx.jobs, request.log);
    return result;
  });
  attachmentRoutes(app, db);

  const review = { access: { permission: 'application.review' as const } };
  r.get('/api/applications/:id/formal-review', { schema: { tags, summary: '形式审查清单（经办人）：本次提交的各审查项、自动核查结果和已记录的结论', params: idParams, response: { 200: formalReviewResponse } }, config: review }, async (request) =>
    readFormalReview(db, authOf(request), request.params.id),
  );
  r.put('/api/applications/:id/formal-review', { schema: { tags, summary: '记录形式审查结果（不通过须说明理由；全部通过后方可受理）', params: idParams, body: formalReviewBody, response: { 200: formalReviewResponse } }, config: review }, async (request) =>
    recordFormalReview(db, authOf(request), actorOf(request), request.params.id, request.body.items),
  );

  r.get('/api/applications/:id/receipt', { schema: { tags, summary: '最近一次提交的申报书回执（PDF，冻结不变）', params: idParams, response: pdfResponse }, config: read }, async (request, reply) => {
    const receipt = await readReceipt(db, authOf(request), request.params.id);
    const name = `申报书-${receipt.applicationNo}-第${receipt.version}版.pdf`;
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${receipt.applicationNo}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('cache-control', 'private, no-store')
      .send(receipt.pdf);
  });
  r.get('/api/applications/:id/duplicate-report', {
    schema: { tags, summary: '查重报告（BL-9，仅经办人）：按相似度排列的比对来源、两侧位置的复制段落、文字复制比和超过阈值的提示', params: idParams, response: { 200: duplicateReportResponse } },
    config: read,
  }, async (request) => readDuplicateReport(db, authOf(request), request.params.id));
  r.post('/api/applications/:id/duplicate-check', {
    schema: { tags, summary: '重新发起查重（经办人）：排队由任务执行；未运行任务队列时当场执行', params: idParams, response: { 200: duplicateCheckResponse, 202: duplicateCheckResponse } },
    config: { access: { permission: 'application.review' } },
  }, async (request, reply) => {
    const { applicationId, version } = await requestDuplicateCheck(db, authOf(request), actorOf(request), request.params.id);
    if (ctx.jobs) {
      await enqueueDuplicateCheck(ctx.jobs, request.log, applicationId, version);
      return reply.status(202).send({ applicationId, version, status: await checkStatus(db, applicationId, version) });
    }
    // No queue in this process (tests, a one-off tool): run it here, after the request's transaction committed.
    await runDuplicateCheck(db, { applicationId, version }, request.log);
    return { applicationId, version, status: await checkStatus(db, applicationId, version) };
  });

  // 查重档案的外部记录（人才项目、上级项目、往年项目）: officers import and list them.
  const dedupeTags = ['查重'];
  r.get('/api/dedupe/external-records/template.xlsx', { schema: { tags: dedupeTags, summary: '下载查重外部记录导入模板', response: workbookResponse }, config: review }, async (_request, reply) => sendExternalRecordsTemplate(reply));
  r.post('/api/dedupe/external-records/import', {
    schema: { tags: dedupeTags, summary: '导入查重外部记录（multipart 上传 .xlsx；有效行在一个事务中导入，错误行逐行返回行号、列和原因；已导入的记录编号不覆盖）', response: { 200: externalRecordImportResponse } },
    config: review,
  }, async (request) => importExternalRecords(db, actorOf(request), await uploadedWorkbook(request)));
  r.get('/api/dedupe/external-records', {
    schema: {
      tags: dedupeTags,
      summary: '查重档案中的外部记录（分页，可按来源类型筛选）',
      querystring: z.object({ sourceType: z.enum(EXTERNAL_SOURCE_TYPES, { error: '来源类型无效' }).optional(), page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) }),
      response: { 200: externalRecordListResponse },
    },
    config: review,
  }, async (request) => listExternalRecords(db, request.query));
}
