/**
 * The expert pool's facts for the database invariant checker (db/invariants.ts): statuses from the workflow table,
 * a suspension always explained, and every reverse evaluation tied to work the expert really did.
 */
import { sql } from 'drizzle-orm';
import { EXPERT_STATUSES } from '@kechuang/domain';
import type { Db } from '../../../db/client.js';

async function rows(db: Db, query: string): Promise<Record<string, unknown>[]> {
  return ((await db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] }).rows;
}

const short = (id: unknown) => `${String(id).slice(0, 8)}…`;

export async function expertInvariants(db: Db): Promise<string[]> {
  const problems: string[] = [];
  for (const e of await rows(db, `select id, status, status_reason from experts where status not in (${EXPERT_STATUSES.map((s) => `'${s}'`).join(',')}) or (status = 'suspended' and coalesce(trim(status_reason), '') = '')`)) {
    problems.push(`expert ${short(e.id)} has status ${String(e.status)} without a valid reason`);
  }
  // An applicant rates an assignment of its own application (same expert, round, application); an officer rates a round.
  for (const r of await rows(
    db,
    `select r.id from expert_ratings r left join review_assignments a on a.id = r.assignment_id
      where (r.rater_kind = 'applicant' and (a.id is null or a.expert_id <> r.expert_id or a.round_id <> r.round_id or a.application_id is distinct from r.application_id or r.rater_key is distinct from r.rater_organisation_id))
         or (r.rater_kind = 'officer' and (r.application_id is not null or r.assignment_id is not null or r.rater_key <> r.rater_user_id))`,
  )) {
    problems.push(`expert rating ${short(r.id)} is not tied to the expert's own assignment (applicant) or round (officer)`);
  }
  return problems;
}
