/** Invariants of project changes (项目变更), checked after every integration suite with the others (db/invariants.ts). */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

async function rows(db: Db, query: string): Promise<Record<string, unknown>[]> {
  const r = (await db.execute(sql.raw(query))) as unknown as { rows?: Record<string, unknown>[] } | Record<string, unknown>[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}

export async function changeInvariants(db: Db): Promise<string[]> {
  const problems: string[] = [];
  // An approved or filed change produced its supplementary task book, which names it; nothing else has one.
  for (const c of await rows(db, `select c.id, c.status from project_changes c left join task_book_versions v on v.id = c.supplement_version_id
      where (c.status in ('approved', 'filed')) <> (v.id is not null) or (v.id is not null and (v.change_id is distinct from c.id or v.kind <> 'supplement' or v.project_id <> c.project_id))`)) {
    problems.push(`project change ${String(c.id)} (${String(c.status)}): its supplementary task book is missing or does not name it`);
  }
  // A decided change has its time; a pending one has none.
  for (const c of await rows(db, `select id from project_changes where (status = 'submitted') = (decided_at is not null)`)) {
    problems.push(`project change ${String(c.id)}: decided_at does not match its status`);
  }
  // One effective end date: the task book's end moved by every approved extension (calendar months, day clamped).
  for (const p of await rows(db, `select p.project_no, p.effective_end_date, p.end_date, coalesce(sum((c.payload->>'months')::int), 0) as months
      from projects p left join project_changes c on c.project_id = p.id and c.type = 'extension' and c.status = 'approved'
      where p.end_date is not null group by p.id
      having p.effective_end_date is distinct from (p.end_date + make_interval(months => coalesce(sum((c.payload->>'months')::int), 0)::int))::date`)) {
    problems.push(`project ${String(p.project_no)}: effective end ${String(p.effective_end_date)} is not the end ${String(p.end_date)} plus ${String(p.months)} approved extension months`);
  }
  return problems;
}
