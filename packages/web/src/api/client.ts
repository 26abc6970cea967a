/**
 * The one fetch wrapper the web uses: same-origin cookies, the CSRF header on every write (refetched
 * and retried once when the server rejects it), problem+json errors, and the app-wide reactions to a
 * lost session (→ /login) or an expired password (→ /account/password).
 */
import { noteSessionExpiry } from '../session/expiry';
import type { UnsentRequest } from '../session/unsaved';
import { ApiError, networkError, problemFromResponse } from './errors';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue | readonly QueryValue[]>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

interface Handlers {
  onUnauthenticated: () => void;
  /** 401 SESSION_EXPIRED: `page` is where the request was made, `request` the write that was not carried out. */
  onSessionExpired: (page: string, request: UnsentRequest | null) => void;
  onPasswordExpired: () => void;
}

let handlers: Handlers = {
  onUnauthenticated: () => {
    const here = window.location.pathname + window.location.search;
    window.location.assign(`/login?redirect=${encodeURIComponent(here)}`);
  },
  onSessionExpired: (page) => window.location.assign(`/login?redirect=${encodeURIComponent(page)}&expired=1`),
  onPasswordExpired: () => window.location.assign('/account/password'),
};

/** Lets the app route these reactions through its router instead of a full page load. */
export function setApiHandlers(next: Handlers): void {
  handlers = next;
}

/** 401 from these means "wrong credentials" or "not logged in yet", never "session lost". */
const NO_REDIRECT_ON_401 = new Set(['/auth/me', '/auth/login']);

let csrfToken: Promise<string> | null = null;

export function getCsrfToken(): Promise<string> {
  csrfToken ??= fetch('/api/auth/csrf', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(async (res) => {
      if (!res.ok) throw await problemFromResponse(res);
      const body = (await res.json()) as { token?: unknown };
      if (typeof body.token !== 'string') throw new ApiError(res.status, { title: '安全令牌无效' });
      return body.token;
    })
    .catch((error: unknown) => {
      csrfToken = null;
      throw error instanceof ApiError ? error : networkError();
    });
  return csrfToken;
}

/** Forget the token so the next write fetches a fresh one (after login, logout or a rejection). */
export function resetCsrfToken(): void {
  csrfToken = null;
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) if (v !== undefined && v !== null && v !== '') params.append(key, String(v));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

async function send(method: string, path: string, options: RequestOptions, retried = false): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = await getCsrfToken();
  // The page the person was on when they asked, which may no longer be the page shown when the answer comes.
  const page = window.location.pathname + window.location.search;
  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
  noteSessionExpiry(res.headers.get('x-session-expires-at'), res.headers.get('x-session-idle-minutes'), res.headers.get('date'));
  if (res.ok) return res;
  const problem = await problemFromResponse(res);
  if (problem.status === 403 && problem.code === 'CSRF_INVALID' && !retried) {
    resetCsrfToken();
    return send(method, path, options, true);
  }
  if (problem.status === 401 && problem.code === 'SESSION_EXPIRED') {
    handlers.onSessionExpired(page, method === 'GET' || method === 'HEAD' ? null : { method, path, ...(options.body === undefined ? {} : { body: options.body }) });
  } else if (problem.status === 401 && !NO_REDIRECT_ON_401.has(path) && problem.code !== 'INVALID_CREDENTIALS') {
    handlers.onUnauthenticated();
  }
  if (problem.status === 403 && problem.code === 'PASSWORD_EXPIRED') handlers.onPasswordExpired();
  throw problem;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, options);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** RFC 6266 file name, preferring the UTF-8 `filename*` form the server uses for Chinese names. */
function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*\s*=\s*(?:UTF-8'[^']*')?([^;]+)/i.exec(cd);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall back to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(cd);
  return plain?.[1]?.trim() || fallback;
}

/** Downloads a file (Excel export) with the session cookie and saves it under the server's name. */
async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const res = await send('GET', path, { query });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** Any method: re-sends a request kept when the session ended. */
  send: <T>(method: string, path: string, body?: unknown) => request<T>(method, path, { body }),
  download,
};
