/** Builds the Fastify application (plugins, contexts, static web app). It never listens: main.ts and tests do. */
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { useChineseValidationMessages } from '@kechuang/domain';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { registerAuth } from './http/auth.js';
import type { AppContext } from './http/context.js';
import type { JobSender } from './jobs/queue.js';
import { registerErrorHandler, registerInputHygiene, sendProblem } from './http/error-handler.js';
import { commonProblem } from './http/problem.js';
import { accountRoutes } from './modules/accounts/routes.js';
import { applicationRoutes } from './modules/applications/routes.js';
import { reviewDrawRoutes } from './modules/review/draw-routes.js';
import { reviewDecisionRoutes } from './modules/review/decision-routes.js';
import { reviewAssignmentRoutes } from './modules/review/assignment-routes.js';
import { reviewRoundRoutes } from './modules/review/routes.js';
import { fundingPlanRoutes } from './modules/review/funding-plan-routes.js';
import { acceptanceRoutes } from './modules/projects/acceptance-routes.js';
import { projectRoutes } from './modules/projects/routes.js';
import { portfolioRoutes } from './modules/projects/portfolio-routes.js';
import { changeRoutes } from './modules/projects/changes-routes.js';
import { midtermRoutes } from './modules/projects/midterm-routes.js';
import { integrityRoutes } from './modules/projects/integrity-routes.js';
import { performanceRoutes } from './modules/projects/performance-routes.js';
import { fundsRoutes } from './modules/projects/funds-routes.js';
import { projectReportRoutes } from './modules/projects/reports-routes.js';
import { projectReportTodos } from './modules/projects/reports-todos.js';
import { taskBookRoutes } from './modules/projects/task-book-routes.js';
import { expertRoutes } from './modules/review/experts/routes.js';
import { scoringRoutes } from './modules/review/scoring-routes.js';
import { userRoutes } from './modules/accounts/user-routes.js';
import { recoveryRoutes } from './modules/accounts/recovery-routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { homeRoutes } from './modules/home/routes.js';
import { TodoRegistry } from './modules/home/todos.js';
import { accountTodos } from './modules/accounts/todos.js';
import { auditTodos } from './modules/audit/todos.js';
import { organisationTodos } from './modules/organisations/todos.js';
import { securityTodos } from './modules/security/todos.js';
import { monitoringTodos } from './modules/monitoring/todos.js';
import { applicationTodos } from './modules/applications/todos.js';
import { organisationRoutes } from './modules/organisations/routes.js';
import { callRoutes } from './modules/programmes/call-routes.js';
import { fundingRoutes } from './modules/programmes/funding-routes.js';
import { programmeRoutes } from './modules/programmes/routes.js';
import { monitoringRoutes } from './modules/monitoring/routes.js';
import { noticeRoutes } from './modules/review/notice-routes.js';
import { databaseRateLimitStore } from './modules/security/rate-limit-store.js';
import { securityRoutes } from './modules/security/routes.js';
import { systemRoutes } from './modules/system/routes.js';

// Built-in validation messages in Chinese, for every schema that does not carry its own.
useChineseValidationMessages();

export const VERSION: string = (
  JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface BuildOptions {
  database: Database;
  config: Config;
  logger?: boolean | object;
  /** The job queue's sender; absent in tests that run no queue (work then runs inline where a route needs it). */
  jobs?: JobSender;
}

export async function buildApp({ database, config, logger = false, jobs }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger, trustProxy: config.trustProxy, bodyLimit: 1024 * 1024 });
  const ctx: AppContext = { database, config, version: VERSION, jobs };

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerAuth(app, database.db);
  registerInputHygiene(app);

  await app.register(cookie);
  // Limits are set again per route; these are the ceiling for any upload.
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10, parts: 12 } });
  await app.register(rateLimit, {
    global: false,
    // Counters live in the database so a limit holds across every app node, not per process.
    store: databaseRateLimitStore(database.db),
    errorResponseBuilder: () => commonProblem('RATE_LIMITED', '请求过于频繁，请一分钟后再试'),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: '科创 Kechuang API', version: VERSION, description: '科技项目全流程管理平台接口。修改类请求须携带 x-csrf-token 头（取自 GET /api/auth/csrf）；错误按 RFC 9457 返回 application/problem+json。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kc_session' } } },
    },
    // Nested policy values typed by the domain (z.custom) are documented by their description, not refused.
    transform: createJsonSchemaTransform({ zodToJsonConfig: { unrepresentable: 'any' } }),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });

  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
  });

  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
  systemRoutes(app, ctx);
  accountRoutes(app, ctx);
  userRoutes(app, ctx);
  recoveryRoutes(app, ctx);
  organisationRoutes(app, ctx);
  securityRoutes(app, ctx);
  auditRoutes(app, ctx);
  // Each context registers its home-page items here, so home depends on none of them (the order is the list's).
  const todos = new TodoRegistry();
  todos.register('accounts', accountTodos);
  todos.register('organisations', organisationTodos);
  todos.register('security', securityTodos);
  todos.register('monitoring', monitoringTodos);
  todos.register('audit', auditTodos);
  todos.register('applications', (db, auth) => applicationTodos(db, auth));
  todos.register('projectReports', (db, auth) => projectReportTodos(db, auth));
  homeRoutes(app, ctx, todos);
  programmeRoutes(app, ctx);
  callRoutes(app, ctx);
  fundingRoutes(app, ctx);
  monitoringRoutes(app, ctx);
  applicationRoutes(app, ctx);
  reviewRoundRoutes(app, ctx);
  reviewDrawRoutes(app, ctx);
  fundingPlanRoutes(app, ctx);
  projectRoutes(app, ctx);
  portfolioRoutes(app, ctx);
  changeRoutes(app, ctx);
  midtermRoutes(app, ctx);
  integrityRoutes(app, ctx);
  performanceRoutes(app, ctx);
  fundsRoutes(app, ctx);
  projectReportRoutes(app, ctx);
  taskBookRoutes(app, ctx);
  acceptanceRoutes(app, ctx);
  expertRoutes(app, ctx);
  scoringRoutes(app, ctx);
  reviewDecisionRoutes(app, ctx);
  noticeRoutes(app, ctx);
  reviewAssignmentRoutes(app, ctx);

  const dist = config.webDist;
  const hasWeb = dist !== null && fs.existsSync(path.join(dist, 'index.html'));
  if (hasWeb) {
    const assets = path.join(dist, 'assets') + path.sep;
    await app.register(fastifyStatic, {
      root: dist,
      wildcard: true,
      index: ['index.html'],
      // The build writes .br and .gz beside each text file; the file matching Accept-Encoding is sent as is.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, file) => {
        // Names under assets/ carry a content hash: a changed file gets a new name, so browsers may keep them
        // for a year. Everything else (index.html above all) is revalidated, so a deployment shows at once.
        res.header('cache-control', file.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0]!;
    if (url.startsWith('/api') || !hasWeb || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return sendProblem(reply, request, commonProblem('NOT_FOUND', `没有找到 ${request.method} ${url}`));
    }
    // Client-side routes of the single-page app all load index.html.
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });

  return app;
}
