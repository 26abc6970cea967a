/** Invariants of project execution, checked after every test (db/invariants.ts) and by the invariant command. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

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
  return problems;
}
