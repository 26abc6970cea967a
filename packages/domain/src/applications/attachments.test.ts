import { describe, expect, it } from 'vitest';
import { attachmentSlots, withStoredAttachments } from './attachments.js';
import { exampleBeilunContent } from './fixtures.js';

describe('attachment slots', () => {
  it('one per required kind in the call’s order, then 其他材料', () => {
    const slots = attachmentSlots(['financialStatements', 'businessLicence']);
    expect(slots.map((s) => [s.kind, s.required])).toEqual([['financialStatements', true], ['businessLicence', true], ['other', false]]);
    expect(slots[1]).toMatchObject({ label: '营业执照或法人登记证书', accept: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 20 * 1024 * 1024 });
  });

  it('the stored files replace what the draft content claims', () => {
    const content = withStoredAttachments(exampleBeilunContent(), [{ id: 'x', kind: 'businessLicence', fileName: '执照.pdf', size: 10, contentType: 'application/pdf', sha256: 'c'.repeat(64) }]);
    expect(content.attachments).toEqual([{ slot: 'businessLicence', fileId: 'x', fileName: '执照.pdf', contentType: 'application/pdf', sizeBytes: 10, sha256: 'c'.repeat(64) }]);
  });
});
