import { describe, expect, it } from 'vitest';
import { checkFileType, FILE_KINDS, fileKindsOf, formatMegabytes, sniffFileType } from './file-type.js';

const pdf = Buffer.from('%PDF-1.7\n%…');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0]);
const exe = Buffer.from('MZ\x90\x00\x03');

describe('file types by signature', () => {
  it.each([
    [pdf, 'application/pdf'],
    [png, 'image/png'],
    [jpeg, 'image/jpeg'],
    [zip, 'application/zip'],
    [exe, null],
    [Buffer.alloc(0), null],
  ])('sniffs %#', (bytes, type) => expect(sniffFileType(bytes)).toBe(type));

  const attachments = fileKindsOf(['application/pdf', 'image/jpeg', 'image/png']);
  it('by signature alone: the name does not matter, a renamed executable is refused', () => {
    expect(checkFileType('营业执照.png', pdf, attachments)).toEqual({ ok: true, mime: 'application/pdf' });
    expect(checkFileType('scan', jpeg, attachments)).toEqual({ ok: true, mime: 'image/jpeg' });
    expect(checkFileType('承诺书.pdf', exe, attachments)).toMatchObject({ ok: false, reason: 'content' });
    // A ZIP container is never taken for one of these, whatever it is called.
    expect(checkFileType('a.pdf', zip, attachments)).toMatchObject({ ok: false });
  });

  it('by extension confirmed by signature (xlsx and docx share the ZIP signature)', () => {
    const evidence = Object.values(FILE_KINDS);
    expect(checkFileType('表.xlsx', zip, evidence, { byExtension: true })).toEqual({ ok: true, mime: FILE_KINDS.xlsx.mime });
    expect(checkFileType('说明.docx', zip, evidence, { byExtension: true })).toEqual({ ok: true, mime: FILE_KINDS.docx.mime });
    expect(checkFileType('x.exe', exe, evidence, { byExtension: true })).toMatchObject({ ok: false, reason: 'extension' });
    expect(checkFileType('x.pdf', exe, evidence, { byExtension: true })).toMatchObject({ ok: false, reason: 'content', message: '文件内容与扩展名“.pdf”不符。' });
  });
});

describe('formatMegabytes', () => {
  it('states a size limit exactly, at most one decimal place, never through a float product', () => {
    expect(formatMegabytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatMegabytes(1_572_864)).toBe('1.5 MB');
    expect(formatMegabytes(5 * 1024 * 1024 + 1)).toBe('5 MB');
  });
});
