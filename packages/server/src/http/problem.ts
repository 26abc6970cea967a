/**
 * RFC 9457 problem details. Each context declares its codes in a catalogue checked with `satisfies`,
 * so a code without a status or title fails the type check rather than becoming a 500.
 */
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemEntry {
  status: number;
  title: string;
}

export type ProblemCatalogue<Code extends string> = Record<Code, ProblemEntry>;

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail);
  }
}

/** Builds the error factory for one context's catalogue. */
export function problems<Code extends string>(catalogue: ProblemCatalogue<Code>) {
  return (code: Code, detail?: string, errors?: FieldError[], extra?: Record<string, unknown>): AppError => {
    const entry = catalogue[code];
    return new AppError(code, entry.status, entry.title, detail ?? entry.title, errors, extra);
  };
}

type CommonCode =
  | 'VALIDATION_FAILED'
  | 'BAD_REQUEST_BODY'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAUTHENTICATED'
  | 'SESSION_EXPIRED'
  | 'FORBIDDEN'
  | 'PASSWORD_EXPIRED'
  | 'CSRF_INVALID'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'RATE_LIMITED'
  | 'CONFLICT'
  | 'BAD_REQUEST'
  | 'INTERNAL';

export const commonProblems = {
  VALIDATION_FAILED: { status: 400, title: '提交的内容有误' },
  BAD_REQUEST_BODY: { status: 400, title: '请求体格式错误' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: '不支持的内容类型' },
  PAYLOAD_TOO_LARGE: { status: 413, title: '提交的内容过大' },
  UNAUTHENTICATED: { status: 401, title: '请先登录' },
  SESSION_EXPIRED: { status: 401, title: '登录已超时' },
  FORBIDDEN: { status: 403, title: '没有权限执行此操作' },
  PASSWORD_EXPIRED: { status: 403, title: '请先修改密码' },
  CSRF_INVALID: { status: 403, title: '页面已过期，请刷新后重试' },
  NOT_FOUND: { status: 404, title: '请求的资源不存在' },
  METHOD_NOT_ALLOWED: { status: 405, title: '不支持的请求方法' },
  RATE_LIMITED: { status: 429, title: '请求过于频繁，请稍后再试' },
  CONFLICT: { status: 409, title: '数据已被他人修改，请刷新后重试' },
  BAD_REQUEST: { status: 400, title: '请求无效' },
  INTERNAL: { status: 500, title: '服务器内部错误' },
} satisfies ProblemCatalogue<CommonCode>;

export const commonProblem = problems(commonProblems);

/** The members every problem response carries; declared once so response schemas never strip them. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export function problemBody(err: AppError, instance?: string): ProblemBody {
  return {
    type: `https://kechuang.dev/problems/${err.code.toLowerCase().replace(/_/g, '-')}`,
    title: err.title,
    status: err.status,
    detail: err.detail,
    code: err.code,
    ...(instance ? { instance } : {}),
    ...(err.errors && err.errors.length ? { errors: err.errors } : {}),
    ...(err.extra ?? {}),
  };
}
