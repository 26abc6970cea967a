/**
 * Project fixtures: approved projects (立项) made by the real use case from a round of accepted applications,
 * and shortcuts that put a project into a later state for tests of one execution part. The shortcuts write
 * what the earlier parts would have written (a signed task book, the state), never the part under test.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { ProjectState } from '@kechuang/domain';
import type { Actor } from '../src/modules/audit/record.js';
import { createApprovedProjects } from '../src/modules/projects/service.js';
import { rawSql, type TestApp, type TestClient } from './helpers.js';
import { openedRound, setStage, type AcceptedCall } from './review-fixtures.js';

export interface ApprovedProjects extends AcceptedCall {
  roundId: string;
  projectIds: string[];
  programmeCode: string;
  year: number;
}

export async function actorOf(t: TestApp, username: string): Promise<Actor> {
  const [u] = await rawSql(t.db, `select id from users where username = '${username}'`);
  return { id: u!.id as string, name: username, role: 'officer', ip: null };
}

/**
 * `count` accepted applications of the demo Beilun call approved as projects of `amountYuan` each (default 100万,
 * the mid-term threshold), through createApprovedProjects — the use case approval calls — in one transaction.
 * Projects belong round-robin to applicant (applicant/unitadmin), demo-a, demo-b, demo-c. Call once per file.
 */
export async function approvedProjects(t: TestApp, count = 4, amountYuan = 1_000_000): Promise<ApprovedProjects> {
  const r = await approveRound(t, await openedRound(t, count), amountYuan);
  await setStage(t, r.roundId, 'approved');
  return r;
}

/** Every application of an opened round approved as a project of `amountYuan` (the round's stage is left as it is). */
export async function approveRound(t: TestApp, r: AcceptedCall & { roundId: string }, amountYuan = 1_000_000): Promise<ApprovedProjects> {
  const approved = await approveRoundApplications(t, r, r.applicationIds, amountYuan);
  return { ...r, ...approved };
}

/** Approves the given accepted applications of an opened round as projects (the round's stage is left as it is). */
export async function approveRoundApplications(t: TestApp, r: { roundId: string; callId: string; officer: TestClient }, applicationIds: readonly string[], amountYuan = 1_000_000): Promise<{ projectIds: string[]; programmeCode: string; year: number }> {
  const round = (await r.officer.get(`/api/review/rounds/${r.roundId}`)).json() as { programmeCode: string; year: number };
  const apps = await rawSql(t.db, `select a.id, a.organisation_id, a.category_code, a.content->'basic'->>'title' as title, a.content->'basic'->>'fieldCode' as field from applications a where a.id in (${applicationIds.map((id) => `'${id}'`).join(',')})`);
  const byId = new Map(apps.map((a) => [a.id as string, a]));
  const actor = await actorOf(t, 'officer');
  const rows = await t.db.transaction((tx) => createApprovedProjects(tx, actor, {
    roundId: r.roundId,
    callId: r.callId,
    programmeCode: round.programmeCode,
    budgetYear: round.year,
    items: applicationIds.map((id) => {
      const a = byId.get(id)!;
      return { applicationId: id, organisationId: a.organisation_id as string, title: a.title as string, categoryCode: a.category_code as string, categoryName: '强链', fieldCode: (a.field as string | null) ?? null, amountYuan };
    }),
  }));
  return { projectIds: rows.map((p) => p.id), programmeCode: round.programmeCode, year: round.year };
}

/**
 * Shortcut for parts after signing: freezes the project's latest task book as signed by all parties and sets
 * the state (default executing), as the task-book part would have.
 */
export async function signedProject(t: TestApp, projectId: string, state: ProjectState = 'executing'): Promise<void> {
  const [v] = await rawSql(t.db, `select id, content_hash from task_book_versions where project_id = '${projectId}' order by version_no desc limit 1`);
  expect(v, 'project has a task book').toBeTruthy();
  const [officer] = await rawSql(t.db, `select id from users where username = 'officer'`);
  const [applicant] = await rawSql(t.db, `select u.id from users u join projects p on p.organisation_id = u.organisation_id where p.id = '${projectId}' limit 1`);
  await rawSql(t.db, `update task_book_versions set status = 'signing', frozen_at = now() where id = '${String(v!.id)}' and status = 'draft'`);
  for (const [party, who] of [['bureau', officer!.id], ['undertaker', applicant!.id]] as const) {
    await rawSql(t.db, `insert into task_book_signatures (version_id, party, signed_by, signer_name, signed_at, content_hash) values ('${String(v!.id)}', '${party}', '${String(who)}', '测试签署人', now(), '${String(v!.content_hash)}') on conflict do nothing`);
  }
  await rawSql(t.db, `update task_book_versions set status = 'signed', signed_at = now() where id = '${String(v!.id)}'`);
  await rawSql(t.db, `update projects set state = '${state}', state_changed_at = now() where id = '${projectId}'`);
  await rawSql(t.db, `insert into project_events (id, project_id, at, kind, summary, detail) values ('${randomUUID()}', '${projectId}', now(), 'test.shortcut', '测试：任务书已签订，项目进入${state}', '{}'::jsonb)`);
}

/** The signed-in client of the project's organisation (applicant role). */
export function undertakerOf(p: AcceptedCall, index: number): TestClient {
  const names = ['applicant', 'demo-a', 'demo-b', 'demo-c'];
  return p.clients.get(names[index % names.length]!)!;
}
