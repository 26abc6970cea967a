/** The form text of every call (titles, prompts, guideline items), for 查重's boilerplate list (BL-9). */
import { asc } from 'drizzle-orm';
import type { CallTemplateText, FormSection } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { calls, guidelineItems } from './schema.js';

export async function callTemplateTexts(db: Tx): Promise<CallTemplateText[]> {
  const [rows, items] = await Promise.all([
    db.select({ id: calls.id, formSections: calls.formSections }).from(calls).orderBy(asc(calls.id)),
    db.select({ callId: guidelineItems.callId, title: guidelineItems.title, description: guidelineItems.description }).from(guidelineItems).orderBy(asc(guidelineItems.callId), asc(guidelineItems.sortOrder)),
  ]);
  return rows.map((c) => ({ formSections: (c.formSections ?? []) as FormSection[], guidelineItems: items.filter((i) => i.callId === c.id) }));
}
