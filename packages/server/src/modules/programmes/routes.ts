/** Programmes, rule-set versions, their categories and fields: read by anyone, maintained by officers. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { programmeDetailResponse, programmeInputSchema, programmeListResponse, programmeResponse, programmeVersionResponse, ruleSetParametersSchema, versionDiffResponse, versionInputSchema } from '@kechuang/domain';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import {
  createProgramme,
  createVersion,
  deleteCategory,
  deleteField,
  listProgrammes,
  readProgramme,
  updateProgramme,
  updateVersion,
  upsertCategory,
  upsertField,
  versionDiff,
} from './service.js';

const codeParams = z.object({ code: z.string().min(1).max(64) });
const versionParams = codeParams.extend({ versionId: z.uuid('版本编号无效') });
const categorySchema = ruleSetParametersSchema.shape.categories.element;
const fieldSchema = ruleSetParametersSchema.shape.fields.element;

export function programmeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const tags = ['计划与政策'];
  const manage = { access: { permission: 'programme.manage' as const } };

  // Policy is public information: anyone may read programmes and their rules.
  r.get('/api/programmes', { schema: { tags, summary: '计划列表（含当前生效版本）', response: { 200: programmeListResponse } }, config: { access: 'public' } }, async () => ({ items: await listProgrammes(db) }));
  r.get('/api/programmes/:code', { schema: { tags, summary: '计划详情及全部政策版本', params: codeParams, response: { 200: programmeDetailResponse } }, config: { access: 'public' } }, async (request) => readProgramme(db, request.params.code));

  r.post('/api/programmes', { schema: { tags, summary: '新建计划', body: programmeInputSchema, response: { 201: programmeResponse } }, config: manage }, async (request, reply) =>
    reply.status(201).send(await createProgramme(db, actorOf(request), { ...request.body, description: request.body.description ?? '' })),
  );
  r.put('/api/programmes/:code', { schema: { tags, summary: '修改计划基本信息', params: codeParams, body: programmeInputSchema.omit({ code: true }), response: { 200: programmeResponse } }, config: manage }, async (request) =>
    updateProgramme(db, actorOf(request), request.params.code, { ...request.body, description: request.body.description ?? '' }),
  );

  r.post('/api/programmes/:code/versions', { schema: { tags, summary: '新建政策版本（设定生效日期）', params: codeParams, body: versionInputSchema, response: { 201: programmeVersionResponse } }, config: manage }, async (request, reply) =>
    reply.status(201).send(await createVersion(db, actorOf(request), request.params.code, request.body)),
  );
  r.put(
    '/api/programmes/:code/versions/:versionId',
    { schema: { tags, summary: '修改政策版本（已被发布指南使用的版本不可修改）', params: versionParams, body: versionInputSchema.omit({ version: true }), response: { 200: programmeVersionResponse } }, config: manage },
    async (request) => updateVersion(db, actorOf(request), request.params.code, request.params.versionId, request.body),
  );
  r.get(
    '/api/programmes/:code/versions/:versionId/diff',
    { schema: { tags, summary: '两个版本的参数差异', params: versionParams, querystring: z.object({ against: z.uuid('对比版本编号无效') }), response: { 200: versionDiffResponse } }, config: { access: 'public' } },
    async (request) => versionDiff(db, request.params.code, request.params.versionId, request.query.against),
  );

  r.put(
    '/api/programmes/:code/versions/:versionId/categories/:categoryCode',
    { schema: { tags, summary: '新增或修改类别', params: versionParams.extend({ categoryCode: z.string().min(1).max(64) }), body: categorySchema, response: { 200: programmeVersionResponse } }, config: manage },
    async (request) => upsertCategory(db, actorOf(request), request.params.code, request.params.versionId, { ...request.body, code: request.params.categoryCode }),
  );
  r.delete(
    '/api/programmes/:code/versions/:versionId/categories/:categoryCode',
    { schema: { tags, summary: '删除类别', params: versionParams.extend({ categoryCode: z.string().min(1).max(64) }), response: { 200: programmeVersionResponse } }, config: manage },
    async (request) => deleteCategory(db, actorOf(request), request.params.code, request.params.versionId, request.params.categoryCode),
  );
  r.put(
    '/api/programmes/:code/versions/:versionId/fields/:fieldCode',
    { schema: { tags, summary: '新增或修改领域', params: versionParams.extend({ fieldCode: z.string().min(1).max(64) }), body: fieldSchema, response: { 200: programmeVersionResponse } }, config: manage },
    async (request) => upsertField(db, actorOf(request), request.params.code, request.params.versionId, { ...request.body, code: request.params.fieldCode }),
  );
  r.delete(
    '/api/programmes/:code/versions/:versionId/fields/:fieldCode',
    { schema: { tags, summary: '删除领域', params: versionParams.extend({ fieldCode: z.string().min(1).max(64) }), response: { 200: programmeVersionResponse } }, config: manage },
    async (request) => deleteField(db, actorOf(request), request.params.code, request.params.versionId, request.params.fieldCode),
  );
}
