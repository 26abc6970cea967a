/**
 * Demo steps of the funding plan (资金方案) and approval (立项) for the demo call taken all the way to approval,
 * through the same use cases the officer's pages call. The lead's demo seeding calls these when the round
 * reaches each stage; each does nothing (returns false) when the round is not at that stage.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../modules/audit/record.js';
import { users } from '../../modules/accounts/schema.js';
import { approveRound } from '../../modules/review/approval.js';
import { computeFundingPlan, confirmFundingPlan } from '../../modules/review/funding-plan.js';
import { findRound } from '../../modules/review/rounds.js';
import type { Db } from '../client.js';

async function officerActor(db: Db): Promise<Actor> {
  const [officer] = await db.select().from(users).where(eq(users.username, 'officer'));
  return { id: officer?.id ?? null, name: 'officer', role: 'officer', ip: null };
}

/** Computes the round's plan within the ledger's available budget and confirms it as computed (stage planning → partyMeeting). */
export async function demoFundingPlan(db: Db, roundId: string): Promise<boolean> {
  if ((await findRound(db, roundId)).stage !== 'planning') return false;
  const actor = await officerActor(db);
  const computed = await computeFundingPlan(db, actor, roundId, { objective: 'score', categoryCaps: [] });
  await confirmFundingPlan(db, actor, roundId, computed.plan!.version);
  return true;
}

/** Approves the round's list once its notice has cleared (stage notice → approved): projects and ledger commitments. */
export async function demoApprove(db: Db, roundId: string): Promise<boolean> {
  if ((await findRound(db, roundId)).stage !== 'notice') return false;
  await approveRound(db, await officerActor(db), roundId);
  return true;
}
