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
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { useChineseValidationMessages } from '@kechuang/domain';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { registerAuth } from './http/auth.js';
import type { AppContext } from './http/context.js';
import { registerErrorHandler, registerInputHygiene, sendProblem } from './http/error-handler.js';
import { commonProblem } from './http/problem.js';
import { accountRoutes } from './modules/accounts/routes.js';
import { applicationRoutes } from './modules/applications/routes.js';
import { userRoutes } from './modules/accounts/user-routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { homeRoutes } from './modules/home/routes.js';
import { organisationRoutes } from './modules/organisations/routes.js';
import { callRoutes } from './modules/programmes/call-routes.js';
import { fundingRoutes } from './modules/programmes/funding-routes.js';
import { programmeRoutes } from './modules/programmes/routes.js';
import { monitoringRoutes } from './modules/monitoring/routes.js';
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
}

export async function buildApp({ database, config, logger = false }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger, trustProxy: config.trustProxy, bodyLimit: 1024 * 1024 });
  const ctx: AppContext = { database, config, version: VERSION };

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
    errorResponseBuilder: () => commonProblem('RATE_LIMITED', '请求过于频繁，请一分钟后再试'),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: '科创 Kechuang API', version: VERSION, description: '科技项目全流程管理平台接口。修改类请求须携带 x-csrf-token 头（取自 GET /api/auth/csrf）；错误按 RFC 9457 返回 application/problem+json。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kc_session' } } },
    },
    transform: jsonSchemaTransform,
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
  organisationRoutes(app, ctx);
  securityRoutes(app, ctx);
  auditRoutes(app, ctx);
  homeRoutes(app, ctx);
  programmeRoutes(app, ctx);
  callRoutes(app, ctx);
  fundingRoutes(app, ctx);
  monitoringRoutes(app, ctx);
  applicationRoutes(app, ctx);

  const dist = config.webDist;
  const hasWeb = dist !== null && fs.existsSync(path.join(dist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: dist, wildcard: true, index: ['index.html'] });

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
