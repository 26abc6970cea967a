/** Mid-term checks, termination/revocation and reallocation (BL-10, YZ-7): HTTP only (parse, authorise, call the use case). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { midtermOutcomeRequest, openMidtermRequest, projectMidtermResponse, reallocationListResponse, reallocationPreviewQuery, reallocationPreviewResponse, rectificationRequest, terminationRequest, type TerminationKind } from '@kechuang/domain';
import { actorOf, authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { readableProject } from './lifecycle.js';
import { openMidterm, readProjectMidterm, recordMidtermOutcome, recordRectification } from './midterm.js';
import { listReallocations, previewReallocation } from './reallocation.js';
import { decideTermination } from './termination.js';

const tags = ['中期检查与终止'];
const read = { access: { permission: 'project.read' as const } };
const manage = { access: { permission: 'project.manage' as const } };
const idParams = z.object({ id: z.uuid({ error: '项目编号无效' }) });

export function midtermRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const view = (request: Parameters<typeof authOf>[0], id: string) => readProjectMidterm(db, authOf(request), id);

  r.get('/api/projects/:id/midterm', { schema: { tags, summary: '项目的中期检查（YZ-7）：是否必须、各次检查及结论、终止/撤销决定与资金重新分配（BL-10）', params: idParams, response: { 200: projectMidtermResponse } }, config: read }, async (request) => view(request, request.params.id));
  r.post('/api/projects/:id/midterm', { schema: { tags, summary: '启动中期检查（执行中 → 中期检查中）', params: idParams, body: openMidtermRequest, response: { 200: projectMidtermResponse } }, config: manage }, async (request) => {
    await openMidterm(db, actorOf(request), request.params.id, request.body);
    return view(request, request.params.id);
  });
  r.post('/api/projects/:id/midterm/outcome', { schema: { tags, summary: '记录中期检查结论：合格 / 限期整改 / 终止，附依据与滚动管理决定（BL-10）；终止时收回资金并重新分配', params: idParams, body: midtermOutcomeRequest, response: { 200: projectMidtermResponse } }, config: manage }, async (request) => {
    await recordMidtermOutcome(db, actorOf(request), request.params.id, request.body);
    return view(request, request.params.id);
  });
  r.post('/api/projects/:id/midterm/rectification', { schema: { tags, summary: '记录限期整改结果：整改完成恢复执行，或整改不合格终止项目', params: idParams, body: rectificationRequest, response: { 200: projectMidtermResponse } }, config: manage }, async (request) => {
    await recordRectification(db, actorOf(request), request.params.id, request.body);
    return view(request, request.params.id);
  });
  for (const kind of ['terminate', 'revoke'] as const satisfies readonly TerminationKind[]) {
    const what = kind === 'terminate' ? '终止项目：收回未拨付承诺，责令退回结余（已拨付 − 决算已支出）' : '撤销项目：收回未拨付承诺，责令退回全部已拨付财政资金';
    r.post(`/api/projects/:id/${kind}`, { schema: { tags, summary: `${what}；释放的预算重新运行资金方案择优分配（BL-10），同一事务`, params: idParams, body: terminationRequest, response: { 200: projectMidtermResponse } }, config: manage }, async (request) => {
      await decideTermination(db, actorOf(request), request.params.id, kind, request.body);
      return view(request, request.params.id);
    });
  }
  r.get('/api/projects/:id/reallocation-preview', { schema: { tags, summary: '终止/撤销前预览：将释放与应退回的金额，以及资金方案重新运行将选择的候选项目及说明（不写入）', params: idParams, querystring: reallocationPreviewQuery, response: { 200: reallocationPreviewResponse } }, config: manage }, async (request) => {
    const project = await readableProject(db, authOf(request), request.params.id);
    return previewReallocation(db, project, request.query.kind, request.query.spentYuan);
  });
  r.get('/api/reallocations', { schema: { tags, summary: '资金重新分配记录（BL-10）：来源项目、释放金额、入选项目及资金方案的说明', response: { 200: reallocationListResponse } }, config: read }, async (request) => listReallocations(db, authOf(request)));
}
