/**
 * The officer's portfolio at scale (issue 14): 10^5 projects with 10^6 ledger movements and 10^6 timeline events on
 * PostgreSQL, generated set-based (generate_series). Measured: the service functions the routes call —
 * `listPortfolio` (GET /api/projects: filtered, sorted page plus its count) and `readPortfolioDashboard`
 * (GET /api/projects/dashboard) — as an officer, over a rotation of filter and sort combinations, p50/p95 in ms.
 * Baseline in the same run: the same list and dashboard computing each project's sums from budget_entries (what
 * they would do without the summary columns of migration 0029). `BENCH_QUICK=1`: 10^4 projects.
 */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { PortfolioFilter, PortfolioSort, Role } from '@kechuang/domain';
import { openDatabase, type Database } from '../../packages/server/src/db/client.js';
import { seedDemo } from '../../packages/server/src/db/seed/demo.js';
import { seedProgrammes } from '../../packages/server/src/db/seed/programmes.js';
import type { AuthContext } from '../../packages/server/src/http/auth.js';
import { listPortfolio, readPortfolioDashboard } from '../../packages/server/src/modules/projects/portfolio.js';
import { scratchPostgres } from './deadline-rush/setup.js';

type Emit = (o: Record<string, unknown>) => void;

async function exec(database: Database, text: string): Promise<{ rows: Record<string, unknown>[] }> {
  return (await database.db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] };
}

const STATES = `array['approved','executing','executing','executing','midterm','rectifying','accepting','accepted','accepted','concluded','failed','terminated','revoked']`;

/** Organisations, applications, projects, movements and events, each in one statement or a few. */
async function generate(database: Database, projects: number): Promise<{ programmes: string[]; seconds: Record<string, number> }> {
  const seconds: Record<string, number> = {};
  const timed = async (name: string, text: string) => {
    const t = performance.now();
    await exec(database, text);
    seconds[name] = +((performance.now() - t) / 1000).toFixed(1);
  };
  const programmes = (await exec(database, 'select code from programmes order by code')).rows.map((r) => String(r.code));
  const [call] = (await exec(database, 'select id from calls order by created_at limit 1')).rows;
  const callId = String(call!.id);
  const orgs = Math.max(100, Math.round(projects / 50));
  await timed('organisations', `insert into organisations (id, name, credit_code, type, region, industry, contact_name, contact_phone)
    select gen_random_uuid(), '基准单位' || g || (case when g % 10 < 7 then '有限公司' when g % 10 < 9 then '研究院' else '大学' end),
      'BENCH' || lpad(g::text, 13, '0'), case when g % 10 < 7 then 'enterprise' when g % 10 < 9 then 'institute' else 'university' end,
      '浙江省宁波市北仑区', 'C', '基准', '0574-00000000'
    from generate_series(1, ${orgs}) g`);
  await exec(database, `insert into review_rounds (id, call_id, budget_year, stage) values (gen_random_uuid(), '${callId}', 2026, 'approved') on conflict do nothing`);
  const [round] = (await exec(database, `select id from review_rounds where call_id = '${callId}'`)).rows;
  await exec(database, `create temporary table bench_orgs as select row_number() over (order by credit_code) - 1 as n, id from organisations where credit_code like 'BENCH%'`);
  await timed('applications', `insert into applications (id, application_no, call_id, category_code, organisation_id, state, current_version, content)
    select gen_random_uuid(), 'BENCH-' || lpad(g::text, 7, '0'), '${callId}', 'chain', o.id, 'accepted', 1,
      jsonb_build_object('basic', jsonb_build_object('title', '基准项目' || g), 'partners', case when g % 3 = 0 then '[{"type":"university"}]'::jsonb else '[]'::jsonb end)
    from generate_series(1, ${projects}) g join bench_orgs o on o.n = g % ${orgs}`);
  const codes = `array[${programmes.map((c) => `'${c}'`).join(',')}]`;
  await timed('projects', `insert into projects (id, project_no, application_id, round_id, call_id, programme_code, budget_year, organisation_id, title,
      category_code, category_name, field_code, approved_amount_yuan, state, start_date, end_date, effective_end_date, leader_name, approved_at)
    select gen_random_uuid(), 'BENCH-' || (${codes})[1 + g % ${programmes.length}] || '-' || (2019 + g % 8) || '-' || lpad(g::text, 7, '0'),
      a.id, '${String(round!.id)}', '${callId}', (${codes})[1 + g % ${programmes.length}], 2019 + g % 8, a.organisation_id,
      (array['高端模具','集成电路','新材料','数控机床','生命健康','人工智能','新能源','车用部件'])[1 + g % 8] || '关键技术攻关基准项目' || g,
      'chain', '强链', 'f' || lpad((1 + g % 30)::text, 2, '0'), (100000 + (g * 7919) % 4900000)::bigint,
      (${STATES})[1 + (g * 31) % 13], date '2019-01-01' + (g % 2900), date '2021-01-01' + (g % 2900), date '2021-01-01' + (g % 2900) + (case when g % 17 = 0 then 180 else 0 end),
      '负责人' || g, timestamptz '2019-03-01 10:00+08' + make_interval(days => (g % 8) * 365 + g % 200)
    from generate_series(1, ${projects}) g join applications a on a.application_no = 'BENCH-' || lpad(g::text, 7, '0')`);
  // Ten movements a project: the commitment, then disbursements of a twentieth each; a closed-unpaid project releases the
  // rest and has a hundredth of its amount paid back four times. One statement: the trigger adds every project's sums once.
  await timed('movements', `insert into budget_entries (id, programme_id, year, kind, amount_yuan, reference, note, project_id, created_at)
    select gen_random_uuid(), pr.id, p.budget_year,
      case when k = 0 then 'commit' when p.state in ('failed','terminated','revoked') and k = 5 then 'return'
           when p.state in ('failed','terminated','revoked') and k > 5 then 'repay' else 'disburse' end,
      case when k = 0 then p.approved_amount_yuan when p.state in ('failed','terminated','revoked') and k = 5 then p.approved_amount_yuan - 4 * (p.approved_amount_yuan / 20)
           when p.state in ('failed','terminated','revoked') and k > 5 then p.approved_amount_yuan / 100 else p.approved_amount_yuan / 20 end,
      'project:' || p.project_no, '基准', p.id, p.approved_at + make_interval(days => k * 30)
    from projects p join programmes pr on pr.code = p.programme_code cross join generate_series(0, 9) k
    where p.project_no like 'BENCH-%'`);
  await timed('events', `insert into project_events (id, project_id, at, kind, summary, detail)
    select gen_random_uuid(), p.id, p.approved_at + make_interval(days => k * 30), case when k = 0 then 'state.approve' else 'ledger.disburse' end, '基准事件' || k, '{}'::jsonb
    from projects p cross join generate_series(0, 9) k where p.project_no like 'BENCH-%'`);
  await exec(database, `insert into project_recoveries (id, project_id, reason, amount_yuan, due_date, status, basis, ordered_at)
    select gen_random_uuid(), id, 'terminate', approved_amount_yuan / 100, date '2026-06-30', 'open', '基准', approved_at from projects where state = 'terminated' and project_no like 'BENCH-%' and budget_year % 2 = 0`);
  await timed('vacuum', 'vacuum analyze');
  return { programmes, seconds };
}

const LIST_CASES = (programmes: string[]): { f: PortfolioFilter; sort: PortfolioSort; page: number }[] => [
  { f: {}, sort: 'projectNo', page: 1 },
  { f: { states: ['executing', 'midterm'] }, sort: '-disbursedYuan', page: 1 },
  { f: { programme: programmes[0], year: 2024 }, sort: '-approvedAmountYuan', page: 1 },
  { f: { q: '集成电路' }, sort: '-effectiveEndDate', page: 3 },
  { f: { states: ['terminated'], overdueRecovery: true }, sort: 'approvedAt', page: 1 },
  { f: { field: 'f07', endFrom: '2024-01-01', endTo: '2025-12-31' }, sort: '-disbursedYuan', page: 2 },
  { f: {}, sort: '-disbursedYuan', page: 50 },
  { f: { organisation: '基准单位1' }, sort: '-budgetYear', page: 1 },
];
const DASHBOARD_CASES = (programmes: string[]): PortfolioFilter[] => [{}, { states: ['executing', 'midterm', 'rectifying'] }, { programme: programmes[0] }, { year: 2025 }, { field: 'f03' }];

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function measure(rounds: number, run: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await run(i); // warm-up: plans and buffers
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await run(i);
    ms.push(performance.now() - t);
  }
  return { p50: +percentile(ms, 50).toFixed(1), p95: +percentile(ms, 95).toFixed(1) };
}

/** What the list and dashboard would be without the summary columns: every project's sums from its movements. */
const SUMS = `(select project_id, sum(amount_yuan) filter (where kind = 'commit') as c, sum(amount_yuan) filter (where kind = 'disburse') as d,
  sum(amount_yuan) filter (where kind = 'return') as r, sum(amount_yuan) filter (where kind = 'repay') as y from budget_entries where project_id is not null group by project_id)`;

function baselineWhere(f: PortfolioFilter): string {
  const c: string[] = ['true'];
  if (f.states?.length) c.push(`p.state in (${f.states.map((s) => `'${s}'`).join(',')})`);
  if (f.programme) c.push(`p.programme_code = '${f.programme}'`);
  if (f.year) c.push(`p.budget_year = ${f.year}`);
  if (f.field) c.push(`p.field_code = '${f.field}'`);
  if (f.q) c.push(`(p.project_no ilike '%${f.q}%' or p.title ilike '%${f.q}%')`);
  if (f.organisation) c.push(`p.organisation_id in (select id from organisations where name ilike '%${f.organisation}%' or credit_code ilike '%${f.organisation}%')`);
  if (f.endFrom) c.push(`p.effective_end_date >= '${f.endFrom}'`);
  if (f.endTo) c.push(`p.effective_end_date <= '${f.endTo}'`);
  if (f.overdueRecovery) c.push(`exists (select 1 from project_recoveries r where r.project_id = p.id and r.status = 'open' and r.due_date < current_date)`);
  return c.join(' and ');
}
const BASE_SORT: Record<string, string> = { projectNo: 'p.project_no', approvedAmountYuan: 'p.approved_amount_yuan', approvedAt: 'p.approved_at', effectiveEndDate: 'p.effective_end_date', disbursedYuan: 's.d', budgetYear: 'p.budget_year' };

async function baselineList(database: Database, c: { f: PortfolioFilter; sort: PortfolioSort; page: number }): Promise<void> {
  const dir = c.sort.startsWith('-') ? 'desc' : 'asc';
  const key = BASE_SORT[c.sort.replace(/^-/, '')]!;
  const where = baselineWhere(c.f);
  await Promise.all([
    exec(database, `select count(*) from projects p where ${where}`),
    exec(database, `select p.*, coalesce(s.c, 0) c, coalesce(s.d, 0) d, coalesce(s.r, 0) r, coalesce(s.y, 0) y from projects p left join ${SUMS} s on s.project_id = p.id
      where ${where} order by ${key} ${dir}, p.project_no ${dir} limit 20 offset ${(c.page - 1) * 20}`),
  ]);
}

async function baselineDashboard(database: Database, f: PortfolioFilter): Promise<void> {
  await exec(database, `select p.state, p.programme_code, p.budget_year, p.field_code, count(*), sum(p.approved_amount_yuan), sum(s.c), sum(s.d), sum(s.r), sum(s.y)
    from projects p left join ${SUMS} s on s.project_id = p.id where ${baselineWhere(f)} group by 1, 2, 3, 4`);
}

export async function run(emit: Emit, opts: { quick: boolean }): Promise<void> {
  const projects = opts.quick ? 10_000 : 100_000;
  const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  let scratch: Awaited<ReturnType<typeof scratchPostgres>>;
  try {
    scratch = await scratchPostgres(admin, 'kechuang_bench_portfolio');
  } catch (e) {
    emit({ bench: 'portfolio', skipped: `PostgreSQL not reachable at ${admin.replace(/\/\/[^@]*@/, '//')}: ${(e as Error).message}` });
    return;
  }
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: '' });
  try {
    await database.migrate();
    await seedProgrammes(database.db);
    await seedDemo(database.db);
    const t0 = performance.now();
    const { programmes, seconds } = await generate(database, projects);
    const generateSeconds = +((performance.now() - t0) / 1000).toFixed(1);
    const counts = (await exec(database, `select (select count(*) from projects) as projects, (select count(*) from budget_entries where project_id is not null) as movements, (select count(*) from project_events) as events`)).rows[0]!;
    const mismatched = (await exec(database, `select count(*) as n from projects p join ${SUMS} s on s.project_id = p.id where p.committed_yuan <> coalesce(s.c, 0) or p.disbursed_yuan <> coalesce(s.d, 0) or p.released_yuan <> coalesce(s.r, 0) or p.repaid_yuan <> coalesce(s.y, 0)`)).rows[0]!;
    const [officer] = (await exec(database, `select * from users where username = 'officer'`)).rows;
    const auth = { sessionId: 'bench', user: { ...officer, organisationId: null }, roles: ['officer'] as Role[], mustChangePassword: false } as unknown as AuthContext;
    const listCases = LIST_CASES(programmes);
    const dashCases = DASHBOARD_CASES(programmes);
    const rounds = opts.quick ? 40 : 80;
    const list = await measure(rounds, (i) => {
      const c = listCases[i % listCases.length]!;
      return listPortfolio(database.db, auth, { ...c.f, sort: c.sort, page: c.page, pageSize: 20 });
    });
    const dashboard = await measure(rounds, (i) => readPortfolioDashboard(database.db, auth, dashCases[i % dashCases.length]!));
    const baseRounds = opts.quick ? 16 : 16;
    const baseList = await measure(baseRounds, (i) => baselineList(database, listCases[i % listCases.length]!));
    const baseDashboard = await measure(baseRounds, (i) => baselineDashboard(database, dashCases[i % dashCases.length]!));
    console.error(`portfolio: generated in ${generateSeconds} s ${JSON.stringify(seconds)}`);
    emit({
      bench: 'portfolio',
      db: 'postgres',
      projects: Number(counts.projects),
      movements: Number(counts.movements),
      events: Number(counts.events),
      measured: 'service functions listPortfolio / readPortfolioDashboard (what GET /api/projects and /api/projects/dashboard call), officer scope, 20 rows a page',
      list_p50_ms: list.p50,
      list_p95_ms: list.p95,
      dashboard_p50_ms: dashboard.p50,
      dashboard_p95_ms: dashboard.p95,
      baseline: 'same queries with sums computed from budget_entries (no summary columns)',
      baseline_list_p95_ms: baseList.p95,
      baseline_dashboard_p95_ms: baseDashboard.p95,
      sums_mismatched: Number(mismatched.n),
      generate_seconds: generateSeconds,
      goal_p95_ms: 300,
      // The machine's state while measuring: p95s on a shared, loaded host are not an idle host's.
      cpus: os.cpus().length,
      load1: +os.loadavg()[0]!.toFixed(1),
    });
  } finally {
    await database.close();
    // BENCH_KEEP_DB=1 leaves the generated database for EXPLAIN (drop it by hand afterwards).
    if (process.env.BENCH_KEEP_DB === '1') console.error(`portfolio: kept ${scratch.url}`);
    else await scratch.drop();
  }
}
