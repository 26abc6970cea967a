/** Database invariants of site inspection and the decision meetings, run after every integration suite. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

async function rows(db: Db, query: string): Promise<Record<string, unknown>[]> {
  return ((await db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] }).rows;
}

export async function reviewDecisionInvariants(db: Db): Promise<string[]> {
  const problems: string[] = [];
  // The outcome row shows what the inspection recorded (the round's applications table reads the outcome).
  for (const r of await rows(db, `select i.application_id from review_inspections i join review_outcomes o on o.round_id = i.round_id and o.application_id = i.application_id where o.inspection is distinct from i.result`)) {
    problems.push(`inspection of application ${String(r.application_id)}: the outcome does not show its result`);
  }
  // BL-4: no meeting approves more than the budget-checked funding plan.
  for (const r of await rows(db, `select d.application_id, m.kind from review_meeting_decisions d join review_meetings m on m.id = d.meeting_id join review_outcomes o on o.round_id = d.round_id and o.application_id = d.application_id where d.decision = 'approve' and (o.planned_amount_yuan is null or d.amount_yuan > o.planned_amount_yuan)`)) {
    problems.push(`${String(r.kind)} meeting approves application ${String(r.application_id)} above its planned amount`);
  }
  return problems;
}
