/**
 * Monitoring's facts for the database invariant checker (db/invariants.ts): what the report workflow, the
 * evidence rules and the responsible-unit links guarantee in any state the application can produce.
 */
import { sql } from 'drizzle-orm';
import { REPORT_STATES } from '@kechuang/domain';
import type { Db } from '../../db/client.js';

async function rows(db: Db, query: string): Promise<Record<string, unknown>[]> {
  return ((await db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] }).rows;
}

const short = (id: unknown) => `${String(id).slice(0, 8)}…`;
const STATES = REPORT_STATES.map((s) => `'${s}'`).join(',');

export async function monitoringInvariants(db: Db): Promise<string[]> {
  const problems: string[] = [];
  for (const table of ['monitoring_reports', 'monitoring_task_reports'] as const) {
    const kind = table === 'monitoring_reports' ? 'indicator' : 'task';
    for (const r of await rows(db, `select id, state from ${table} where state not in (${STATES})`)) problems.push(`${kind} report ${short(r.id)} has unknown state ${String(r.state)}`);
    // The workflow writes a revision with every transition: the newest one is the report's state and revision.
    for (const r of await rows(
      db,
      `select r.id, r.state, r.revision, l.state as rev_state, l.revision as rev_revision from ${table} r
         left join lateral (select state, revision from monitoring_report_revisions v where v.report_id = r.id and v.kind = '${kind}' order by v.at desc, v.revision desc limit 1) l on true
        where l.state is null or l.state <> r.state or l.revision <> r.revision`,
    )) {
      problems.push(`${kind} report ${short(r.id)} is ${String(r.state)} r${String(r.revision)} but its latest revision is ${r.rev_state === null ? 'missing' : `${String(r.rev_state)} r${String(r.rev_revision)}`}`);
    }
    for (const r of await rows(
      db,
      `select r.id from ${table} r where r.state = 'accepted'
          and not exists (select 1 from monitoring_report_revisions v where v.report_id = r.id and v.kind = '${kind}' and v.action = 'accept' and v.revision = r.revision)`,
    )) {
      problems.push(`accepted ${kind} report ${short(r.id)} has no acceptance revision`);
    }
    for (const r of await rows(db, `select id from ${table} where state in ('submitted', 'accepted') and submitted_at is null`)) problems.push(`${kind} report ${short(r.id)} is past submission without a submission time`);
  }
  for (const r of await rows(db, `select id from monitoring_reports where state = 'accepted' and (accepted_value is null or accepted_value <> value or accepted_at is null)`)) {
    problems.push(`accepted report ${short(r.id)} does not carry its value as the accepted value`);
  }
  // Evidence is the unit's to change only while the report is its working copy: nothing is added after submission.
  for (const e of await rows(
    db,
    `select e.id from monitoring_evidence e join monitoring_reports r on r.id = e.report_id
      where r.state in ('submitted', 'accepted') and e.uploaded_at > r.submitted_at`,
  )) {
    problems.push(`evidence ${short(e.id)} was added to a report after it was submitted`);
  }
  // Responsible units: positions 0..n-1 without gaps or repeats, so there is exactly one lead (牵头单位, P315-2).
  for (const [table, key, what] of [
    ['monitoring_indicator_units', 'indicator_id', 'indicator'],
    ['monitoring_task_units', 'task_id', 'task'],
  ] as const) {
    for (const l of await rows(
      db,
      `select ${key} as id from ${table} group by ${key}
        having min(position) <> 0 or max(position) <> count(*) - 1 or count(distinct position) <> count(*)`,
    )) {
      problems.push(`${what} ${short(l.id)}: responsible-unit positions are not 0..n-1 with one lead`);
    }
  }
  for (const i of await rows(db, `select i.id from monitoring_indicators i where not exists (select 1 from monitoring_indicator_units u where u.indicator_id = i.id and u.position = 0)`)) {
    problems.push(`indicator ${short(i.id)} has no lead unit`);
  }
  // Open reports follow the lead: reassigning the lead moves them (accepted ones stay with who filed them).
  for (const r of await rows(
    db,
    `select r.id from monitoring_reports r join monitoring_indicator_units u on u.indicator_id = r.indicator_id and u.position = 0
      where r.state in ('draft', 'returned', 'submitted') and r.unit_id <> u.unit_id`,
  )) {
    problems.push(`open report ${short(r.id)} is not with its indicator's lead unit`);
  }
  for (const r of await rows(db, `select id from monitoring_reminders where missing <= 0`)) problems.push(`reminder ${short(r.id)} reminds of nothing missing`);
  return problems;
}
