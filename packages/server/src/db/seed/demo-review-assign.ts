/**
 * Demo step 专家分配 (演示): the demo officer previews and confirms the optimal assignment of a round through
 * the same use cases as the page (回避 from records, the exact solve, invitations, the move to scoring). The
 * demo seeding that opens rounds calls this for its "optimal" call; the draw call goes through the draw part.
 */
import { percentOfDrawCap, roundAssignmentSettings } from '@kechuang/domain';
import type { Db } from '../client.js';
import { userByUsername } from '../../modules/accounts/service.js';
import { SYSTEM_ACTOR, type Actor } from '../../modules/audit/record.js';
import { confirmOptimal, previewOptimal } from '../../modules/review/assign-optimal.js';
import { updateAssignmentSettings } from '../../modules/review/assignment-settings.js';
import { findRound } from '../../modules/review/rounds.js';

export async function demoAssignOptimal(db: Db, roundId: string): Promise<{ assignments: number; objective: number; experts: number; stage: string }> {
  const officer = await userByUsername(db, 'officer');
  const actor: Actor = officer ? { id: officer.id, name: officer.name, role: 'officer', ip: null } : { ...SYSTEM_ACTOR, name: 'system.seed' };
  const round = await findRound(db, roundId);
  if (round.mode !== 'optimal') {
    const s = roundAssignmentSettings(round.settings as Record<string, unknown>);
    await updateAssignmentSettings(db, actor, roundId, { mode: 'optimal', k: round.k, minLoad: round.minLoad, maxLoad: round.maxLoad, conflicts: s.conflicts, drawCapPercent: percentOfDrawCap(s.drawCap) });
  }
  const preview = await previewOptimal(db, roundId);
  if (!preview.feasible) throw new Error(`演示专家分配无解：${preview.infeasibility?.messages.join('')}`);
  return confirmOptimal(db, actor, roundId, preview.resultHash ?? undefined);
}
