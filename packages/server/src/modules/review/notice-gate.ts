/**
 * Whether a round's public notice (社会公示) lets approval (立项) go ahead (BL-8): the notice was published, its
 * period has ended (the day after its last day, Asia/Shanghai), and no objection is still open. Approval calls
 * this inside its transaction; the notice part owns everything else about the notice.
 */
import { and, eq } from 'drizzle-orm';
import { shanghaiDate } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { reviewNotices, reviewObjections } from './schema.js';

export interface NoticeClearance {
  cleared: boolean;
  /** Chinese reasons approval must wait, empty when cleared. */
  problems: string[];
  /** Applications whose objection was upheld: withdrawn from the list, never approved. */
  withdrawn: string[];
}

export async function noticeClearance(tx: Tx, roundId: string, now = new Date()): Promise<NoticeClearance> {
  const [notice] = await tx.select().from(reviewNotices).where(eq(reviewNotices.roundId, roundId));
  if (!notice || !notice.publishedAt) return { cleared: false, problems: ['立项名单尚未社会公示'], withdrawn: [] };
  const problems: string[] = [];
  const today = shanghaiDate(now);
  if (today <= notice.endsOn) problems.push(`公示期至${notice.endsOn}，期满后方可立项`);
  const objections = await tx.select().from(reviewObjections).where(eq(reviewObjections.noticeId, notice.id));
  const open = objections.filter((o) => o.status === 'open').length;
  if (open > 0) problems.push(`还有${open}件异议尚未处理`);
  const withdrawn = [...new Set(objections.filter((o) => o.status === 'upheld').map((o) => o.applicationId))];
  return { cleared: problems.length === 0, problems, withdrawn };
}

/** Open objections of a notice, for callers that only need the count. */
export async function openObjectionCount(tx: Tx, noticeId: string): Promise<number> {
  return (await tx.select({ id: reviewObjections.id }).from(reviewObjections).where(and(eq(reviewObjections.noticeId, noticeId), eq(reviewObjections.status, 'open')))).length;
}
