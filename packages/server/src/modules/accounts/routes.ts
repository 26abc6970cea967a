/** Sign-in, registration, the current user and their password. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anonymousMeResponse, changePasswordSchema, csrfTokenResponse, loginSchema, meResponse, passwordPolicyResponse, registrationSchema } from '@kechuang/domain';
import { actorOf, authOf, issueCsrfToken, resolveSession, rotateCsrfToken } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { getSecurityPolicy } from '../security/service.js';
import { changeOwnPassword } from './change-password.js';
import { login, logout } from './login.js';
import { loadMe } from './me.js';
import { registerOrganisation } from './register.js';
import { SESSION_COOKIE, setSessionCookie } from './sessions.js';

/** A reply with no body. */
const noContent = z.undefined().meta({ description: '无内容' });

export function accountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const tags = ['账号与登录'];

  // Every sign-in also gets a new CSRF token.
  const setSession = (reply: FastifyReply, token: string) => {
    setSessionCookie(reply, token, ctx.config.cookieSecure);
    rotateCsrfToken(reply, ctx.config.cookieSecure);
  };
  const meOf = (userId: string) => loadMe(db, userId);

  r.get('/api/auth/csrf', { schema: { tags, summary: '获取 CSRF 令牌（修改类请求须在 x-csrf-token 头中回传）', response: { 200: csrfTokenResponse } }, config: { access: 'public' } }, async (request, reply) => ({
    token: issueCsrfToken(request, reply, ctx.config.cookieSecure),
  }));

  r.post(
    '/api/auth/login',
    {
      schema: { tags, summary: '登录', body: loginSchema, response: { 200: meResponse } },
      config: {
        access: 'public',
        rateLimit: {
          max: async () => (await getSecurityPolicy(db)).loginRateLimitPerMinute,
          timeWindow: 60_000,
        },
      },
    },
    async (request, reply) => {
      const { token, userId } = await login(db, request.body, request.ip, request.headers['user-agent'] ?? '');
      setSession(reply, token);
      return meOf(userId);
    },
  );

  r.post('/api/auth/logout', { schema: { tags, summary: '退出登录', response: { 204: noContent } }, config: { access: 'public' } }, async (request: FastifyRequest, reply) => {
    await logout(db, request.cookies[SESSION_COOKIE], request.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  // Public, so the portal's "who is this?" check is not a 401 in every anonymous visitor's console.
  r.get(
    '/api/auth/me',
    { schema: { tags, summary: '当前用户、所属单位、角色与权限（未登录或登录已超时时 user 为 null）', response: { 200: z.union([meResponse, anonymousMeResponse]) } }, config: { access: 'public' } },
    async (request, reply) => {
      const found = await resolveSession(db, request, reply);
      return found.kind === 'ok' ? meOf(found.auth.user.id) : { user: null };
    },
  );

  r.post(
    '/api/auth/register',
    { schema: { tags, summary: '申报单位自助注册（创建单位及其单位管理员）', body: registrationSchema, response: { 201: meResponse } }, config: { access: 'public', rateLimit: { max: 20, timeWindow: 60_000 } } },
    async (request, reply) => {
      const { token, userId } = await registerOrganisation(db, request.body, request.ip, request.headers['user-agent'] ?? '');
      setSession(reply, token);
      return reply.status(201).send(await meOf(userId));
    },
  );

  r.post(
    '/api/auth/password',
    { schema: { tags, summary: '修改本人密码', body: changePasswordSchema, response: { 204: noContent } }, config: { access: 'session', allowWhenPasswordExpired: true } },
    async (request, reply) => {
      await changeOwnPassword(db, authOf(request), actorOf(request), request.body);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/auth/password-policy',
    {
      schema: {
        tags,
        summary: '当前密码规则（公开，用于注册和改密表单的提示）',
        response: { 200: passwordPolicyResponse },
      },
      config: { access: 'public' },
    },
    async () => {
      const p = await getSecurityPolicy(db);
      return { minLength: p.minLength, minCharClasses: p.minCharClasses, rejectWeakPasswords: p.rejectWeakPasswords, historyCount: p.historyCount, expiryDays: p.expiryDays };
    },
  );
}
