/**
 * Authorisation is declared on every route (`config.access`) and enforced here; a route under /api
 * without a declaration makes the app refuse to start, so nothing is public by accident.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasPermission, isPasswordExpired, type Permission, type Role } from '@kechuang/domain';
import type { Db } from '../db/client.js';
import type { users } from '../modules/accounts/schema.js';
import { lookupSession, SESSION_COOKIE } from '../modules/accounts/sessions.js';
import type { Actor } from '../modules/audit/record.js';
import { getSecurityPolicy } from '../modules/security/service.js';
import { commonProblem } from './problem.js';

/** `public`: anyone; `session`: any signed-in user; `{ permission }`: users whose roles grant it. */
export type Access = 'public' | 'session' | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable while the user must still change an expired or temporary password. */
    allowWhenPasswordExpired?: boolean;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyInstance {
    /** Every /api route with its access rule, for the test that proves none is open by accident. */
    routeAccess: { method: string; url: string; access: Access }[];
  }
}

export type UserRow = typeof users.$inferSelect;

export interface AuthContext {
  sessionId: string;
  user: UserRow;
  roles: Role[];
  mustChangePassword: boolean;
}

export const CSRF_COOKIE = 'kc_csrf';
/** When the caller's session ends unless it is used again (ISO 8601), on every signed-in answer. */
export const SESSION_EXPIRES_HEADER = 'x-session-expires-at';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes added by plugins (the OpenAPI document and its viewer) are public by nature. */
function pluginPublic(url: string): boolean {
  return url === '/api/openapi.json' || url.startsWith('/api/docs');
}

export function actorOf(request: FastifyRequest): Actor {
  const u = request.auth?.user;
  return { id: u?.id ?? null, name: u?.username ?? null, role: u ? u.roles.join(',') : null, ip: request.ip };
}

/** The signed-in user, for handlers of non-public routes (the hook has already refused anonymous callers). */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw commonProblem('UNAUTHENTICATED');
  return request.auth;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function issueCsrfToken(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const existing = request.cookies[CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  return rotateCsrfToken(reply, secure);
}

/**
 * A fresh token at every sign-in: a token planted or read before sign-in (a shared computer, a fixation
 * attempt) is worthless afterwards. The web client drops its copy on sign-in and asks /api/auth/csrf again.
 */
export function rotateCsrfToken(reply: FastifyReply, secure: boolean): string {
  const token = randomBytes(32).toString('base64url');
  reply.setCookie(CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure });
  return token;
}

export type SessionResolution = { kind: 'none' } | { kind: 'expired' } | { kind: 'ok'; auth: AuthContext; expiresAt: Date };

/** Looks up the caller's session cookie under the current policy; also used by the anonymous-friendly /api/auth/me. */
export async function resolveSession(db: Db, request: FastifyRequest, reply: FastifyReply): Promise<SessionResolution> {
  const policy = await getSecurityPolicy(db);
  const found = await lookupSession(db, request.cookies[SESSION_COOKIE], policy.sessionIdleMinutes);
  if (found.kind !== 'ok') return found;
  const roles = found.user.roles as Role[];
  const mustChangePassword = found.user.mustChangePassword || isPasswordExpired(found.user.passwordChangedAt, new Date(), policy);
  reply.header(SESSION_EXPIRES_HEADER, found.expiresAt.toISOString());
  reply.header('x-session-idle-minutes', String(policy.sessionIdleMinutes));
  return { kind: 'ok', auth: { sessionId: found.sessionId, user: found.user, roles, mustChangePassword }, expiresAt: found.expiresAt };
}

export function registerAuth(app: FastifyInstance, db: Db): void {
  app.decorateRequest('auth', null);
  const routeAccess: { method: string; url: string; access: Access }[] = [];
  app.decorate('routeAccess', routeAccess);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    route.config ??= {};
    const config = route.config as { access?: Access };
    if (!config.access && pluginPublic(route.url)) config.access = 'public';
    if (!config.access) throw new Error(`route ${String(route.method)} ${route.url} declares no access rule`);
    for (const method of [route.method].flat()) routeAccess.push({ method, url: route.url, access: config.access });
  });

  // preValidation, not preHandler: a caller without rights must get 401/403, never a validation answer about the body.
  app.addHook('preValidation', async (request, reply) => {
    // Decided by the matched route, never by the raw URL: the router decodes paths (`/%61pi/…` is `/api/…`),
    // and onRoute has already required every /api route to declare its access.
    const config = request.routeOptions.config;
    const access = config?.access;
    if (!access) return;

    // Double-submit CSRF check: the header must repeat the HttpOnly cookie that only our own pages can learn.
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      const cookie = request.cookies[CSRF_COOKIE];
      if (typeof header !== 'string' || !cookie || !sameToken(header, cookie)) throw commonProblem('CSRF_INVALID');
    }

    if (access === 'public') return;
    const found = await resolveSession(db, request, reply);
    // Distinct from "never signed in": the web keeps the unsent edit and offers it back after signing in again.
    if (found.kind === 'none') throw commonProblem('UNAUTHENTICATED');
    if (found.kind === 'expired') throw commonProblem('SESSION_EXPIRED', '登录已超时或在别处被注销，请重新登录');
    const { auth } = found;
    request.auth = auth;
    if (auth.mustChangePassword && !config.allowWhenPasswordExpired) {
      throw commonProblem('PASSWORD_EXPIRED', auth.user.mustChangePassword ? '首次登录或密码被重置后，请先修改密码' : '密码已过期，请先修改密码');
    }
    if (typeof access === 'object' && !hasPermission(auth.roles, access.permission)) throw commonProblem('FORBIDDEN');
  });
}
