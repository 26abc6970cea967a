/** The round's assignment settings (分配设置): kept on the round while it is at the assigning stage, audited. */
import { eq } from 'drizzle-orm';
import { drawCapOfPercent, type AssignmentSettingsInput, type ReviewRound } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { findRound, readRound, requireStage } from './rounds.js';
import { reviewRounds } from './schema.js';

export async function updateAssignmentSettings(db: Db, actor: Actor, roundId: string, input: AssignmentSettingsInput): Promise<ReviewRound> {
  await db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { forUpdate: true });
    requireStage(round, 'assigning');
    const before = (round.settings ?? {}) as Record<string, unknown>;
    // Other parts' keys (aggregation, scoring …) stay; this part owns conflicts and drawCap.
    const settings = { ...before, conflicts: input.conflicts, drawCap: drawCapOfPercent(input.drawCapPercent) };
    await tx.update(reviewRounds).set({ mode: input.mode, k: input.k, minLoad: input.minLoad, maxLoad: input.maxLoad, settings, updatedAt: new Date() }).where(eq(reviewRounds.id, roundId));
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    const pairs: [string, unknown, unknown][] = [
      ['mode', round.mode, input.mode],
      ['k', round.k, input.k],
      ['minLoad', round.minLoad, input.minLoad],
      ['maxLoad', round.maxLoad, input.maxLoad],
      ['conflicts', before.conflicts ?? null, input.conflicts],
      ['drawCap', before.drawCap ?? null, settings.drawCap],
    ];
    for (const [k, b, a] of pairs) if (JSON.stringify(b) !== JSON.stringify(a)) changes[k] = { before: b, after: a };
    await recordAudit(tx, actor, { action: 'review.round.settings', entityType: 'reviewRound', entityId: roundId, changes });
  });
  return readRound(db, roundId);
}
