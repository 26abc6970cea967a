/** Organisation profiles, members and invitations. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  formatShanghai,
  INDUSTRY_SECTIONS,
  invitationAcceptSchema,
  invitationCreatedResponse,
  invitationCreateSchema,
  invitationListResponse,
  invitationPreviewResponse,
  invitationRevokedResponse,
  meResponse,
  organisationPageResponse,
  organisationResponse,
  userListResponse,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  organisationProfileSchema,
  organisationConsortiaSchema,
  type IndustrySection,
  type OrganisationType,
} from '@kechuang/domain';
import { z } from 'zod';
import { actorOf, authOf, rotateCsrfToken } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { organisationMembers } from '../accounts/users.js';
import { setSessionCookie } from '../accounts/sessions.js';
import { loadMe } from '../accounts/me.js';
import { organisationProblem } from './errors.js';
import { acceptInvitation, createInvitation, describeInvitation, listInvitations, revokeInvitation } from './invitations.js';
import { presentOrganisation, type OrganisationRow } from './present.js';
import { sendWorkbook, workbookResponse } from '../../http/excel.js';
import { assertOwnOrganisation, findOrganisation, listOrganisations, readableOrganisation, setOrganisationConsortia, updateOrganisationProfile } from './service.js';

const idParams = z.object({ id: z.uuid('单位编号无效') });
const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(100).optional(),
  type: z.enum(ORGANISATION_TYPES).optional(),
  sort: z.enum(['name', '-name', 'createdAt', '-createdAt']).default('-createdAt'),
});
const EXPORT_LIMIT = 50_000;
const tokenParams = z.object({ token: z.string().min(16).max(64) });

export function organisationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const tags = ['申报单位'];

  r.get('/api/organisations/mine', { schema: { tags, summary: '本人所属单位', response: { 200: organisationResponse } }, config: { access: { permission: 'organisation.read' } } }, async (request) => {
    const auth = authOf(request);
    const org = auth.user.organisationId ? await findOrganisation(db, auth.user.organisationId) : null;
    if (!org) throw organisationProblem('ORGANISATION_NOT_FOUND', '您的账号不属于任何申报单位');
    return presentOrganisation(org, auth.roles, auth.user.organisationId);
  });

  r.get(
    '/api/organisations',
    {
      schema: { tags, summary: '单位列表（科技局）', querystring: listQuery, response: { 200: organisationPageResponse } },
      config: { access: { permission: 'organisation.readAll' } },
    },
    async (request) => {
      const auth = authOf(request);
      const { rows, total } = await listOrganisations(db, request.query);
      return { items: rows.map((o) => presentOrganisation(o, auth.roles, auth.user.organisationId)), total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  r.get('/api/organisations/export', { schema: { tags, summary: '按当前筛选条件导出单位 Excel', querystring: listQuery, response: workbookResponse }, config: { access: { permission: 'organisation.readAll' } } }, async (request, reply) => {
    const { rows } = await listOrganisations(db, { ...request.query, page: 1, pageSize: EXPORT_LIMIT });
    return sendWorkbook<OrganisationRow>(reply, `单位列表-${formatShanghai(new Date()).slice(0, 10)}.xlsx`, '单位', [
      { header: '单位名称', width: 32, value: (o) => o.name },
      { header: '统一社会信用代码', width: 22, value: (o) => o.creditCode },
      { header: '单位类型', value: (o) => ORGANISATION_TYPE_LABELS[o.type as OrganisationType] ?? o.type },
      { header: '所在地区', width: 22, value: (o) => o.region },
      { header: '所属行业', width: 28, value: (o) => `${o.industry} ${INDUSTRY_SECTIONS[o.industry as IndustrySection] ?? ''}` },
      { header: '详细地址', width: 30, value: (o) => o.address },
      { header: '联系人', value: (o) => o.contactName },
      { header: '联系电话', value: (o) => o.contactPhone },
      { header: '联系邮箱', width: 24, value: (o) => o.contactEmail },
      { header: '注册时间', width: 20, value: (o) => formatShanghai(o.createdAt) },
    ], rows);
  });

  r.get('/api/organisations/:id', { schema: { tags, summary: '单位详情', params: idParams, response: { 200: organisationResponse } }, config: { access: 'session' } }, async (request) => {
    const auth = authOf(request);
    return presentOrganisation(await readableOrganisation(db, auth, request.params.id), auth.roles, auth.user.organisationId);
  });

  r.put(
    '/api/organisations/:id',
    { schema: { tags, summary: '修改本单位信息（统一社会信用代码不可修改）', params: idParams, body: organisationProfileSchema, response: { 200: organisationResponse } }, config: { access: { permission: 'organisation.update' } } },
    async (request) => {
      const auth = authOf(request);
      const row = await updateOrganisationProfile(db, auth, actorOf(request), request.params.id, request.body);
      return presentOrganisation(row, auth.roles, auth.user.organisationId);
    },
  );

  r.put(
    '/api/organisations/:id/consortia',
    { schema: { tags, summary: '登记单位所属创新联合体（评审回避依据）', params: idParams, body: organisationConsortiaSchema, response: { 200: organisationResponse } }, config: { access: { permission: 'review.manage' } } },
    async (request) => {
      const auth = authOf(request);
      const row = await setOrganisationConsortia(db, actorOf(request), request.params.id, request.body.consortia);
      return presentOrganisation(row, auth.roles, auth.user.organisationId);
    },
  );

  r.get('/api/organisations/:id/members', { schema: { tags, summary: '本单位成员', params: idParams, response: { 200: userListResponse } }, config: { access: { permission: 'organisation.members' } } }, async (request) => {
    assertOwnOrganisation(authOf(request), request.params.id, 'organisation.members');
    return { items: await organisationMembers(db, request.params.id) };
  });

  r.get('/api/organisations/:id/invitations', { schema: { tags, summary: '本单位发出的邀请', params: idParams, response: { 200: invitationListResponse } }, config: { access: { permission: 'organisation.members' } } }, async (request) => ({
    items: await listInvitations(db, authOf(request), request.params.id),
  }));

  r.post(
    '/api/organisations/:id/invitations',
    { schema: { tags, summary: '邀请成员加入本单位（返回一次性邀请链接）', params: idParams, body: invitationCreateSchema, response: { 201: invitationCreatedResponse } }, config: { access: { permission: 'organisation.members' } } },
    async (request, reply) => reply.status(201).send(await createInvitation(db, authOf(request), actorOf(request), request.params.id, request.body)),
  );

  r.post(
    '/api/organisations/:id/invitations/:invitationId/revoke',
    { schema: { tags, summary: '撤销邀请', params: idParams.extend({ invitationId: z.uuid('邀请编号无效') }), response: { 200: invitationRevokedResponse } }, config: { access: { permission: 'organisation.members' } } },
    async (request) => ({ invitation: await revokeInvitation(db, authOf(request), actorOf(request), request.params.id, request.params.invitationId) }),
  );

  r.get('/api/invitations/:token', { schema: { tags, summary: '查看邀请（公开）', params: tokenParams, response: { 200: invitationPreviewResponse } }, config: { access: 'public' } }, async (request) =>
    describeInvitation(db, request.params.token),
  );

  r.post(
    '/api/invitations/:token/accept',
    { schema: { tags, summary: '接受邀请并创建账号', params: tokenParams, body: invitationAcceptSchema, response: { 201: meResponse } }, config: { access: 'public', rateLimit: { max: 20, timeWindow: 60_000 } } },
    async (request, reply) => {
      const { token, userId } = await acceptInvitation(db, request.params.token, request.body, request.ip, request.headers['user-agent'] ?? '');
      setSessionCookie(reply, token, ctx.config.cookieSecure);
      rotateCsrfToken(reply, ctx.config.cookieSecure); // a sign-in: a new CSRF token
      return reply.status(201).send(await loadMe(db, userId));
    },
  );
}
