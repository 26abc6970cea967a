/** A project's money (资金) — schedule, 拨付, 阶段检查, 收回到账 — and the programme-year ledger by project: HTTP only. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  disbursementViewResponse, disburseRequest, PROJECT_STATE_LABELS, programmeYearProjectsResponse, programmeYearRecoveriesResponse, scheduleEditRequest, stageCheckRequest, yuanToWan, type ProgrammeYearProjectRow,
} from '@kechuang/domain';
import { actorOf, authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { sendWorkbook, workbookResponse } from '../../http/excel.js';
import { editSchedule, payInstalment, readDisbursement, recordStageCheck, settleProjectRecovery } from './disbursement.js';
import { programmeYearProjects, programmeYearRecoveries } from './programme-ledger-views.js';

const tags = ['项目资金'];
const read = { access: { permission: 'project.read' as const } };
const manage = { access: { permission: 'project.manage' as const } };
const budgetRead = { access: { permission: 'budget.read' as const } };
const idParams = z.object({ id: z.uuid({ error: '项目编号无效' }) });
const recoveryParams = idParams.extend({ recoveryId: z.uuid({ error: '收回记录编号无效' }) });
const ledgerParams = z.object({ code: z.string().min(1).max(64), year: z.coerce.number().int().min(2000).max(2100) });

export function fundsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  r.get('/api/projects/:id/disbursements', { schema: { tags, summary: '项目拨付：拨付计划、各期条件及状态、已拨付与未拨付、阶段检查、资金收回', params: idParams, response: { 200: disbursementViewResponse } }, config: read }, async (request) =>
    readDisbursement(db, authOf(request), request.params.id));
  r.put('/api/projects/:id/disbursement-schedule', { schema: { tags, summary: '调整拨付计划（各期合计须等于财政经费，首期不低于设置比例，已拨付期次不可改）', params: idParams, body: scheduleEditRequest, response: { 200: disbursementViewResponse } }, config: manage }, async (request) =>
    db.transaction((tx) => editSchedule(tx, authOf(request), actorOf(request), request.params.id, request.body)));
  r.post('/api/projects/:id/disbursements', { schema: { tags, summary: '拨付一期：条件满足、未受科研失信限制，记入预算台账（拨付），不超出项目承诺', params: idParams, body: disburseRequest, response: { 201: disbursementViewResponse } }, config: manage }, async (request, reply) =>
    reply.status(201).send(await db.transaction((tx) => payInstalment(tx, authOf(request), actorOf(request), request.params.id, request.body))));
  r.post('/api/projects/:id/stage-checks', { schema: { tags, summary: '记录阶段检查结论及依据（无须中期检查的项目）', params: idParams, body: stageCheckRequest, response: { 201: disbursementViewResponse } }, config: manage }, async (request, reply) =>
    reply.status(201).send(await db.transaction((tx) => recordStageCheck(tx, authOf(request), actorOf(request), request.params.id, request.body))));
  r.post('/api/projects/:id/recoveries/:recoveryId/settle', { schema: { tags, summary: '收回资金到账：记入预算台账（退回已拨付）', params: recoveryParams, response: { 200: disbursementViewResponse } }, config: manage }, async (request) =>
    db.transaction((tx) => settleProjectRecovery(tx, authOf(request), actorOf(request), request.params.id, request.params.recoveryId)));

  r.get('/api/programmes/:code/budget/:year/projects', { schema: { tags: ['预算台账'], summary: '年度预算台账（按项目）：各项目承诺、拨付、收回、退回、未拨付，合计及与台账的核对', params: ledgerParams, response: { 200: programmeYearProjectsResponse } }, config: budgetRead }, async (request) =>
    programmeYearProjects(db, request.params.code, request.params.year));
  r.get('/api/programmes/:code/budget/:year/projects/export', { schema: { tags: ['预算台账'], summary: '导出年度预算台账（按项目）Excel', params: ledgerParams, response: workbookResponse }, config: budgetRead }, async (request, reply) => {
    const v = await programmeYearProjects(db, request.params.code, request.params.year);
    type Row = Omit<ProgrammeYearProjectRow, 'state' | 'projectId'> & { stateLabel: string };
    const rows: Row[] = [
      ...v.items.map(({ state, projectId: _, ...i }) => ({ ...i, stateLabel: PROJECT_STATE_LABELS[state] })),
      { projectNo: '合计', title: `${v.items.length} 个项目`, organisationName: '', stateLabel: '', ...v.totals, overdue: v.items.some((i) => i.overdue) },
      { projectNo: '未关联项目的变动', title: `${v.unassigned.count} 笔（其中核定预算 ${v.unassigned.budgetYuan} 元）`, organisationName: '', stateLabel: '', ...v.unassigned, owedYuan: 0, overdue: false },
    ];
    const money = (header: string, pick: (r: Row) => number) => [
      { header: `${header}（元）`, width: 16, value: pick },
      { header: `${header}（万元）`, width: 14, value: (r: Row) => yuanToWan(pick(r)) },
    ];
    return sendWorkbook<Row>(reply, `预算台账按项目-${v.programme.code}-${v.year}.xlsx`, `${v.year}年度按项目`, [
      { header: '立项编号', width: 22, value: (r) => r.projectNo },
      { header: '项目名称', width: 36, value: (r) => r.title },
      { header: '承担单位', width: 28, value: (r) => r.organisationName },
      { header: '状态', width: 12, value: (r) => r.stateLabel },
      ...money('立项承诺', (r) => r.committedYuan),
      ...money('已拨付', (r) => r.disbursedYuan),
      ...money('收回未拨付', (r) => r.releasedYuan),
      ...money('退回已拨付', (r) => r.repaidYuan),
      ...money('未拨付承诺', (r) => r.undisbursedYuan),
      ...money('净拨付', (r) => r.netPaidYuan),
      ...money('待缴回', (r) => r.owedYuan),
      { header: '逾期', width: 8, value: (r) => (r.overdue ? '逾期' : '') },
    ], rows, v.reconciliation.summary);
  });
  r.get('/api/programmes/:code/budget/:year/recoveries', { schema: { tags: ['预算台账'], summary: '年度资金收回：各项目应缴回金额、期限、是否逾期', params: ledgerParams, response: { 200: programmeYearRecoveriesResponse } }, config: budgetRead }, async (request) =>
    programmeYearRecoveries(db, request.params.code, request.params.year));
}
