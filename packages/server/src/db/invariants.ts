/**
 * Facts that must hold in any database state the application can produce (after HotCRP's confinvariants).
 * The integration suites run this after their tests, so a use case that leaves data inconsistent fails
 * even when its own assertions pass.
 */
import { sql } from 'drizzle-orm';
import { AUDIT_CHAIN_COUNT, ledgerProblems, roleCombinationProblems, ROLES, type Role } from '@kechuang/domain';
import { monitoringInvariants } from '../modules/monitoring/invariants.js';
import { drawInvariants } from '../modules/review/draw-invariants.js';
import { expertInvariants } from '../modules/review/experts/invariants.js';
import { scoringInvariants } from '../modules/review/scoring-invariants.js';
import { reviewDecisionInvariants } from '../modules/review/decision-invariants.js';
import { projectInvariants } from '../modules/projects/invariants.js';
import { changeInvariants } from '../modules/projects/changes-invariants.js';
import { projectReportInvariants } from '../modules/projects/reports-invariants.js';
import { acceptanceInvariants } from '../modules/projects/acceptance-invariants.js';
import { ledgerFromEntries } from '../modules/programmes/budget.js';
import type { Db } from './client.js';

async function rows(db: Db, query: string): Promise<Record<string, unknown>[]> {
  return ((await db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] }).rows;
}

export async function checkInvariants(db: Db, opts: { audit?: boolean } = {}): Promise<string[]> {
  const problems: string[] = [];
  for (const u of await rows(db, 'select username, roles, organisation_id from users')) {
    const roles = u.roles as Role[];
    const unknown = roles.filter((r) => !ROLES.includes(r));
    if (unknown.length) problems.push(`user ${String(u.username)} has unknown roles ${unknown.join(',')}`);
    for (const p of roleCombinationProblems(roles, u.organisation_id !== null)) problems.push(`user ${String(u.username)}: ${p}`);
  }
  for (const s of await rows(db, `select s.id from sessions s join users u on u.id = s.user_id where u.status <> 'active'`)) {
    problems.push(`session ${String(s.id).slice(0, 8)}… belongs to a disabled user`);
  }
  for (const i of await rows(
    db,
    `select i.id from invitations i left join users u on u.id = i.accepted_user_id
      where i.status = 'accepted' and (u.id is null or u.organisation_id <> i.organisation_id)`,
  )) {
    problems.push(`accepted invitation ${String(i.id)} has no member of its organisation behind it`);
  }
  for (const h of await rows(db, `select h.chain from audit_chain_heads h left join audit_events e on e.chain = h.chain and e.seq = h.seq where h.seq > 0 and (e.id is null or e.hash <> h.hash)`)) {
    if (opts.audit !== false) problems.push(`audit chain ${String(h.chain)}: head does not match its last event`);
  }
  const entries = await rows(db, 'select programme_id, year, kind, amount_yuan from budget_entries');
  const byYear = new Map<string, { kind: string; amountYuan: number }[]>();
  for (const e of entries) {
    const key = `${String(e.programme_id)}:${String(e.year)}`;
    byYear.set(key, [...(byYear.get(key) ?? []), { kind: String(e.kind), amountYuan: Number(e.amount_yuan) }]);
  }
  for (const [key, list] of byYear) for (const p of ledgerProblems(ledgerFromEntries(list))) problems.push(`budget ledger ${key}: ${p}`);
  for (const c of await rows(db, `select id from calls where published_at is not null and version_id in (select id from programme_versions where frozen_at is null)`)) {
    problems.push(`call ${String(c.id)} is published but its rule-set version is not frozen`);
  }
  // 管理员密码找回 is dual control: a decided request names someone other than its initiator, of another role.
  for (const r of await rows(
    db,
    `select id from admin_recovery_requests where status <> 'pending'
      and (decided_by is null or decided_at is null or (status = 'approved' and (decided_by = initiated_by or decider_role = initiator_role or decided_by = target_user_id)))`,
  )) {
    problems.push(`admin recovery request ${String(r.id)} was decided without a second administrator`);
  }
  // Applications: the row's version is its latest saved one, and every submission left a frozen version. Its
  // receipt is rendered after the commit (receipt job or first download), so it may be missing for a moment, but
  // one that exists must print that version's content hash.
  for (const a of await rows(db, `select a.application_no from applications a where a.current_version <> (select max(v.version) from application_versions v where v.application_id = a.id)`)) {
    problems.push(`application ${String(a.application_no)}: current version is not its latest saved version`);
  }
  for (const a of await rows(
    db,
    `select a.application_no from applications a where a.submitted_version is not null
       and not exists (select 1 from application_versions v where v.application_id = a.id and v.version = a.submitted_version and v.frozen)`,
  )) {
    problems.push(`application ${String(a.application_no)}: its submitted version has no frozen content`);
  }
  for (const a of await rows(
    db,
    `select a.application_no, r.version from application_receipts r join applications a on a.id = r.application_id
       join application_versions v on v.application_id = r.application_id and v.version = r.version
      where v.content_hash <> r.content_hash or not v.frozen`,
  )) {
    problems.push(`application ${String(a.application_no)}: the receipt of version ${String(a.version)} does not match its frozen content`);
  }
  for (const a of await rows(db, `select application_no from applications where state <> 'draft' and submitted_version is null`)) {
    problems.push(`application ${String(a.application_no)} left draft without a submission`);
  }
  // Every file a frozen version lists is still stored, with the same SHA-256, and marked frozen.
  for (const f of await rows(
    db,
    `select a.application_no, v.version, x->>'fileId' as file from application_versions v join applications a on a.id = v.application_id
       cross join lateral jsonb_array_elements(coalesce(v.content->'attachments', '[]'::jsonb)) x
      where v.frozen and not exists (select 1 from application_attachments f where f.id::text = x->>'fileId' and f.application_id = v.application_id and f.sha256 = x->>'sha256' and f.frozen_in_version is not null)`,
  )) {
    problems.push(`application ${String(f.application_no)} version ${String(f.version)}: attachment ${String(f.file)} is missing, changed or not frozen`);
  }
  // A sent notification says when; a pending one has not given up.
  for (const n of await rows(db, `select id from notification_outbox where (status = 'sent') <> (sent_at is not null) or (status = 'failed' and last_error is null)`)) {
    problems.push(`notification ${String(n.id)}: status and sent_at or last_error disagree`);
  }
  // 社会公示 (BL-8): an item withdrawn from a notice is withdrawn from its round too, and only an upheld objection withdraws one.
  for (const i of await rows(db, `select i.id from review_notice_items i join review_notices n on n.id = i.notice_id left join review_outcomes o on o.round_id = n.round_id and o.application_id = i.application_id where i.withdrawn_at is not null and (o.status is distinct from 'withdrawn' or not exists (select 1 from review_objections x where x.notice_id = n.id and x.application_id = i.application_id and x.status = 'upheld'))`)) {
    problems.push(`notice item ${String(i.id)}: withdrawn without an upheld objection or its outcome still in review`);
  }
  // Every objection received through the portal keeps who raised it; a resolution through it keeps its reasons.
  for (const o of await rows(db, `select o.id from review_objections o left join review_objection_parties p on p.objection_id = o.id where o.reference is not null and (p.objection_id is null or (o.status <> 'open' and (o.reasons is null or o.resolved_at is null)))`)) {
    problems.push(`objection ${String(o.id)}: no objector on record, or resolved without reasons`);
  }
  const [heads] = await rows(db, 'select count(*)::int as n from audit_chain_heads');
  if (heads?.n !== AUDIT_CHAIN_COUNT) problems.push(`expected ${AUDIT_CHAIN_COUNT} audit chain heads, found ${String(heads?.n)}`);
  problems.push(...(await monitoringInvariants(db)));
  problems.push(...(await drawInvariants(db)));
  // Approval (立项) commits each project's amount in its programme-year's ledger in the same transaction (BL-4).
  for (const p of await rows(
    db,
    `select p.project_no from projects p join programmes g on g.code = p.programme_code
      where (select coalesce(sum(e.amount_yuan), 0) from budget_entries e where e.programme_id = g.id and e.year = p.budget_year and e.kind = 'commit' and e.reference = 'project:' || p.project_no) <> p.approved_amount_yuan`,
  )) {
    problems.push(`project ${String(p.project_no)}: its approved amount is not committed once in the budget ledger`);
  }
  for (const o of await rows(db, `select o.application_id from review_outcomes o left join projects p on p.application_id = o.application_id where o.status = 'approved' and p.id is null`)) {
    problems.push(`review outcome of application ${String(o.application_id)} is approved but has no project`);
  }
  problems.push(...(await expertInvariants(db)));
  problems.push(...(await projectInvariants(db)));
  problems.push(...(await changeInvariants(db)));
  problems.push(...(await projectReportInvariants(db)));
  problems.push(...(await acceptanceInvariants(db)));
  problems.push(...(await scoringInvariants(db)));
  problems.push(...(await reviewDecisionInvariants(db)));
  return problems;
}
