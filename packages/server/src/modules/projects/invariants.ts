/** Invariants of project execution, checked after every test (db/invariants.ts) and by the invariant command. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { fundsInvariants } from './funds-invariants.js';

async function rows(db: Db, query: string): Promise<Record<string, unknown>[]> {
  const r = (await db.execute(sql.raw(query))) as unknown as { rows?: Record<string, unknown>[] } | Record<string, unknown>[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}

export async function projectInvariants(db: Db): Promise<string[]> {
  const problems: string[] = [];
  // A project's money never goes beyond its commitment, and nothing is paid back that was not paid (BL-4).
  for (const p of await rows(db, `select p.project_no,
      coalesce(sum(e.amount_yuan) filter (where e.kind = 'commit'), 0) as c,
      coalesce(sum(e.amount_yuan) filter (where e.kind = 'disburse'), 0) as d,
      coalesce(sum(e.amount_yuan) filter (where e.kind = 'return'), 0) as r,
      coalesce(sum(e.amount_yuan) filter (where e.kind = 'repay'), 0) as y
    from projects p left join budget_entries e on e.project_id = p.id group by p.id, p.project_no
    having coalesce(sum(e.amount_yuan) filter (where e.kind = 'commit'), 0) - coalesce(sum(e.amount_yuan) filter (where e.kind = 'return'), 0) - coalesce(sum(e.amount_yuan) filter (where e.kind = 'disburse'), 0) < 0
        or coalesce(sum(e.amount_yuan) filter (where e.kind = 'repay'), 0) > coalesce(sum(e.amount_yuan) filter (where e.kind = 'disburse'), 0)`)) {
    problems.push(`project ${String(p.project_no)}: ledger out of bounds (commit ${String(p.c)}, disburse ${String(p.d)}, return ${String(p.r)}, repay ${String(p.y)})`);
  }
  // The portfolio's money columns (trigger of migration 0029) equal the sums of the project's entries.
  for (const p of await rows(db, `select p.project_no, p.committed_yuan, p.disbursed_yuan, p.released_yuan, p.repaid_yuan, s.c, s.d, s.r, s.y
    from projects p left join (select project_id,
        coalesce(sum(amount_yuan) filter (where kind = 'commit'), 0) as c, coalesce(sum(amount_yuan) filter (where kind = 'disburse'), 0) as d,
        coalesce(sum(amount_yuan) filter (where kind = 'return'), 0) as r, coalesce(sum(amount_yuan) filter (where kind = 'repay'), 0) as y
      from budget_entries where project_id is not null group by project_id) s on s.project_id = p.id
    where p.committed_yuan <> coalesce(s.c, 0) or p.disbursed_yuan <> coalesce(s.d, 0) or p.released_yuan <> coalesce(s.r, 0) or p.repaid_yuan <> coalesce(s.y, 0)`)) {
    problems.push(`project ${String(p.project_no)}: money columns (${String(p.committed_yuan)}/${String(p.disbursed_yuan)}/${String(p.released_yuan)}/${String(p.repaid_yuan)}) differ from its entries (${String(p.c ?? 0)}/${String(p.d ?? 0)}/${String(p.r ?? 0)}/${String(p.y ?? 0)})`);
  }
  // A movement tagged with a project names it in its reference too (the programme-year view reads either).
  for (const e of await rows(db, `select e.id from budget_entries e join projects p on p.id = e.project_id where e.reference <> 'project:' || p.project_no`)) {
    problems.push(`budget entry ${String(e.id)}: tagged with a project its reference does not name`);
  }
  // Every project has a task book; a signature is of the content hash the version has.
  for (const p of await rows(db, `select p.project_no from projects p where not exists (select 1 from task_book_versions v where v.project_id = p.id)`)) {
    problems.push(`project ${String(p.project_no)}: no task-book version`);
  }
  for (const s of await rows(db, `select s.version_id from task_book_signatures s join task_book_versions v on v.id = s.version_id where s.content_hash <> v.content_hash`)) {
    problems.push(`task book ${String(s.version_id)}: a signature is of different content`);
  }
  // Task book: a version in force has every required party's signature; one signed and one being signed at most.
  for (const v of await rows(db, `select v.id, v.version_no from task_book_versions v where v.status in ('signed', 'superseded') and (
      not exists (select 1 from task_book_signatures s where s.version_id = v.id and s.party = 'bureau')
      or not exists (select 1 from task_book_signatures s where s.version_id = v.id and s.party = 'undertaker')
      or (v.content->'parties'->>'department' is not null and not exists (select 1 from task_book_signatures s where s.version_id = v.id and s.party = 'department')))`)) {
    problems.push(`task book ${String(v.id)}: in force without every party's signature`);
  }
  for (const p of await rows(db, `select project_id, status from task_book_versions where status in ('signed', 'signing') group by project_id, status having count(*) > 1`)) {
    problems.push(`project ${String(p.project_id)}: more than one task-book version ${String(p.status)}`);
  }
  for (const s of await rows(db, `select s.version_id from task_book_signatures s join task_book_versions v on v.id = s.version_id where v.status = 'draft'`)) {
    problems.push(`task book ${String(s.version_id)}: a draft with a signature`);
  }
  for (const a of await rows(db, `select a.version_id from task_book_allowances a join task_book_versions v on v.id = a.version_id where v.kind <> 'supplement'`)) {
    problems.push(`task book ${String(a.version_id)}: an approved-change allowance on a version that is not a supplement`);
  }
  // Work that runs only while the project runs: nothing is paid after termination, failure or revocation.
  for (const e of await rows(db, `select e.id from budget_entries e join projects p on p.id = e.project_id
      where e.kind = 'disburse' and p.state in ('terminated', 'revoked', 'failed') and e.created_at > p.state_changed_at`)) {
    problems.push(`budget entry ${String(e.id)}: a disbursement after the project was closed`);
  }
  // BL-10/YZ-7 (midterm part): a terminated or revoked project has its decision; a decision moved exactly what the
  // project's ledger shows released; a reallocation's created projects exist, in the same round, committed as recorded.
  for (const p of await rows(db, `select p.project_no from projects p where p.state in ('terminated', 'revoked') and p.id not in (select project_id from project_terminations)
      and exists (select 1 from project_terminations)`)) {
    problems.push(`project ${String(p.project_no)}: terminated or revoked without a decision record`);
  }
  for (const x of await rows(db, `select t.id from project_terminations t where t.owed_yuan < 0 or t.released_yuan < 0 or t.owed_yuan > t.net_paid_yuan
      or (t.kind = 'revoke' and t.owed_yuan <> t.net_paid_yuan)`)) {
    problems.push(`termination ${String(x.id)}: amounts out of bounds`);
  }
  for (const x of await rows(db, `select r.id from project_reallocations r cross join lateral jsonb_array_elements(r.selected) s
      left join projects p on p.id = (s->>'projectId')::uuid
      where p.id is null or p.round_id <> r.round_id or p.approved_amount_yuan <> (s->>'amountYuan')::bigint`)) {
    problems.push(`reallocation ${String(x.id)}: a created project is missing, of another round, or of another amount`);
  }
  for (const x of await rows(db, `select r.id from project_reallocations r where r.total_yuan <> coalesce((select sum((s->>'amountYuan')::bigint) from jsonb_array_elements(r.selected) s), 0)`)) {
    problems.push(`reallocation ${String(x.id)}: total differs from its projects`);
  }
  for (const c of await rows(db, `select c.id from midterm_checks c where (c.status <> 'open' and (c.outcome is null or coalesce(c.basis, '') = ''))
      or (c.outcome = 'rectify' and c.rectification_due is null)`)) {
    problems.push(`midterm check ${String(c.id)}: decided without an outcome and basis, or 整改 without its deadline`);
  }
  // 科研失信: a ban runs from the decision date and ends no earlier; a revocation has its time; a document is the record's own.
  for (const r of await rows(db, `select id from integrity_records where ban_until < ban_from or ban_from <> decision_date or (revoked <> (revoked_at is not null))
      or (document_file_id is not null and not exists (select 1 from integrity_documents d where d.id = document_file_id and d.record_id = integrity_records.id))`)) {
    problems.push(`integrity record ${String(r.id)}: ban dates, revocation or document inconsistent`);
  }
  // 绩效评价: a score within 0–100 points, its grade by the thresholds, of the project's own organisation.
  for (const e of await rows(db, `select e.id from performance_evaluations e join projects p on p.id = e.project_id
      where e.total_centi not between 0 and 10000 or e.organisation_id <> p.organisation_id
         or e.grade <> case when e.total_centi >= 9000 then 'excellent' when e.total_centi >= 8000 then 'good' when e.total_centi >= 6000 then 'pass' else 'fail' end`)) {
    problems.push(`performance evaluation ${String(e.id)}: score, grade or organisation inconsistent`);
  }
  problems.push(...(await fundsInvariants(db)));
  return problems;
}
