/** Invariants of acceptance (验收), checked after every integration suite (db/invariants.ts). */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

async function rows(db: Db, query: string): Promise<Record<string, unknown>[]> {
  const r = (await db.execute(sql.raw(query))) as unknown as { rows?: Record<string, unknown>[] } | Record<string, unknown>[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}

export async function acceptanceInvariants(db: Db): Promise<string[]> {
  const problems: string[] = [];
  // Members only of a drawn panel; a drawn panel has its seed and record (verifiable).
  for (const p of await rows(db, `select p.id from acceptance_panels p where (p.status = 'drawn') <> (p.seed is not null and p.record is not null and p.drawn_at is not null) or (p.status <> 'drawn' and exists (select 1 from acceptance_panel_members m where m.panel_id = p.id))`)) {
    problems.push(`acceptance panel ${String(p.id)}: drawn state, seed, record and members disagree`);
  }
  // A submitted verification carries its time; a decided application has its decision row.
  for (const r of await rows(db, `select id from acceptance_reviews where (status = 'submitted') <> (submitted_at is not null)`)) problems.push(`acceptance review ${String(r.id)}: submitted without a time (or the reverse)`);
  for (const a of await rows(db, `select a.id from acceptance_applications a where a.outcome is not null and not exists (select 1 from acceptance_decisions d where d.application_id = a.id)`)) {
    problems.push(`acceptance application ${String(a.id)}: an outcome without its decision`);
  }
  // Closed by acceptance means decided: accepted / concluded projects with an application have a pass / conclude decision.
  for (const p of await rows(db, `select p.project_no from projects p join acceptance_applications a on a.project_id = p.id where p.state in ('accepted', 'concluded') and a.outcome not in ('pass', 'conclude')`)) {
    problems.push(`project ${String(p.project_no)}: accepted or concluded without that decision`);
  }
  return problems;
}
