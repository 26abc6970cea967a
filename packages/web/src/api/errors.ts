/** The problem+json error (RFC 9457) every API failure is turned into, and how to read one. */

export interface FieldError {
  /** Dot path of the offending input, e.g. `organisation.creditCode` or `newPassword`. */
  field: string;
  message: string;
}

export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** Members of the problem beyond the standard ones (e.g. `lockedUntil`). */
  readonly extra: Record<string, unknown>;

  constructor(status: number, body: ProblemBody) {
    const title = body.title ?? '请求失败';
    const detail = body.detail ?? title;
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? `HTTP_${status}`;
    this.title = title;
    this.detail = detail;
    this.errors = Array.isArray(body.errors) ? body.errors.filter(isFieldError) : [];
    const { type: _t, title: _ti, status: _s, detail: _d, code: _c, errors: _e, ...extra } = body;
    this.extra = extra;
  }
}

function isFieldError(e: unknown): e is FieldError {
  return typeof e === 'object' && e !== null && typeof (e as FieldError).field === 'string' && typeof (e as FieldError).message === 'string';
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** Builds an ApiError from any failed response, problem+json or not (a proxy's HTML 502, say). */
export async function problemFromResponse(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as ProblemBody;
      if (body && typeof body === 'object') return new ApiError(res.status, body);
    } catch {
      // fall through to the generic message
    }
  }
  return new ApiError(res.status, { title: '服务器错误', detail: genericMessage(res.status) });
}

function genericMessage(status: number): string {
  if (status === 404) return '请求的资源不存在';
  if (status === 413) return '提交的内容过大';
  if (status === 429) return '请求过于频繁，请稍后再试';
  if (status >= 500) return `服务器暂时无法处理请求（状态码 ${status}），请稍后再试`;
  return `请求失败（状态码 ${status}）`;
}

export const networkError = (): ApiError =>
  new ApiError(0, { code: 'NETWORK_ERROR', title: '网络连接失败', detail: '无法连接服务器，请检查网络后重试' });

/**
 * Failures the client already answers by navigating (to /login or /account/password): a message
 * on top of the redirect would only repeat it.
 */
export function isRedirectedError(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    ((error.status === 401 && error.code !== 'INVALID_CREDENTIALS') || (error.status === 403 && error.code === 'PASSWORD_EXPIRED'))
  );
}

/** A Chinese sentence for any thrown value, for message.error. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.detail || error.title;
  return '操作失败，请稍后再试';
}
