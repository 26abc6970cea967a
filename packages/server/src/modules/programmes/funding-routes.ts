/** The public funding calculator and the officers' budget ledgers. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { budgetLedgerResponse, formatShanghai, formatWan, fundingQuoteRequestSchema, fundingQuoteResponse } from '@kechuang/domain';
import { sendWorkbook, workbookResponse } from '../../http/excel.js';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { BUDGET_ENTRY_KINDS, BUDGET_ENTRY_LABELS, readLedger, recordBudgetEntry, type BudgetEntryKind } from './budget.js';
import { quoteFunding } from './funding-quote.js';

const ledgerParams = z.object({ code: z.string().min(1).max(64), year: z.coerce.number().int().min(2000).max(2100) });

export function fundingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  r.post(
    '/api/funding/quote',
    { schema: { tags: ['经费测算'], summary: '按生效政策测算财政补助（金额为整数元），逐条说明所用规则', body: fundingQuoteRequestSchema, response: { 200: fundingQuoteResponse } }, config: { access: 'public', rateLimit: { max: 120, timeWindow: 60_000 } } },
    async (request) => quoteFunding(db, request.body),
  );

  r.get('/api/programmes/:code/budget/:year', { schema: { tags: ['预算台账'], summary: '计划年度预算台账', params: ledgerParams, response: { 200: budgetLedgerResponse } }, config: { access: { permission: 'budget.read' } } }, async (request) =>
    readLedger(db, request.params.code, request.params.year),
  );
  r.get('/api/programmes/:code/budget/:year/export', { schema: { tags: ['预算台账'], summary: '导出年度预算台账 Excel', params: ledgerParams, response: workbookResponse }, config: { access: { permission: 'budget.read' } } }, async (request, reply) => {
    const l = await readLedger(db, request.params.code, request.params.year);
    type Entry = (typeof l.entries)[number];
    const summary = `合计：预算 ${formatWan(l.budgetYuan)}，承诺 ${formatWan(l.committedYuan)}，拨付 ${formatWan(l.disbursedYuan)}，收回 ${formatWan(l.returnedYuan)}，可用 ${formatWan(l.availableYuan)}`;
    return sendWorkbook<Entry>(reply, `预算台账-${l.programme.code}-${l.year}.xlsx`, `${l.year}年度`, [
      { header: '时间（北京时间）', width: 20, value: (e) => formatShanghai(e.createdAt) },
      { header: '类型', value: (e) => BUDGET_ENTRY_LABELS[e.kind as BudgetEntryKind] ?? e.kind },
      { header: '金额（元）', width: 16, value: (e) => e.amountYuan },
      { header: '金额（万元）', width: 14, value: (e) => e.amountYuan / 10_000 },
      { header: '关联编号', width: 20, value: (e) => e.reference },
      { header: '说明', width: 40, value: (e) => e.note },
    ], l.entries, summary);
  });

  r.post(
    '/api/programmes/:code/budget/:year/entries',
    {
      schema: {
        tags: ['预算台账'],
        summary: '记录预算变动（核定、承诺、拨付、收回），不得超支',
        params: ledgerParams,
        body: z.object({
          kind: z.enum(BUDGET_ENTRY_KINDS, { error: '变动类型无效' }),
          amountYuan: z.number({ error: '请填写金额（元）' }).int('金额须为整数元').positive('金额须大于0').max(1e13),
          reference: z.string().trim().max(100).default(''),
          note: z.string().trim().max(500).default(''),
        }),
        response: { 201: budgetLedgerResponse },
      },
      config: { access: { permission: 'budget.manage' } },
    },
    async (request, reply) => reply.status(201).send(await recordBudgetEntry(db, actorOf(request), request.params.code, request.params.year, request.body)),
  );
}
