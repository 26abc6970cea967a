/** Liveness and identity of the running service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { healthResponse } from '@kechuang/domain';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../http/context.js';

export function systemRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/health', { schema: { tags: ['系统'], summary: '健康检查', response: { 200: healthResponse } }, config: { access: 'public' } }, async () => {
    await ctx.database.db.execute(sql`select 1`);
    return { status: 'ok' as const, db: ctx.database.kind, version: ctx.version };
  });
}
