/** Invariants of a project's money (拨付), called from projects/invariants.ts after every integration suite. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

async function rows(db: Db, query: string): Promise<Record<string, unknown>[]> {
  const r = (await db.execute(sql.raw(query))) as unknown as { rows?: Record<string, unknown>[] } | Record<string, unknown>[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}

export async function fundsInvariants(db: Db): Promise<string[]> {
  const problems: string[] = [];
  // Each payment record has its ledger entry: a disburse of the same project and the same amount.
  for (const d of await rows(db, `select d.id, d.amount_yuan, e.kind, e.amount_yuan as entry_amount, e.project_id from disbursements d left join budget_entries e on e.id = d.entry_id
      where e.id is null or e.kind <> 'disburse' or e.amount_yuan <> d.amount_yuan or e.project_id is distinct from d.project_id`)) {
    problems.push(`disbursement ${String(d.id)}: its ledger entry is missing or differs (${String(d.kind)} ${String(d.entry_amount)} ≠ disburse ${String(d.amount_yuan)})`);
  }
  // A payment pays its scheduled instalment exactly, and a stored schedule sums to the approved fiscal amount.
  for (const d of await rows(db, `select d.id from disbursements d left join disbursement_instalments i on i.project_id = d.project_id and i.instalment_no = d.instalment_no where i.project_id is null or i.amount_yuan <> d.amount_yuan`)) {
    problems.push(`disbursement ${String(d.id)}: does not match its scheduled instalment`);
  }
  for (const p of await rows(db, `select p.project_no, sum(i.amount_yuan) as s, p.approved_amount_yuan as a from disbursement_instalments i join projects p on p.id = i.project_id group by p.id having sum(i.amount_yuan) <> p.approved_amount_yuan`)) {
    problems.push(`project ${String(p.project_no)}: schedule sums to ${String(p.s)}, approved ${String(p.a)}`);
  }
  // The programme-year reconciliation holds: an entry tagged with a project is filed in that project's programme-year
  // (so project rows + unassigned entries = the programme-year ledger, figure by figure).
  for (const e of await rows(db, `select e.id from budget_entries e join projects p on p.id = e.project_id join programmes g on g.id = e.programme_id
      where g.code <> p.programme_code or e.year <> p.budget_year`)) {
    problems.push(`budget entry ${String(e.id)}: tagged with a project of another programme-year (the ledger by project would not reconcile)`);
  }
  return problems;
}
