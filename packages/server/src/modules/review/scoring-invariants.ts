/** Facts remote scoring must keep (run after every integration suite by db/invariants.ts). */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

async function rows(db: Db, query: string): Promise<Record<string, unknown>[]> {
  return ((await db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] }).rows;
}

export async function scoringInvariants(db: Db): Promise<string[]> {
  const problems: string[] = [];
  // A submitted sheet has its total and time, in its assignment's round, and was opened (declared) first.
  for (const s of await rows(
    db,
    `select s.id from review_sheets s join review_assignments a on a.id = s.assignment_id
      where (s.status = 'submitted' and (s.total_centi is null or s.submitted_at is null)) or s.round_id <> a.round_id or a.opened_at is null`,
  )) {
    problems.push(`score sheet ${String(s.id)}: submitted without total, in another round, or never opened`);
  }
  // A declined assignment was never opened and carries its reason; a replacement names the one it replaced.
  for (const a of await rows(db, `select id from review_assignments where (status = 'declined' and (opened_at is not null or declined_at is null or decline_reason is null)) or (source = 'replacement' and replaces_id is null)`)) {
    problems.push(`review assignment ${String(a.id)}: decline or replacement incomplete`);
  }
  // Past scoring, every application with a score has a rank.
  for (const o of await rows(db, `select application_id from review_outcomes where score_centi is not null and rank is null`)) {
    problems.push(`review outcome ${String(o.application_id)}: scored but not ranked`);
  }
  return problems;
}
