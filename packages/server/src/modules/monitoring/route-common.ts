/** What the monitoring route files share: permissions, parameter schemas, the caller as a writer, file uploads and sending an export. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hasPermission } from '@kechuang/domain';
import { actorOf, authOf } from '../../http/auth.js';
import { sendWorkbook } from '../../http/excel.js';
import { readUploadedFile, type UploadedFile } from '../../http/upload.js';
import { monitoringProblem } from './errors.js';
import type { WorkbookExport } from './exports.js';

export const read = { access: { permission: 'monitoring.read' as const } };
export const manage = { access: { permission: 'monitoring.manage' as const } };
export const report = { access: { permission: 'monitoring.report' as const } };
export const tags = ['规划监测'];

export const planParams = z.object({ code: z.string().min(1).max(64) });
export const idParams = z.object({ id: z.uuid('编号无效') });
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '期次格式应为 YYYY-MM');
export const reportKey = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, '期次格式应为 2026-10、2026-Q3 或 2026');
export const page = { page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) };
// Drafts stay the unit's working copy: the bureau's queue starts at submission.
export const reviewQuery = z.object({ plan: z.string().max(64).optional(), period: reportKey.optional(), state: z.enum(['submitted', 'accepted', 'returned']).optional(), sort: z.enum(['period', 'submittedAt', 'unit']).optional(), order: z.enum(['asc', 'desc']).optional(), unit: z.string().max(64).optional(), ...page });

/** A signed-in actor that has a user id (every monitoring writer does). */
export function writer(request: FastifyRequest) {
  const actor = actorOf(request);
  return { ...actor, id: authOf(request).user.id };
}

/** The caller as a reader: who it is and whether it reads as the bureau. */
export function caller(request: FastifyRequest) {
  const auth = authOf(request);
  return { userId: auth.user.id, canManage: hasPermission(auth.roles, 'monitoring.manage') };
}

export function uploadedFile(request: FastifyRequest, maxBytes: number): Promise<UploadedFile> {
  return readUploadedFile(request, maxBytes, {
    required: (detail) => monitoringProblem('FILE_REQUIRED', detail),
    tooLarge: (detail) => monitoringProblem('FILE_TOO_LARGE', detail),
  });
}

export function sendExport<T>(reply: FastifyReply, x: WorkbookExport<T>) {
  return sendWorkbook<T>(reply, x.filename, x.sheet, x.columns, x.rows, x.note);
}

/** An .xlsx made by a use case (an import template), sent as a download under its Chinese name. */
export function sendXlsx(reply: FastifyReply, asciiName: string, name: string, buffer: Buffer) {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(buffer);
}
