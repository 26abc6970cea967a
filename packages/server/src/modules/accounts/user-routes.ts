/** The system administrator's user management endpoints. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { formatShanghai, ROLE_LABELS, ROLES, USER_STATUS_LABELS, userCreateSchema, userPageResponse, userRowResponse, userUpdateSchema, userWithPasswordResponse, type UserStatus } from '@kechuang/domain';
import { z } from 'zod';
import { actorOf, authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { sendWorkbook, workbookResponse } from '../../http/excel.js';
import { createUserByAdmin, listUsers, resetUserPassword, setUserStatus, unlockUser, updateUserByAdmin } from './users.js';

const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(64).optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(['active', 'disabled', 'locked']).optional(),
  organisationId: z.uuid().optional(),
  sort: z.enum(['username', '-username', 'createdAt', '-createdAt', 'lastLoginAt', '-lastLoginAt']).default('-createdAt'),
});
const idParams = z.object({ id: z.uuid('用户编号无效') });
const EXPORT_LIMIT = 50_000;

export function userRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const tags = ['用户管理'];
  const manage = { access: { permission: 'user.manage' as const } };

  r.get('/api/users', { schema: { tags, summary: '用户列表（分页、筛选、排序）', querystring: listQuery, response: { 200: userPageResponse } }, config: manage }, async (request) => listUsers(db, request.query));

  r.get('/api/users/export', { schema: { tags, summary: '按当前筛选条件导出用户 Excel', querystring: listQuery, response: workbookResponse }, config: manage }, async (request, reply) => {
    const { items } = await listUsers(db, { ...request.query, page: 1 }, EXPORT_LIMIT);
    type Row = (typeof items)[number];
    return sendWorkbook<Row>(reply, `用户列表-${formatShanghai(new Date()).slice(0, 10)}.xlsx`, '用户', [
      { header: '用户名', value: (u) => u.username },
      { header: '姓名', value: (u) => u.name },
      { header: '手机', value: (u) => u.phone },
      { header: '邮箱', width: 24, value: (u) => u.email },
      { header: '角色', width: 24, value: (u) => u.roles.map((x) => ROLE_LABELS[x]).join('、') },
      { header: '所属单位', width: 30, value: (u) => u.organisation?.name ?? '' },
      { header: '状态', value: (u) => USER_STATUS_LABELS[u.status as UserStatus] ?? u.status },
      { header: '锁定至', width: 20, value: (u) => (u.lockedUntil ? formatShanghai(u.lockedUntil) : '') },
      { header: '最近登录', width: 20, value: (u) => (u.lastLoginAt ? formatShanghai(u.lastLoginAt) : '') },
      { header: '创建时间', width: 20, value: (u) => formatShanghai(u.createdAt) },
    ], items);
  });

  r.post('/api/users', { schema: { tags, summary: '新建用户（返回一次性临时密码）', body: userCreateSchema, response: { 201: userWithPasswordResponse } }, config: manage }, async (request, reply) =>
    reply.status(201).send(await createUserByAdmin(db, actorOf(request), request.body)),
  );

  r.patch('/api/users/:id', { schema: { tags, summary: '修改用户资料或角色', params: idParams, body: userUpdateSchema, response: { 200: userRowResponse } }, config: manage }, async (request) =>
    updateUserByAdmin(db, authOf(request), actorOf(request), request.params.id, request.body),
  );

  r.post('/api/users/:id/disable', { schema: { tags, summary: '停用用户', params: idParams, response: { 200: userRowResponse } }, config: manage }, async (request) =>
    setUserStatus(db, authOf(request), actorOf(request), request.params.id, 'disabled'),
  );
  r.post('/api/users/:id/enable', { schema: { tags, summary: '启用用户', params: idParams, response: { 200: userRowResponse } }, config: manage }, async (request) =>
    setUserStatus(db, authOf(request), actorOf(request), request.params.id, 'active'),
  );
  r.post('/api/users/:id/unlock', { schema: { tags, summary: '解除登录锁定', params: idParams, response: { 200: userRowResponse } }, config: manage }, async (request) =>
    unlockUser(db, actorOf(request), request.params.id),
  );
  r.post('/api/users/:id/reset-password', { schema: { tags, summary: '重置密码（返回一次性临时密码）', params: idParams, response: { 200: userWithPasswordResponse } }, config: manage }, async (request) =>
    resetUserPassword(db, authOf(request), actorOf(request), request.params.id),
  );
}
