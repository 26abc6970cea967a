/** Invariants of progress reports, checked after every integration suite (db/invariants.ts). */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

async function rows(db: Db, query: string): Promise<Record<string, unknown>[]> {
  const r = (await db.execute(sql.raw(query))) as unknown as { rows?: Record<string, unknown>[] } | Record<string, unknown>[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}

export async function projectReportInvariants(db: Db): Promise<string[]> {
  const problems: string[] = [];
  // A report that was submitted says when and against which task book; an accepted one says who decided.
  for (const r of await rows(db, `select id, state from project_reports where (state in ('submitted', 'accepted', 'returned') and (submitted_at is null or first_submitted_on is null or task_book_version_id is null)) or (state = 'accepted' and decided_at is null)`)) {
    problems.push(`project report ${String(r.id)}: ${String(r.state)} without its submission or decision`);
  }
  // Windows are explicit and ordered: open before due, and never closing before they opened.
  for (const r of await rows(db, `select id from project_reports where not (period_start <= period_end and opens_on <= due_date and opens_on <= closes_on)`)) {
    problems.push(`project report ${String(r.id)}: window dates out of order`);
  }
  // Reporting years of a project follow each other without gap or overlap.
  for (const r of await rows(db, `select a.id from project_reports a join project_reports b on b.project_id = a.project_id and b.period_no = a.period_no + 1 where a.state <> 'cancelled' and b.state <> 'cancelled' and b.period_start <> a.period_end + 1`)) {
    problems.push(`project report ${String(r.id)}: the next reporting year does not start the day after it ends`);
  }
  return problems;
}
