/**
 * The attachment slots of an application: one per kind the call requires, plus 其他材料, each accepting the
 * platform's attachment types up to its size limit. The stored files replace whatever a draft's content says
 * about attachments, so the live checks and the frozen version see only files that were really uploaded.
 */
import { z } from 'zod';
import { instantOut } from '../common/responses.js';
import { fileKindsOf } from '../files/file-type.js';
import { ATTACHMENT_KIND_LABELS, ATTACHMENT_KINDS, type AttachmentKind } from '../programmes/proposal-template.js';
import { ATTACHMENT_CONTENT_TYPES, ATTACHMENT_MAX_BYTES, type ApplicationContent } from './content.js';

export interface AttachmentSlot {
  kind: AttachmentKind;
  label: string;
  required: boolean;
  accept: string[];
  maxBytes: number;
}

/** The slots of a call: its required kinds in its order, then 其他材料 for anything else the applicant adds. */
export function attachmentSlots(requiredAttachments: readonly AttachmentKind[]): AttachmentSlot[] {
  const kinds: AttachmentKind[] = [...new Set(requiredAttachments)];
  if (!kinds.includes('other')) kinds.push('other');
  return kinds.map((kind) => ({ kind, label: ATTACHMENT_KIND_LABELS[kind], required: requiredAttachments.includes(kind), accept: [...ATTACHMENT_CONTENT_TYPES], maxBytes: ATTACHMENT_MAX_BYTES }));
}

/** The file kinds an attachment slot accepts, recognised by their signature. */
export const ATTACHMENT_FILE_KINDS = fileKindsOf(ATTACHMENT_CONTENT_TYPES);

/** Files allowed in one slot: a licence and its annexes, not an archive. */
export const ATTACHMENT_MAX_FILES_PER_SLOT = 10;

export interface StoredAttachment {
  id: string;
  kind: AttachmentKind;
  fileName: string;
  size: number;
  contentType: string;
  sha256: string;
}

/** The content with its `attachments` taken from the stored files (what the checks and the frozen version use). */
export function withStoredAttachments(content: ApplicationContent, files: readonly StoredAttachment[]): ApplicationContent {
  return { ...content, attachments: files.map((f) => ({ slot: f.kind, fileId: f.id, fileName: f.fileName, contentType: f.contentType, sizeBytes: f.size, sha256: f.sha256 })) };
}

export const attachmentFileResponse = z.object({
  id: z.string(),
  kind: z.enum(ATTACHMENT_KINDS),
  fileName: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  sha256: z.string(),
  uploadedAt: instantOut,
  uploadedBy: z.string().nullable(),
});
export type AttachmentFile = z.infer<typeof attachmentFileResponse>;

export const attachmentSlotsResponse = z.object({
  slots: z.array(
    z.object({
      kind: z.enum(ATTACHMENT_KINDS),
      label: z.string(),
      required: z.boolean(),
      accept: z.array(z.string()),
      maxBytes: z.number().int(),
      files: z.array(attachmentFileResponse),
    }),
  ),
});
export type AttachmentSlotsResponse = z.infer<typeof attachmentSlotsResponse>;
