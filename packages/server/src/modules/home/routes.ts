/** The home page's data: the caller's to-do list, gathered from the providers the contexts registered. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { todoListResponse } from '@kechuang/domain';
import { authOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import type { TodoRegistry } from './todos.js';

export function homeRoutes(app: FastifyInstance, ctx: AppContext, todos: TodoRegistry): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/me/todos', { schema: { tags: ['工作台'], summary: '我的待办', response: { 200: todoListResponse } }, config: { access: 'session', allowWhenPasswordExpired: true } }, async (request) => ({
    items: await todos.todosFor(ctx.database.db, authOf(request)),
  }));
}
