/** The expert pool (专家库) and reverse evaluation (反向评价): HTTP only — parse, authorise, call. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applicationExpertRatingsResponse,
  EXPERT_STATUS_LABELS,
  EXPERT_STATUSES,
  expertActivateSchema,
  expertDetailResponse,
  expertImportResponse,
  expertLoginResponse,
  expertPageResponse,
  expertProfileSchema,
  expertRatingSchema,
  expertResponse,
  expertSelfProfileSchema,
  expertSelfResponse,
  expertSuspendSchema,
  expertTaxonomyResponse,
  expertUpdateSchema,
  formatCenti,
  formatShanghai,
  type Expert,
} from '@kechuang/domain';
import { actorOf, authOf } from '../../../http/auth.js';
import type { AppContext } from '../../../http/context.js';
import { sendWorkbook, workbookResponse } from '../../../http/excel.js';
import { expertDetail } from './expert-detail.js';
import { createExpertLogin } from './expert-login.js';
import { currentTaxonomy } from './expert-rows.js';
import { importExperts, sendExpertTemplate, uploadedExpertWorkbook } from './import-experts.js';
import { EXPERT_SORTS, listExperts } from './list-experts.js';
import { readMyProfile, updateMyProfile } from './my-profile.js';
import { applicationExpertRatings, rateApplicationExpert, rateExpertAsOfficer } from './ratings.js';
import { createExpert, updateExpert } from './save-expert.js';
import { transitionExpert } from './transition-expert.js';

const tags = ['专家库'];
const manage = { access: { permission: 'expert.manage' as const } };
const profile = { access: { permission: 'expert.profile' as const } };
const idParams = z.object({ id: z.uuid('专家编号无效') });
const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  status: z.enum(EXPERT_STATUSES, { error: '专家状态无效' }).optional(),
  field: z.string().trim().max(32).optional(),
  q: z.string().trim().max(64).optional(),
  available: z.enum(['true', 'false']).optional(),
  sort: z.enum(EXPERT_SORTS).default('-createdAt'),
});
const EXPORT_LIMIT = 20_000;

export function expertRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  // Not secret (calls publish their fields); both the officer's and the expert's forms offer these.
  r.get('/api/experts/fields', { schema: { tags, summary: '评审领域（现行各计划政策版本的领域并集）', response: { 200: expertTaxonomyResponse } }, config: { access: 'session' } }, async () => ({ items: await currentTaxonomy(db) }));

  r.get('/api/experts', { schema: { tags, summary: '专家库列表（筛选、分页、排序）', querystring: listQuery, response: { 200: expertPageResponse } }, config: manage }, async (request) => listExperts(db, request.query));

  r.get('/api/experts/export.xlsx', { schema: { tags, summary: '按当前筛选条件导出专家 Excel（身份证号码脱敏）', querystring: listQuery, response: workbookResponse }, config: manage }, async (request, reply) => {
    const { items } = await listExperts(db, { ...request.query, page: 1 }, EXPORT_LIMIT);
    return sendWorkbook<Expert>(reply, `专家库-${formatShanghai(new Date()).slice(0, 10)}.xlsx`, '专家', [
      { header: '姓名', value: (e) => e.name },
      { header: '身份证号码', width: 22, value: (e) => e.idNumberMasked ?? '' },
      { header: '职称', width: 18, value: (e) => e.title },
      { header: '工作单位', width: 28, value: (e) => e.organisationName },
      { header: '统一社会信用代码', width: 22, value: (e) => e.organisationCreditCode ?? '' },
      { header: '所在地区', width: 22, value: (e) => e.region },
      { header: '评审领域', width: 20, value: (e) => e.fields.join('、') },
      { header: '关键词', width: 30, value: (e) => e.keywords.join('、') },
      { header: '状态', value: (e) => EXPERT_STATUS_LABELS[e.status] },
      { header: '可参加评审', value: (e) => (e.available ? '是' : '否') },
      { header: '评审任务（进行中）', value: (e) => `${e.assignments}（${e.openAssignments}）` },
      { header: '平均评价', value: (e) => (e.ratingCenti === null ? '' : formatCenti(e.ratingCenti)) },
      { header: '评价数', value: (e) => e.ratingCount },
    ], items);
  });

  r.get('/api/experts/import/template.xlsx', { schema: { tags, summary: '下载专家导入模板', response: workbookResponse }, config: manage }, async (_request, reply) => sendExpertTemplate(db, reply));
  r.post('/api/experts/import', { schema: { tags, summary: '导入专家（multipart 上传 .xlsx；有效行在一个事务中导入为待审核专家，错误行逐行返回；已在库的身份证号码不导入）', response: { 200: expertImportResponse } }, config: manage }, async (request) =>
    importExperts(db, actorOf(request), await uploadedExpertWorkbook(request)),
  );

  r.post('/api/experts', { schema: { tags, summary: '新增专家（待审核）', body: expertProfileSchema, response: { 201: expertResponse } }, config: manage }, async (request, reply) =>
    reply.code(201).send(await createExpert(db, actorOf(request), request.body)),
  );

  r.get('/api/experts/me', { schema: { tags, summary: '我的专家信息', response: { 200: expertSelfResponse } }, config: profile }, async (request) => readMyProfile(db, authOf(request).user.id));
  r.put('/api/experts/me', { schema: { tags, summary: '修改我的专家信息（领域、关键词、职称、单位、地区、可否参评、申报回避）', body: expertSelfProfileSchema, response: { 200: expertSelfResponse } }, config: profile }, async (request) =>
    updateMyProfile(db, actorOf(request), authOf(request).user.id, request.body),
  );

  r.get('/api/experts/:id', { schema: { tags, summary: '专家详情：信息、历史、各轮评审任务与工作量、评价', params: idParams, response: { 200: expertDetailResponse } }, config: manage }, async (request) =>
    expertDetail(db, request.params.id, authOf(request).user.id),
  );
  r.put('/api/experts/:id', { schema: { tags, summary: '修改专家信息', params: idParams, body: expertUpdateSchema, response: { 200: expertResponse } }, config: manage }, async (request) =>
    updateExpert(db, actorOf(request), request.params.id, request.body),
  );
  r.post('/api/experts/:id/activate', { schema: { tags, summary: '启用专家（待审核或暂停 → 在库）', params: idParams, body: expertActivateSchema.nullish(), response: { 200: expertResponse } }, config: manage }, async (request) =>
    transitionExpert(db, actorOf(request), request.params.id, 'activate', request.body?.reason),
  );
  r.post('/api/experts/:id/suspend', { schema: { tags, summary: '暂停专家（须填写原因）', params: idParams, body: expertSuspendSchema, response: { 200: expertResponse } }, config: manage }, async (request) =>
    transitionExpert(db, actorOf(request), request.params.id, 'suspend', request.body.reason),
  );
  r.post('/api/experts/:id/login', {
    schema: { tags, summary: '为专家开通登录账号（返回一次性临时密码）', params: idParams, body: z.object({ username: z.string().trim().min(3, '用户名至少3个字符').max(32, '用户名不超过32个字符').regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字和 _ . -') }), response: { 201: expertLoginResponse } },
    config: manage,
  }, async (request, reply) => reply.code(201).send(await createExpertLogin(db, actorOf(request), request.params.id, request.body.username)));
  r.post('/api/experts/:id/ratings', { schema: { tags, summary: '经办人评价专家在某一评审轮次中的工作（反向评价）', params: idParams, body: expertRatingSchema.extend({ roundId: z.uuid('评审轮次编号无效') }), response: { 201: expertDetailResponse } }, config: manage }, async (request, reply) =>
    reply.code(201).send(await rateExpertAsOfficer(db, actorOf(request), authOf(request).user.id, request.params.id, request.body)),
  );

  // The applicant's side: anonymous slots only, never a name or an id that identifies an expert.
  const appParams = z.object({ id: z.uuid('申报书编号无效') });
  const read = { access: { permission: 'application.read' as const } };
  r.get('/api/applications/:id/expert-ratings', { schema: { tags, summary: '评价本申报书的评审专家（匿名：专家一、专家二……）', params: appParams, response: { 200: applicationExpertRatingsResponse } }, config: read }, async (request) =>
    applicationExpertRatings(db, authOf(request), request.params.id),
  );
  r.post('/api/applications/:id/expert-ratings', { schema: { tags, summary: '评价一位匿名评审专家（每位专家一次）', params: appParams, body: expertRatingSchema.extend({ slot: z.uuid('评价对象无效') }), response: { 201: applicationExpertRatingsResponse } }, config: read }, async (request, reply) =>
    reply.code(201).send(await rateApplicationExpert(db, authOf(request), actorOf(request), request.params.id, request.body)),
  );
}
