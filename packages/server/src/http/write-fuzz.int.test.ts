// "Never a 5xx" over the whole write surface (issue 15 item 10). The matrix comes from the route table: every
// registered POST/PUT/PATCH/DELETE route, called as every demo account whose roles may call it (anonymously when
// it is public), with real ids in its path, random bodies and random query strings. A route added later joins
// the matrix by itself; if nobody may call it, or one of its path parameters has no id provider below, the
// first test fails and names it, so its author registers one.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleBeilunContent, hasPermission, type Role } from '@kechuang/domain';
import { openedRound } from '../../test/review-fixtures.js';
import { approveRound, signedProject } from '../../test/project-fixtures.js';
import { createTestApp, rawSql, uploadRequiredAttachments, type TestApp, type TestClient } from '../../test/helpers.js';
import { DEMO_USERS } from '../db/seed/demo.js';
import type { Access } from './auth.js';

const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
type WriteMethod = (typeof WRITE_METHODS)[number];
/** Fixed so a run is reproducible; KC_TEST_SEED explores other inputs (and replays a failure it printed). */
const SEED = Number(process.env.KC_TEST_SEED ?? 20261206);
const RUNS = Number(process.env.KC_FUZZ_RUNS ?? 12);

let t: TestApp;
/** Real ids, keyed by the route path up to and including the parameter (`/api/users/:id`). */
let ids: Record<string, string | null>;
const clients = new Map<string, TestClient>();

async function one(query: string): Promise<string | null> {
  const [row] = await rawSql(t.db, query);
  return row ? String(Object.values(row)[0]) : null;
}

beforeAll(async () => {
  t = await createTestApp();
  for (const u of DEMO_USERS) {
    const c = t.client();
    await c.login(u.username);
    clients.set(u.username, c);
  }
  const sys = clients.get('sysadmin')!;
  const unitadmin = clients.get('unitadmin')!;
  const created = (await sys.post('/api/users', { username: 'fuzz-target', name: '模糊测试', phone: '', email: '', roles: ['expert'], organisationId: null })).json();
  const orgId = (await unitadmin.get('/api/organisations/mine')).json().id as string;
  const invitation = (await unitadmin.post(`/api/organisations/${orgId}/invitations`, { name: '被邀请人', email: 'fuzz@example.com', role: 'applicant' })).json();
  // A pending recovery for approve / cancel. Its target is a second security administrator, not a fuzzing caller:
  // an approval resets the target's password and ends its sessions.
  // 三员分立 keeps the system administrator from granting that role, so the spare account is written directly.
  await rawSql(t.db, `insert into users (id, username, name, password_hash, password_changed_at, roles) values ('6f1c1a9e-0000-4000-8000-00000000ad01', 'fuzz-secadmin', '模糊测试安全管理员', 'unusable', now(), array['secadmin'])`);
  const recovery = (await sys.post('/api/admin-recovery', { targetUserId: '6f1c1a9e-0000-4000-8000-00000000ad01', reason: '模糊测试：忘记密码' })).json();
  const version = await one(`select v.id from programme_versions v join programmes p on p.id = v.programme_id where p.code = 'beilun-kct' order by v.effective_from desc limit 1`);
  const unit = await one(`select m.unit_id from monitoring_unit_members m join users u on u.id = m.user_id where u.username = 'department' limit 1`);
  // A draft of the department's own: evidence may only hang on a report still being written (a database invariant).
  const department = clients.get('department')!;
  const sheet = (await department.get('/api/monitoring/reporting')).json() as { indicators?: { period: string; indicator: { id: string }; report: { state: string } | null }[] };
  const open = sheet.indicators?.find((i) => !i.report || i.report.state === 'draft' || i.report.state === 'returned');
  if (open) await department.put(`/api/monitoring/reporting/indicators/${open.indicator.id}/${open.period}`, { value: '1', note: '' });
  const report = await one(`select id from monitoring_reports where state in ('draft', 'returned') order by (unit_id = '${unit}') desc, period desc limit 1`);
  // Evidence is only ever uploaded by hand; one row gives the delete route a real id.
  if (report) await rawSql(t.db, `insert into monitoring_evidence (id, report_id, filename, mime, size, sha256, content) values ('6f1c1a9e-0000-4000-8000-00000000fe11', '${report}', '佐证.pdf', 'application/pdf', 1, '00', decode('00', 'hex'))`);
  // A submitted application of the applicant's organisation: the chain's actions and 查重 (BL-9) act on a real one.
  const applicantClient = clients.get('applicant')!;
  const publicCalls = (await applicantClient.get('/api/public/calls')).json().items as { id: string; title: string }[];
  const beilunCall = publicCalls.find((c) => c.title.includes('北仑区关键核心技术攻关项目申报指南'));
  let applicationId: string | null = null;
  if (beilunCall) {
    const draft = (await applicantClient.post('/api/applications', { callId: beilunCall.id, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' })).json() as { id: string; version: number };
    await applicantClient.put(`/api/applications/${draft.id}/draft`, { baseVersion: draft.version, content: exampleBeilunContent() });
    await uploadRequiredAttachments(applicantClient, draft.id);
    await applicantClient.post(`/api/applications/${draft.id}/submit`);
    applicationId = draft.id;
  }
  ids = {
    '/api/applications/:id': applicationId,
    '/api/applications/:id/attachments/:kind': 'businessLicence',
    '/api/applications/:id/attachments/:attachmentId': applicationId ? await one(`select id from application_attachments where application_id = '${applicationId}' limit 1`) : null,
    '/api/users/:id': created.user?.id ?? null,
    '/api/admin-recovery/:id': (recovery.id as string | undefined) ?? null,
    '/api/organisations/:id': orgId,
    '/api/organisations/:id/invitations/:invitationId': invitation.invitation?.id ?? null,
    '/api/invitations/:token': (invitation.link as string | undefined)?.split('/').pop() ?? null,
    '/api/calls/:id': await one(`select id from calls order by created_at limit 1`),
    '/api/programmes/:code': 'beilun-kct',
    '/api/programmes/:code/versions/:versionId': version,
    '/api/programmes/:code/versions/:versionId/categories/:categoryCode': await one(`select parameters->'categories'->0->>'code' from programme_versions where id = '${version}'`),
    '/api/programmes/:code/versions/:versionId/fields/:fieldCode': await one(`select parameters->'fields'->0->>'code' from programme_versions where id = '${version}'`),
    '/api/programmes/:code/budget/:year': String(new Date().getUTCFullYear()),
    '/api/monitoring/plans/:code': 'nb-315',
    '/api/monitoring/indicators/:id': await one(`select indicator_id from monitoring_indicator_units where unit_id = '${unit}' and position = 0 limit 1`),
    '/api/monitoring/units/:code': await one(`select code from monitoring_units where id = '${unit}'`),
    '/api/monitoring/units/:code/members/:userId': await one(`select user_id from monitoring_unit_members where unit_id = '${unit}' limit 1`),
    '/api/monitoring/reporting/indicators/:indicatorId': await one(`select indicator_id from monitoring_indicator_units where unit_id = '${unit}' and position = 0 limit 1`),
    '/api/monitoring/reporting/indicators/:indicatorId/:period': await one(`select period from monitoring_reports where unit_id = '${unit}' order by period desc limit 1`),
    '/api/monitoring/reporting/tasks/:taskId': await one(`select task_id from monitoring_task_units where unit_id = '${unit}' and position = 0 limit 1`),
    '/api/monitoring/reporting/tasks/:taskId/:period': await one(`select period from monitoring_task_reports order by period desc limit 1`),
    '/api/monitoring/evidence/:id': report ? '6f1c1a9e-0000-4000-8000-00000000fe11' : null,
    '/api/monitoring/reports/:id': await one(`select id from monitoring_reports where state = 'submitted' limit 1`),
    '/api/monitoring/task-reports/:id': await one(`select id from monitoring_task_reports limit 1`),
    '/api/monitoring/portfolio/reported/:id': await one(`select id from portfolio_reported limit 1`),
    '/api/monitoring/town-evaluations/:id': await one(`select id from town_evaluations limit 1`),
  };
  // A review round on a closed call with accepted applications (closes the demo call: keep it after the drafts above).
  const round = await openedRound(t, 4);
  ids['/api/review/rounds/:roundId'] = round.roundId;
  // A committed draw whose announced source is far in the future (witness, run and cancel then refuse or act on it).
  const drawId = '6f1c1a9e-0000-4000-8000-00000000d4a1';
  const empty = JSON.stringify({ k: 1, applications: [], experts: [], candidates: [] });
  const commitment = JSON.stringify({ format: 'kechuang/public-draw-record/v1', drawId, callTitle: '测试', committedAt: '2026-01-01T00:00:00.000Z', algorithm: 'kechuang/assignment-draw/v2', k: 1, loads: { min: 0, max: 1 }, cap: { numerator: 1, denominator: 2 }, capNumerator: 32768, inputHash: '', poolHash: '', applications: 0, experts: 0, candidatePairs: 0, sources: [{ description: '测试随机来源', publicAt: '2099-01-01T00:00:00.000Z' }], observerSlot: '纪检监督输入' });
  await rawSql(t.db, `insert into review_draws (id, round_id, status, inputs, commitment, commitment_hash, public_inputs, pseudonyms, seals) values ('${drawId}', '${round.roundId}', 'committed', '${empty}', '${commitment}', '', '${empty}', '{"applications":[],"experts":[]}', '{"applications":[],"experts":[]}')`);
  ids['/api/review/draws/:drawId'] = drawId;
  // An expert in the pool (专家库) for edit, activate, suspend, login and ratings.
  await rawSql(t.db, `insert into experts (id, name, id_number, fields, status) values ('6f1c1a9e-0000-4000-8000-0000000e0001', '模糊测试专家', '33020619800101001X', array['equipment'], 'active')`);
  ids['/api/experts/:id'] = '6f1c1a9e-0000-4000-8000-0000000e0001';
  // Remote scoring: the demo expert's own assignment on the round's first application.
  await rawSql(t.db, `insert into experts (id, user_id, name, status) select '6f1c1a9e-0000-4000-8000-00000000e001', id, '模糊测试专家', 'active' from users where username = 'expert' on conflict do nothing`);
  const expertId = await one(`select e.id from experts e join users u on u.id = e.user_id where u.username = 'expert'`);
  await rawSql(t.db, `insert into review_assignments (id, round_id, application_id, expert_id, source) values ('6f1c1a9e-0000-4000-8000-00000000a551', '${round.roundId}', '${round.applicationIds[0]}', '${expertId}', 'optimal')`);
  ids['/api/review/assignments/:assignmentId'] = '6f1c1a9e-0000-4000-8000-00000000a551';
  // Site inspection and meetings: an application of the round, a stored photo, and a meeting kind.
  const inspected = round.applicationIds[0]!;
  ids['/api/review/rounds/:roundId/inspection/applications/:applicationId'] = inspected;
  await rawSql(t.db, `insert into review_inspection_photos (id, round_id, application_id, file_name, content_type, size, sha256, content) values ('6f1c1a9e-0000-4000-8000-00000000fe12', '${round.roundId}', '${inspected}', '现场.png', 'image/png', 1, '00', decode('00', 'hex'))`);
  ids['/api/review/rounds/:roundId/inspection/applications/:applicationId/photos/:photoId'] = '6f1c1a9e-0000-4000-8000-00000000fe12';
  ids['/api/review/rounds/:roundId/meetings/:kind'] = 'party';
  // A published notice with one listed item and one open objection (社会公示), and a calendar day to edit.
  const [notice, item, objection] = ['6f1c1a9e-0000-4000-8000-00000000a001', '6f1c1a9e-0000-4000-8000-00000000a002', '6f1c1a9e-0000-4000-8000-00000000a003'];
  await rawSql(t.db, `insert into review_notices (id, round_id, title, starts_on, ends_on, published_at) values ('${notice}', '${round.roundId}', '模糊测试公示', '2026-01-05', '2099-12-31', now())`);
  await rawSql(t.db, `insert into review_notice_items (id, notice_id, application_id, position, project_title, organisation_name, category_code, category_label, amount_yuan) values ('${item}', '${notice}', '${round.applicationIds[0]}', 0, '模糊测试项目', '模糊测试单位', 'chain', '强链类', 100000)`);
  await rawSql(t.db, `insert into review_objections (id, notice_id, application_id, item_id, reference, text) values ('${objection}', '${notice}', '${round.applicationIds[0]}', '${item}', 'YY-FUZZ0001', '模糊测试异议')`);
  await rawSql(t.db, `insert into review_objection_parties (objection_id, objector_kind, name, contact) values ('${objection}', 'person', '模糊测试异议人', 'fuzz@demo.example')`);
  ids['/api/public/notices/:id'] = notice;
  ids['/api/review/objections/:objectionId'] = objection;
  ids['/api/review/working-calendar/:date'] = '2027-01-01';
  // Projects (立项): every application of the round approved by the use case approval calls; the applicant's first
  // one signed and executing (the fixtures' shortcut), with a row for each execution part's sub-resource routes:
  // a pending change (项目变更), an open recovery (收回), its report schedule, an acceptance application with a drawn
  // panel and the demo expert's review (验收). Another project keeps its drafted task book (任务书).
  const approved = await approveRound(t, round, 500_000);
  const projectId = (await one(`select p.id from projects p join users u on u.organisation_id = p.organisation_id where u.username = 'applicant' and p.round_id = '${round.roundId}' order by p.project_no limit 1`))!;
  const draftProjectId = approved.projectIds.find((id) => id !== projectId)!;
  await signedProject(t, projectId);
  ids['/api/projects/:id'] = projectId;
  ids['/api/projects/:id/task-book/versions/:versionId'] = await one(`select id from task_book_versions where project_id = '${draftProjectId}' limit 1`);
  await rawSql(t.db, `insert into project_changes (id, project_id, seq, type, status, approver, payload, reason, requested_by, requested_at, requested_on) select '6f1c1a9e-0000-4000-8000-0000000c4a01', '${projectId}', 1, 'extension', 'submitted', 'bureau', '{"months":1}'::jsonb, '模糊测试', id, now(), current_date from users where username = 'applicant'`);
  ids['/api/projects/:id/changes/:changeId'] = '6f1c1a9e-0000-4000-8000-0000000c4a01';
  await rawSql(t.db, `insert into project_recoveries (id, project_id, reason, amount_yuan, due_date, status, basis, ordered_at) values ('6f1c1a9e-0000-4000-8000-00000000c0a1', '${projectId}', 'terminate', 1, '2099-01-01', 'open', '模糊测试', now())`);
  ids['/api/projects/:id/recoveries/:recoveryId'] = '6f1c1a9e-0000-4000-8000-00000000c0a1';
  await clients.get('officer')!.get(`/api/projects/${projectId}/reports`);
  ids['/api/projects/:id/reports/:reportId'] = await one(`select id from project_reports where project_id = '${projectId}' order by period_no limit 1`);
  ids['/api/projects/:id/acceptance/materials/:kind'] = 'workSummary';
  await rawSql(t.db, `insert into acceptance_applications (id, project_id, applied_at, timing, summary) values ('6f1c1a9e-0000-4000-8000-00000000b003', '${projectId}', now(), 'early', '模糊测试')`);
  await rawSql(t.db, `insert into acceptance_panels (id, project_id, application_id, status, size, inputs, public_inputs, pseudonyms, seals, commitment, commitment_hash, excluded, committed_at, seed, record, drawn_at) values ('6f1c1a9e-0000-4000-8000-00000000b004', '${projectId}', '6f1c1a9e-0000-4000-8000-00000000b003', 'drawn', 1, '{}', '{}', '{}', '{}', '{"sources":[],"experts":0,"cap":{"numerator":1,"denominator":2}}', '', '[]', now(), '00', '{}', now())`);
  await rawSql(t.db, `insert into acceptance_panel_members (id, panel_id, project_id, expert_id, expert_user_id, expert_name, organisation_name) select '6f1c1a9e-0000-4000-8000-00000000b005', '6f1c1a9e-0000-4000-8000-00000000b004', '${projectId}', e.id, e.user_id, e.name, '' from experts e join users u on u.id = e.user_id where u.username = 'expert'`);
  await rawSql(t.db, `insert into acceptance_reviews (id, member_id, project_id, hearing_no, status, verdicts, updated_at) values ('6f1c1a9e-0000-4000-8000-00000000b006', '6f1c1a9e-0000-4000-8000-00000000b005', '${projectId}', 1, 'draft', '[]', now())`);
  ids['/api/expert/acceptance-reviews/:id'] = '6f1c1a9e-0000-4000-8000-00000000b006';
  // 科研失信: one record (against a person nobody in the demo is) for edit, appeal, revoke and its document.
  await rawSql(t.db, `insert into integrity_records (id, subject_kind, subject_key, subject_name, behaviour, behaviour_code, severity, decision_no, decision_date, ban_from, ban_until) values ('6f1c1a9e-0000-4000-8000-00000000c001', 'person', '110101199003070038', '模糊测试失信人', '抄袭剽窃他人科研成果', 'plagiarism', 'general', '模糊〔2026〕1号', '2026-01-01', '2026-01-01', '2026-12-31')`);
  ids['/api/integrity/records/:id'] = '6f1c1a9e-0000-4000-8000-00000000c001';
}, 240_000);
afterAll(() => t.close());

/** Who may call a route: anonymous for public routes, else every demo account whose roles grant it. */
function callers(access: Access): string[] {
  if (access === 'public') return ['anonymous'];
  return DEMO_USERS.filter((u) => access === 'session' || hasPermission(u.roles as Role[], access.permission)).map((u) => u.username);
}

interface Cell {
  method: WriteMethod;
  pattern: string;
  caller: string;
  url: string | null;
  missing: string[];
}

/** The route's URL with every parameter replaced by a real id, or the parameters that have no provider. */
function concrete(pattern: string): { url: string | null; missing: string[] } {
  const missing: string[] = [];
  const url = pattern.replace(/:([A-Za-z]+)/g, (param, _name, offset: number) => {
    const key = pattern.slice(0, offset + param.length);
    const id = ids[key];
    if (!id) missing.push(key);
    return encodeURIComponent(id ?? '');
  });
  return { url: missing.length ? null : url, missing };
}

function matrix(): Cell[] {
  const seen = new Set<string>();
  const cells: Cell[] = [];
  for (const r of t.app.routeAccess) {
    if (!(WRITE_METHODS as readonly string[]).includes(r.method) || seen.has(`${r.method} ${r.url}`)) continue;
    seen.add(`${r.method} ${r.url}`);
    const { url, missing } = concrete(r.url);
    const who = callers(r.access);
    if (who.length === 0) cells.push({ method: r.method as WriteMethod, pattern: r.url, caller: '', url, missing });
    for (const caller of who) cells.push({ method: r.method as WriteMethod, pattern: r.url, caller, url, missing });
  }
  // Deletions last, so a removed member or file does not turn the other routes' calls into early refusals.
  return cells.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
}

/** Member names of a route's JSON body from the OpenAPI document, so random values reach field validation. */
function bodyKeys(doc: { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>> }, method: string, pattern: string): string[] {
  const op = doc.paths[pattern.replace(/:([A-Za-z]+)/g, '{$1}')]?.[method.toLowerCase()];
  return Object.keys(op?.requestBody?.content?.['application/json']?.schema?.properties ?? {});
}

const scalar = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('', '2026-11-23', '2026-11', '1e308', '-0.0000001', '00000000-0000-4000-8000-000000000000', 'leading', 'nb-315'));
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }));
const query = fc.dictionary(fc.oneof(fc.constantFrom('page', 'pageSize', 'q', 'period', 'plan', 'state', 'sort', 'year', 'unit'), fc.string({ maxLength: 8 })), fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String)), { maxKeys: 3 });

describe('never a 5xx on any write route (property)', () => {
  it('every write route has a caller allowed to call it and a real id for each path parameter', () => {
    const cells = matrix();
    expect(cells.filter((c) => !c.caller).map((c) => `${c.method} ${c.pattern}`), 'no role may call these routes').toEqual([]);
    expect([...new Set(cells.flatMap((c) => c.missing))], 'register an id provider for these path parameters').toEqual([]);
  });

  it('random bodies and query strings, as every allowed role, with real ids: 2xx/3xx, or 4xx problem+json', async () => {
    const cells = matrix().filter((c) => c.url && c.caller);
    const doc = (await t.client().get('/api/openapi.json')).json();
    const routes = new Set(cells.map((c) => `${c.method} ${c.pattern}`));
    // Figures for the issue note: the size of the matrix this run covered.
    console.info(`write-route fuzz matrix: ${routes.size} routes, ${cells.length} route×role cells × ${RUNS} runs = ${cells.length * RUNS} requests (seed ${SEED})`);
    const answers = new Map<string, number>();
    for (const cell of cells) {
      const client = cell.caller === 'anonymous' ? t.client() : clients.get(cell.caller)!;
      const keys = bodyKeys(doc, cell.method, cell.pattern);
      const body = keys.length ? fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] })) : fc.jsonValue({ maxDepth: 3 });
      await fc.assert(
        fc.asyncProperty(body, query, async (b, q) => {
          const qs = new URLSearchParams(q).toString();
          const res = await client.request(cell.method, qs ? `${cell.url}?${qs}` : cell.url!, undefined, { rawBody: JSON.stringify(b), headers: { 'content-type': 'application/json' } });
          const what = `${cell.caller} ${cell.method} ${cell.url}${qs ? `?${qs}` : ''} ${JSON.stringify(b).slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)} (KC_TEST_SEED=${SEED})`;
          expect(res.statusCode, what).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
          const code = res.statusCode >= 400 ? `${res.statusCode} ${res.json().code}` : String(res.statusCode);
          answers.set(code, (answers.get(code) ?? 0) + 1);
          // The caller is allowed by the route table: a refusal for want of a session or a permission means the matrix is wrong.
          expect(code, what).not.toMatch(/UNAUTHENTICATED|SESSION_EXPIRED|PASSWORD_EXPIRED|^403 FORBIDDEN$/);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    }
    console.info(`answers: ${[...answers].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}×${n}`).join(', ')}`);
  }, 600_000);
});
