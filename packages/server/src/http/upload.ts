/**
 * Reading one uploaded file from a multipart request, streamed with a size limit: the stream is cut at the
 * limit (nothing larger is ever buffered) and the caller gets all of the bytes or a problem, never a part.
 */
import type { FastifyRequest } from 'fastify';
import { formatMegabytes } from '@kechuang/domain';
import type { AppError } from './problem.js';

export interface UploadProblems {
  /** Not multipart, no file part (or not under the expected field), or an empty file. */
  required(detail: string): AppError;
  tooLarge(detail: string): AppError;
}

export interface UploadedFile {
  filename: string;
  bytes: Buffer;
}


export async function readUploadedFile(request: FastifyRequest, maxBytes: number, problems: UploadProblems, field?: string): Promise<UploadedFile> {
  if (!request.isMultipart()) throw problems.required('请以 multipart/form-data 上传文件。');
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw problems.required('没有收到文件。');
  if (field !== undefined && part.fieldname !== field) {
    part.file.resume();
    throw problems.required(`文件须放在表单字段“${field}”中。`);
  }
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw problems.tooLarge(`文件不能超过 ${formatMegabytes(maxBytes)}。`);
    throw e;
  }
  if (part.file.truncated) throw problems.tooLarge(`文件不能超过 ${formatMegabytes(maxBytes)}。`);
  if (bytes.length === 0) throw problems.required('上传的文件是空的。');
  return { filename: part.filename || 'file', bytes };
}
