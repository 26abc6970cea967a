/** The security policy: readable by the system administrator, editable only by the security administrator. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { securityPolicySchema, securityPolicyStateResponse } from '@kechuang/domain';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { readSecurityPolicy, updateSecurityPolicy } from './service.js';

export function securityRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const tags = ['安全策略'];
  r.get('/api/security/policy', { schema: { tags, summary: '查看安全策略', response: { 200: securityPolicyStateResponse } }, config: { access: { permission: 'security.read' } } }, async () => readSecurityPolicy(db));
  r.put(
    '/api/security/policy',
    { schema: { tags, summary: '修改安全策略（安全管理员）', body: securityPolicySchema, response: { 200: securityPolicyStateResponse } }, config: { access: { permission: 'security.manage' } } },
    async (request) => updateSecurityPolicy(db, actorOf(request), request.body),
  );
}
