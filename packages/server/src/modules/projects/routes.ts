/** Approved projects (立项项目): HTTP only. The list `GET /api/projects` (an API contract), its export and dashboard: portfolio-routes.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { projectDetailResponse, projectEventsResponse } from '@kechuang/domain';
import { authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { readProjectDetail, readProjectEvents } from './detail.js';

const tags = ['立项项目'];
const read = { access: { permission: 'project.read' as const } };
const idParams = z.object({ id: z.uuid({ error: '项目编号无效' }) });

export function projectRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  r.get('/api/projects/:id', { schema: { tags, summary: '项目详情：状态、任务书各版本、项目资金变动（承诺、拨付、收回、退回）及可办理事项', params: idParams, response: { 200: projectDetailResponse } }, config: read }, async (request) => readProjectDetail(db, authOf(request), request.params.id));
  r.get('/api/projects/:id/events', { schema: { tags, summary: '项目大事记（时间线）：立项以来发生的每件事', params: idParams, response: { 200: projectEventsResponse } }, config: read }, async (request) => readProjectEvents(db, authOf(request), request.params.id));
}
