/** The public funding calculator and the officers' budget ledgers. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fundingQuoteRequestSchema } from '@kechuang/domain';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { BUDGET_ENTRY_KINDS, readLedger, recordBudgetEntry } from './budget.js';
import { quoteFunding } from './funding-quote.js';

const ledgerParams = z.object({ code: z.string().min(1).max(64), year: z.coerce.number().int().min(2000).max(2100) });

export function fundingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  r.post(
    '/api/funding/quote',
    { schema: { tags: ['经费测算'], summary: '按生效政策测算财政补助（金额为整数元），逐条说明所用规则', body: fundingQuoteRequestSchema }, config: { access: 'public', rateLimit: { max: 120, timeWindow: 60_000 } } },
    async (request) => quoteFunding(db, request.body),
  );

  r.get('/api/programmes/:code/budget/:year', { schema: { tags: ['预算台账'], summary: '计划年度预算台账', params: ledgerParams }, config: { access: { permission: 'budget.read' } } }, async (request) =>
    readLedger(db, request.params.code, request.params.year),
  );
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
      },
      config: { access: { permission: 'budget.manage' } },
    },
    async (request, reply) => reply.status(201).send(await recordBudgetEntry(db, actorOf(request), request.params.code, request.params.year, request.body)),
  );
}
