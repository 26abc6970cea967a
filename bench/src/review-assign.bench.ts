/**
 * Review assignment through the server's own use case (issue 13): a call of 2,000 accepted applications and a
 * pool of 3,000 experts written to PostgreSQL as records (organisations, applications with partners, leaders'
 * IDs and teams, earlier applications, consortia, declared conflicts), a round opened on it, then the officer's
 * preview and confirmation of the optimal assignment with k = 5 — 回避 computed from those records, the exact
 * solve, 10,000 assignments, invitations and the audit in one transaction. `seconds` is the confirmation (the
 * complete use case, after one preview as an officer would run it). The objective is compared with HiGHS's LP
 * optimum on the same instance (integral for this problem). `BENCH_QUICK=1`: 200 × 300.
 */
import { randomUUID } from 'node:crypto';
import highsImport from 'highs';
import { sql } from 'drizzle-orm';
import { exampleBeilunContent, residentIdCheckChar, type assignment } from '@kechuang/domain';
import { openDatabase, type Database } from '../../packages/server/src/db/client.js';
import { seedDemo } from '../../packages/server/src/db/seed/demo.js';
import { seedPlans } from '../../packages/server/src/db/seed/monitoring.js';
import { seedProgrammes } from '../../packages/server/src/db/seed/programmes.js';
import { SYSTEM_ACTOR } from '../../packages/server/src/modules/audit/record.js';
import { confirmOptimal, previewOptimal } from '../../packages/server/src/modules/review/assign-optimal.js';
import { updateAssignmentSettings } from '../../packages/server/src/modules/review/assignment-settings.js';
import { buildInstance } from '../../packages/server/src/modules/review/instance.js';
import { findRound, openRound } from '../../packages/server/src/modules/review/rounds.js';
import { lpOf } from './assignment.bench.js';
import { scratchPostgres } from './deadline-rush/setup.js';

type Loader = typeof highsImport.default;
const highsLoader: Loader = (highsImport as unknown as { default?: Loader }).default ?? (highsImport as unknown as Loader);

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建国志红海燕文斌宇浩凯健俊帆';
const DISTRICTS = ['北仑区', '鄞州区', '镇海区', '江北区', '海曙区', '奉化区'];
const TERMS = ['设计', '仿真', '材料', '工艺', '检测', '控制', '装备', '算法', '封装', '可靠性', '热处理', '精密加工'];
const ALL_FIELDS = Array.from({ length: 30 }, (_, i) => ({ code: `f${String(i + 1).padStart(2, '0')}`, label: ['集成电路', '高端模具', '数控机床', '车用部件', '新材料', '生命健康', '人工智能', '新能源'][i % 8]! + (Math.floor(i / 8) + 1) }));

/** A valid resident ID, distinct for every n < 20,000. */
function residentId(n: number): string {
  const d = new Date(Date.UTC(1960, 0, 1) + n * 86_400_000);
  const first17 = `330206${d.toISOString().slice(0, 10).replace(/-/g, '')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17)!;
}

/** Credit-code-shaped identifiers (the bench does not validate them). */
const creditCode = (kind: string, n: number) => `${kind}330206BENCH${String(n).padStart(5, '0')}`;

async function insertRows(database: Database, table: string, columns: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const json = JSON.stringify(rows.slice(i, i + 1000));
    const names = columns.split(',').map((c) => c.trim().split(' ')[0]).join(', ');
    await database.db.execute(sql.raw(`insert into ${table} (${names}) select ${names} from jsonb_to_recordset('${json.replace(/'/g, "''")}'::jsonb) as x(${columns})`));
  }
}

interface Sizes {
  apps: number;
  experts: number;
}

async function generate(database: Database, callId: string, s: Sizes): Promise<void> {
  const r = rng(20261206);
  // About 67 applications and 100 experts per field (学科方向), as in a district's call; 30 fields at full size.
  const FIELDS = ALL_FIELDS.slice(0, Math.max(3, Math.round(s.apps / 67)));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const name = () => pick([...SURNAMES]) + pick([...GIVEN]) + (r() < 0.6 ? pick([...GIVEN]) : '');
  const enterprises = Math.round(s.apps * 0.6);
  const institutes = Math.max(10, Math.round(s.apps * 0.075));
  const consortia = Array.from({ length: 8 }, (_, i) => `宁波市演示创新联合体${i + 1}`);
  const orgs = [
    ...Array.from({ length: enterprises }, (_, i) => ({ id: randomUUID(), name: `演示企业${i + 1}有限公司`, credit_code: creditCode('91', i), type: 'enterprise', region: `浙江省宁波市${pick(DISTRICTS)}`, industry: 'C', address: '', contact_name: '演示', contact_phone: '0574-00000000', contact_email: '', consortia: r() < 0.05 ? [pick(consortia)] : [], created_at: new Date().toISOString(), updated_at: new Date().toISOString() })),
    ...Array.from({ length: institutes }, (_, i) => ({ id: randomUUID(), name: `演示研究院${i + 1}`, credit_code: creditCode('52', i), type: i % 3 === 0 ? 'university' : 'institute', region: `浙江省宁波市${pick(DISTRICTS)}`, industry: 'M', address: '', contact_name: '演示', contact_phone: '0574-00000000', contact_email: '', consortia: r() < 0.2 ? [pick(consortia)] : [], created_at: new Date().toISOString(), updated_at: new Date().toISOString() })),
  ];
  await insertRows(database, 'organisations', 'id uuid, name text, credit_code text, type text, region text, industry text, address text, contact_name text, contact_phone text, contact_email text, consortia text[], created_at timestamptz, updated_at timestamptz', orgs);
  const ents = orgs.slice(0, enterprises);
  const insts = orgs.slice(enterprises);

  // Experts: most at universities and institutes (registered, by credit code), some at enterprises, some elsewhere.
  const experts = Array.from({ length: s.experts }, (_, i) => {
    const f = pick(FIELDS);
    const fields = r() < 0.3 ? [f.code, pick(FIELDS).code] : [f.code];
    const u = r();
    const org = u < 0.6 ? pick(insts) : u < 0.75 ? pick(ents) : null;
    return {
      id: randomUUID(),
      user_id: randomUUID(),
      name: name(),
      id_number: residentId(10_000 + i),
      title: pick(['教授', '研究员', '正高级工程师', '高级工程师']),
      organisation_name: org?.name ?? `外地演示大学${i % 50}`,
      organisation_credit_code: org?.credit_code ?? null,
      region: `浙江省宁波市${pick(DISTRICTS)}`,
      fields,
      keywords: fields.flatMap((c) => Array.from({ length: 3 }, () => `${FIELDS.find((x) => x.code === c)!.label}${pick(TERMS)}`)),
      consortia: r() < 0.03 ? [pick(consortia)] : [],
      declared_conflicts: r() < 0.1 ? [{ kind: 'organisation', creditCode: pick(ents).credit_code, name: '演示企业', reason: '近三年合作' }] : [],
      status: 'active',
      available: true,
    };
  });
  const now = new Date().toISOString();
  await insertRows(
    database,
    'users',
    'id uuid, username text, name text, phone text, email text, password_hash text, password_changed_at timestamptz, must_change_password boolean, roles text[], status text',
    experts.map((e, i) => ({ id: e.user_id, username: `bench-expert-${i}`, name: e.name, phone: '', email: '', password_hash: 'x', password_changed_at: now, must_change_password: false, roles: ['expert'], status: 'active' })),
  );
  await insertRows(
    database,
    'experts',
    'id uuid, user_id uuid, name text, id_number text, title text, organisation_name text, organisation_credit_code text, region text, fields text[], keywords text[], consortia text[], declared_conflicts jsonb, status text, available boolean',
    experts,
  );

  // Applications: this call's accepted ones and, for co-membership, as many submitted one to two years ago.
  const base = exampleBeilunContent();
  const application = (i: number, past: boolean) => {
    const f = pick(FIELDS);
    const org = pick(ents);
    const partners = Array.from({ length: Math.floor(r() * 3) }, () => pick(insts));
    // Some leaders are experts of the pool (they led or lead applications themselves).
    const expertLeader = r() < (past ? 0.1 : 0.02) ? pick(experts) : null;
    const submitted = new Date(Date.now() - (past ? 365 + Math.floor(r() * 365) : 30) * 86_400_000).toISOString();
    return {
      id: randomUUID(),
      application_no: `BENCH-${past ? 'P' : 'A'}-${String(i).padStart(5, '0')}`,
      call_id: callId,
      category_code: 'chain',
      organisation_id: org.id,
      state: past ? 'returned' : 'accepted',
      current_version: 1,
      content: {
        ...base,
        basic: { ...base.basic, title: `${f.label}方向关键技术攻关演示项目${i + 1}`, fieldCode: f.code, keywords: Array.from({ length: 3 }, () => `${f.label}${pick(TERMS)}`) },
        team: {
          leader: { ...base.team!.leader, name: expertLeader?.name ?? name(), idNumber: expertLeader?.id_number ?? residentId((past ? 5_000 : 0) + i) },
          members: Array.from({ length: 3 + Math.floor(r() * 4) }, () => ({ name: r() < 0.05 ? pick(experts).name : name(), title: '工程师', role: '研发', timeSharePercent: 50 })),
        },
        partners: partners.map((p) => ({ name: p.name, creditCode: p.credit_code, type: p.type, region: p.region, role: 'participant', workSharePercent: 20, budgetSharePercent: 10 })),
      },
      submitted_version: 1,
      submitted_at: submitted,
    };
  };
  const apps = [...Array.from({ length: s.apps }, (_, i) => application(i, false)), ...Array.from({ length: s.apps }, (_, i) => application(i, true))];
  await insertRows(database, 'applications', 'id uuid, application_no text, call_id uuid, category_code text, organisation_id uuid, state text, current_version int, content jsonb, submitted_version int, submitted_at timestamptz', apps);
}

function compactOf(input: assignment.AssignmentInput): assignment.CompactAssignmentInput {
  const ai = new Map(input.applications.map((a, i) => [a.id, i]));
  const ei = new Map(input.experts.map((e, i) => [e.id, i]));
  return {
    k: input.k,
    applicationIds: input.applications.map((a) => a.id),
    applicationFields: input.applications.map((a) => a.field),
    expertIds: input.experts.map((e) => e.id),
    expertFields: input.experts.map((e) => e.field),
    minLoad: input.experts.map((e) => e.minLoad ?? 0),
    maxLoad: input.experts.map((e) => e.maxLoad),
    candidateApplication: input.candidates.map((c) => ai.get(c.application)!),
    candidateExpert: input.candidates.map((c) => ei.get(c.expert)!),
    candidateAffinity: input.candidates.map((c) => c.affinity),
  };
}

export async function run(emit: (o: Record<string, unknown>) => void, opts: { quick: boolean }): Promise<void> {
  const sizes: Sizes = opts.quick ? { apps: 200, experts: 300 } : { apps: 2000, experts: 3000 };
  const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  let scratch: Awaited<ReturnType<typeof scratchPostgres>>;
  try {
    scratch = await scratchPostgres(admin, `kc_bench_review_${process.pid}`);
  } catch (e) {
    // The goal is stated on PostgreSQL: without a server there is no figure to give, only the reason.
    emit({ bench: 'review-assign', skipped: `PostgreSQL not reachable at ${admin.replace(/\/\/[^@]*@/, '//')}: ${(e as Error).message}` });
    return;
  }
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: '' });
  try {
    await database.migrate();
    await seedProgrammes(database.db);
    await seedPlans(database.db);
    await seedDemo(database.db);
    const found = (await database.db.execute(sql.raw(`select id from calls where title like '%北仑区关键核心技术攻关项目申报指南%' limit 1`))) as unknown as { rows: { id: string }[] };
    const callId = found.rows[0]!.id;
    await generate(database, callId, sizes);
    await database.db.execute(sql.raw(`update calls set status = 'closed', closes_at = now() - interval '1 minute', closed_at = now() where id = '${callId}'`));
    await database.db.execute(sql.raw('analyze'));
    const officer = { ...SYSTEM_ACTOR, name: 'bench.officer', role: 'officer' };
    const round = await openRound(database.db, officer, callId);
    await updateAssignmentSettings(database.db, officer, round.id, { mode: 'optimal', k: 5, minLoad: 0, maxLoad: 6, conflicts: { coMemberYears: 3, sameDistrict: false }, drawCapPercent: 50 });

    const instance = await buildInstance(database.db, await findRound(database.db, round.id));
    const t0 = performance.now();
    const preview = await previewOptimal(database.db, round.id);
    const previewSeconds = (performance.now() - t0) / 1000;
    if (!preview.feasible) throw new Error(`bench instance infeasible: ${preview.infeasibility?.messages.join(' ')}`);
    const t1 = performance.now();
    const confirmed = await confirmOptimal(database.db, officer, round.id);
    const seconds = (performance.now() - t1) / 1000;

    const highs = await highsLoader();
    const sol = highs.solve(lpOf(compactOf(instance.input), 1));
    const highsObjective = sol.Status === 'Optimal' ? Math.round(sol.ObjectiveValue) : null;
    console.error(`review-assign: preview ${previewSeconds.toFixed(3)} s, confirm ${seconds.toFixed(3)} s, candidates ${instance.input.candidates.length}, assignments ${confirmed.assignments}`);
    emit({ bench: 'review-assign', apps: sizes.apps, experts: sizes.experts, seconds: +seconds.toFixed(3), conflict_pairs: instance.conflicts.length, objective: confirmed.objective, highs_objective: highsObjective });
  } finally {
    await database.close();
    await scratch.drop();
  }
}
