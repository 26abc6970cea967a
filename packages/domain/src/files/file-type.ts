/**
 * What a file is, told by its first bytes (its signature) rather than by its name or the Content-Type a browser
 * sent, both of which the uploader controls: a renamed executable must not pass as a PDF. One table for every
 * upload of the platform (monitoring evidence, application attachments) and for the browser's own pre-check.
 */
import { fraction, fractionToFixed } from '../monitoring/decimal.js';

/** The content types we can recognise by signature. OOXML (xlsx, docx) is a ZIP container: its signature says only `zip`. */
export type SniffedType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'application/zip';

const SIGNATURES: { type: SniffedType; magic: readonly number[] }[] = [
  // The leading bytes the monitoring evidence check has always used; enough to tell these kinds apart.
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] }, // %PDF
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] }, // \x89PNG
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'application/zip', magic: [0x50, 0x4b, 0x03, 0x04] },
];

/** How many leading bytes `sniffFileType` needs (the browser reads only these before an upload). */
export const SNIFF_BYTES = 4;

export function sniffFileType(bytes: Uint8Array): SniffedType | null {
  for (const s of SIGNATURES) if (s.magic.every((b, i) => bytes[i] === b)) return s.type;
  return null;
}

/** A named file type an upload may accept: its content type, its extensions, and the signature that must match. */
export interface FileKind {
  mime: string;
  extensions: readonly string[];
  signature: SniffedType;
  label: string;
}

export const FILE_KINDS = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'], signature: 'application/pdf', label: 'PDF' },
  png: { mime: 'image/png', extensions: ['png'], signature: 'image/png', label: 'PNG' },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], signature: 'image/jpeg', label: 'JPG' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], signature: 'application/zip', label: 'XLSX' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], signature: 'application/zip', label: 'DOCX' },
} as const satisfies Record<string, FileKind>;

export const extensionOf = (fileName: string): string => (fileName.includes('.') ? fileName.toLowerCase().split('.').pop()! : '');

export type FileTypeVerdict = { ok: true; mime: string } | { ok: false; reason: 'extension' | 'content'; message: string };

/**
 * Whether a file is one of `accepted` kinds. With `byExtension`, the name's extension picks the kind and the
 * signature must confirm it (needed where two kinds share a signature, as xlsx and docx do); without it the
 * signature alone decides and the name does not matter.
 */
export function checkFileType(fileName: string, bytes: Uint8Array, accepted: readonly FileKind[], opts: { byExtension?: boolean } = {}): FileTypeVerdict {
  const labels = accepted.map((k) => k.label).join('、');
  const sniffed = sniffFileType(bytes);
  if (opts.byExtension) {
    const ext = extensionOf(fileName);
    const kind = accepted.find((k) => k.extensions.includes(ext));
    if (!kind) return { ok: false, reason: 'extension', message: `只支持 ${labels} 文件。` };
    if (sniffed !== kind.signature) return { ok: false, reason: 'content', message: `文件内容与扩展名“.${ext}”不符。` };
    return { ok: true, mime: kind.mime };
  }
  const kind = accepted.find((k) => k.signature === sniffed && k.signature !== 'application/zip');
  if (!kind) return { ok: false, reason: 'content', message: `文件内容不是 ${labels} 格式（按文件内容识别，与扩展名无关）。` };
  return { ok: true, mime: kind.mime };
}

/** The accepted kinds of a list of content types (those we cannot recognise by signature are left out). */
export function fileKindsOf(mimes: readonly string[]): FileKind[] {
  return Object.values(FILE_KINDS).filter((k) => mimes.includes(k.mime));
}

/** A size limit as people read it: 20971520 → '20 MB', 1572864 → '1.5 MB' (exact decimal, at most one place). */
export function formatMegabytes(bytes: number): string {
  const text = fractionToFixed(fraction(BigInt(bytes), 1_048_576n), 1);
  return `${text.endsWith('.0') ? text.slice(0, -2) : text} MB`;
}
