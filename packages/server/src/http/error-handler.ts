/** The one place errors become responses: everything leaves as problem+json, nothing as a bare 500. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, commonProblem, problemBody, type FieldError } from './problem.js';

function fieldPath(instancePath: string, context: string | undefined): string {
  const path = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  if (context && context !== 'body') return path ? `${context}.${path}` : context;
  return path;
}

function toAppError(err: FastifyError | AppError | Error): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = (err as FastifyError).validationContext;
    const errors: FieldError[] = err.validation.map((v) => ({ field: fieldPath(v.instancePath, context), message: v.message ?? '格式不正确' }));
    // Field paths stay in `errors` for forms to place; the human detail carries only the Chinese messages.
    const detail = `共${errors.length}处填写有误：${[...new Set(errors.map((e) => e.message))].join('；')}`;
    return commonProblem('VALIDATION_FAILED', detail, errors);
  }
  const fe = err as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return commonProblem('BAD_REQUEST_BODY', '请求体不是有效的 JSON');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return commonProblem('UNSUPPORTED_MEDIA_TYPE', '请以 application/json 提交');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return commonProblem('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_VALIDATION':
      // A non-Zod validator speaks English ("body must be object"): say it in Chinese instead.
      return commonProblem('VALIDATION_FAILED', /[\u4e00-\u9fff]/.test(fe.message) ? fe.message : '提交的内容格式不正确');
  }
  if (fe instanceof SyntaxError && fe.statusCode === 400) return commonProblem('BAD_REQUEST_BODY', '请求体不是有效的 JSON');
  if (fe.statusCode === 429) return commonProblem('RATE_LIMITED');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError('BAD_REQUEST', fe.statusCode, '请求无效', '请求无效，请检查后重试');
  }
  return commonProblem('INTERNAL', '服务器处理请求时出错，已记录日志，请稍后重试');
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, err: AppError): FastifyReply {
  // A refusal for load (503) says when to come back, in the header as well as in the body's `retryAfter`.
  if (typeof err.extra?.retryAfter === 'number') reply.header('retry-after', String(err.extra.retryAfter));
  return reply.status(err.status).type('application/problem+json; charset=utf-8').send(problemBody(err, request.url.split('?')[0]));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * NUL and unpaired surrogates: PostgreSQL cannot store them in text or jsonb (NUL fails the statement, a lone
 * surrogate becomes U+FFFD on the way in), and no form legitimately sends them. The one rule for every input:
 * JSON bodies below, and every cell read from an uploaded workbook (workbook.ts).
 */
export function hasUnstorableText(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some((v) => hasUnstorableText(v, depth + 1));
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => hasUnstorableText(k, depth + 1) || hasUnstorableText(v, depth + 1));
  return false;
}

/** How a refusal by `hasUnstorableText` is explained to the user. */
export const UNSTORABLE_TEXT_MESSAGE = '含有无法保存的字符（如空字符），请检查后重试';

export function registerInputHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (hasUnstorableText(request.body) || hasUnstorableText(request.query) || hasUnstorableText(request.params)) {
      throw commonProblem('BAD_REQUEST_BODY', `提交的内容${UNSTORABLE_TEXT_MESSAGE}`);
    }
  });
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) request.log.error({ err }, 'unhandled error');
    return sendProblem(reply, request, appErr);
  });
}
