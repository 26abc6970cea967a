/**
 * The officer's portfolio (项目库) and an organisation's own projects (我的项目): the filtered, sorted list and the
 * dashboard, both read from `projects` alone — its money columns are the sums of the ledger entries, kept by the
 * trigger of migration 0029 — so neither touches the 10^6 movements at read time.
 */
import { and, asc, count, desc, eq, exists, gte, ilike, inArray, lt, lte, ne, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { addDays, hasPermission, portfolioDashboard, shanghaiDayOf, type PortfolioDashboard, type PortfolioFilter, type PortfolioGroup, type PortfolioProjectView, type PortfolioSort, type ProjectState, type ApplicationContent } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { applicationsByIds } from '../applications/service.js';
import { organisationProfiles, organisationsMatching } from '../organisations/service.js';
import { fieldNamesOf, findProgramme } from '../programmes/service.js';
import { projectRecoveries, projects } from './schema.js';
import { present } from './service.js';

export interface PortfolioQuery extends PortfolioFilter {
  page: number;
  pageSize: number;
  sort: PortfolioSort;
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
/**
 * Number or title containing the text. Text without cased letters (Chinese, digits) is matched with LIKE: ILIKE
 * folds case character by character and costs several times more over 10^5 titles for the same answer.
 */
function textMatch(text: string): SQL | undefined {
  const cased = text.toLowerCase() !== text.toUpperCase();
  const op = cased ? ilike : (column: AnyColumn, pattern: string) => sql`${column} like ${pattern}`;
  return or(op(projects.projectNo, like(text)), op(projects.title, like(text)));
}
const shanghaiMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** Bureau roles read every organisation's projects; an applicant or unit admin only their organisation's. */
function scopeOf(auth: AuthContext): SQL | undefined {
  if (hasPermission(auth.roles, 'organisation.readAll')) return undefined;
  return auth.user.organisationId ? eq(projects.organisationId, auth.user.organisationId) : sql`false`;
}

function whereOf(auth: AuthContext, f: PortfolioFilter, today: string): SQL | undefined {
  return and(
    scopeOf(auth),
    f.states?.length ? inArray(projects.state, [...f.states]) : undefined,
    f.programme ? eq(projects.programmeCode, f.programme) : undefined,
    f.year ? eq(projects.budgetYear, f.year) : undefined,
    f.category ? eq(projects.categoryCode, f.category) : undefined,
    f.field ? eq(projects.fieldCode, f.field) : undefined,
    f.organisation ? inArray(projects.organisationId, organisationsMatching(f.organisation)) : undefined,
    f.q ? textMatch(f.q) : undefined,
    f.approvedFrom ? gte(projects.approvedAt, shanghaiMidnight(f.approvedFrom)) : undefined,
    f.approvedTo ? lt(projects.approvedAt, shanghaiMidnight(addDays(f.approvedTo, 1))) : undefined,
    f.endFrom ? gte(projects.effectiveEndDate, f.endFrom) : undefined,
    f.endTo ? lte(projects.effectiveEndDate, f.endTo) : undefined,
    f.overdueRecovery
      ? exists(sql`(select 1 from ${projectRecoveries} where ${projectRecoveries.projectId} = ${projects.id} and ${projectRecoveries.status} = 'open' and ${projectRecoveries.dueDate} < ${today})`)
      : undefined,
  );
}

const SORT_COLUMNS = {
  projectNo: projects.projectNo,
  approvedAmountYuan: projects.approvedAmountYuan,
  approvedAt: projects.approvedAt,
  effectiveEndDate: projects.effectiveEndDate,
  disbursedYuan: projects.disbursedYuan,
  budgetYear: projects.budgetYear,
} as const;

/** ORDER BY the key then the project number, both in the asked direction, so each sort walks one index. */
function orderOf(sort: PortfolioSort): SQL[] {
  const dir = sort.startsWith('-') ? desc : asc;
  const column = SORT_COLUMNS[sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS];
  return column === projects.projectNo ? [dir(projects.projectNo)] : [dir(column), dir(projects.projectNo)];
}

type ProjectRow = typeof projects.$inferSelect;

async function withMoney(db: Tx, rows: ProjectRow[]): Promise<PortfolioProjectView[]> {
  const views = await present(db, rows);
  return views.map((v, i) => {
    const r = rows[i]!;
    return { ...v, committedYuan: r.committedYuan, disbursedYuan: r.disbursedYuan, releasedYuan: r.releasedYuan, repaidYuan: r.repaidYuan, undisbursedYuan: r.committedYuan - r.releasedYuan - r.disbursedYuan };
  });
}

/** One page of the portfolio (`GET /api/projects`), scoped to what the caller may see. */
export async function listPortfolio(db: Db, auth: AuthContext, q: PortfolioQuery, now = new Date()): Promise<{ items: PortfolioProjectView[]; total: number; page: number; pageSize: number }> {
  const where = whereOf(auth, q, shanghaiDayOf(now));
  const [[counted], rows] = await Promise.all([
    db.select({ total: count() }).from(projects).where(where),
    db.select().from(projects).where(where).orderBy(...orderOf(q.sort)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
  ]);
  return { items: await withMoney(db, rows), total: counted?.total ?? 0, page: q.page, pageSize: q.pageSize };
}

const int = (v: unknown): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`汇总值不是安全整数：${String(v)}`);
  return n;
};

/** The grouped aggregate every dashboard figure is rolled up from: one scan of projects, no ledger entries. */
export async function portfolioGroups(db: Tx, auth: AuthContext, f: PortfolioFilter, now = new Date()): Promise<PortfolioGroup[]> {
  const rows = await db
    .select({
      state: projects.state,
      programmeCode: projects.programmeCode,
      year: projects.budgetYear,
      fieldCode: projects.fieldCode,
      count: sql<string>`count(*)`,
      approvedYuan: sql<string>`sum(${projects.approvedAmountYuan})`,
      committedYuan: sql<string>`sum(${projects.committedYuan})`,
      disbursedYuan: sql<string>`sum(${projects.disbursedYuan})`,
      releasedYuan: sql<string>`sum(${projects.releasedYuan})`,
      repaidYuan: sql<string>`sum(${projects.repaidYuan})`,
    })
    .from(projects)
    .where(whereOf(auth, f, shanghaiDayOf(now)))
    .groupBy(projects.state, projects.programmeCode, projects.budgetYear, projects.fieldCode);
  return rows.map((r) => ({
    state: r.state as ProjectState,
    programmeCode: r.programmeCode,
    year: r.year,
    fieldCode: r.fieldCode,
    count: int(r.count),
    approvedYuan: int(r.approvedYuan),
    committedYuan: int(r.committedYuan),
    disbursedYuan: int(r.disbursedYuan),
    releasedYuan: int(r.releasedYuan),
    repaidYuan: int(r.repaidYuan),
  }));
}

/** `GET /api/projects/dashboard`: counts and amounts by stage, programme, year and field; commitment against disbursement per programme-year. */
export async function readPortfolioDashboard(db: Db, auth: AuthContext, f: PortfolioFilter, now = new Date()): Promise<PortfolioDashboard> {
  // The projects table and its indexes are read from memory: with the default random_page_cost (4, spinning disks)
  // the planner prefers a sequential scan of the wide heap to the narrow covering index (projects_dashboard_idx),
  // three times slower at 10^5 projects. Local to this read-only transaction.
  const groups = await db.transaction(async (tx) => {
    await tx.execute(sql`set local random_page_cost = 1.1`);
    return portfolioGroups(tx, auth, f, now);
  });
  // Names of the few programmes present, looked up side by side (the pool runs them at once).
  const named = await Promise.all(
    [...new Set(groups.map((g) => g.programmeCode))].sort().map(async (code) => {
      const p = await findProgramme(db, code).catch(() => null);
      return p ? { code, name: p.name, fields: await fieldNamesOf(db, p.id) } : null;
    }),
  );
  const programmes = new Map<string, string>();
  const fields = new Map<string, string>();
  for (const n of named) {
    if (!n) continue;
    programmes.set(n.code, n.name);
    for (const [c, name] of n.fields) if (!fields.has(c)) fields.set(c, name);
  }
  return portfolioDashboard(groups, { programmes, fields }, shanghaiDayOf(now));
}

/** The export's rows: the same filter and order, no paging, at most `limit`. */
export async function exportPortfolio(db: Db, auth: AuthContext, q: Omit<PortfolioQuery, 'page' | 'pageSize'>, limit: number, now = new Date()): Promise<PortfolioProjectView[]> {
  const rows = await db.select().from(projects).where(whereOf(auth, q, shanghaiDayOf(now))).orderBy(...orderOf(q.sort)).limit(limit);
  return withMoney(db, rows);
}

/**
 * What YJ-2 needs of every project approved (revoked ones excepted: their approval was annulled), by budget year:
 * the lead organisation's type and the types of the partners named in the application the task book was drawn
 * from. Monitoring computes the statistics from these, never from this context's tables.
 */
export interface ProjectParticipation {
  projectNo: string;
  year: number;
  title: string;
  leadName: string;
  leadType: string;
  /** Types of the partners (the lead not included); a partner whose type was not given counts as 'other'. */
  partnerTypes: string[];
}

const BATCH = 2000;

export async function projectParticipations(db: Tx): Promise<ProjectParticipation[]> {
  const rows = await db
    .select({ projectNo: projects.projectNo, year: projects.budgetYear, title: projects.title, organisationId: projects.organisationId, applicationId: projects.applicationId })
    .from(projects)
    .where(ne(projects.state, 'revoked'))
    .orderBy(asc(projects.projectNo));
  const out: ProjectParticipation[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const orgs = new Map((await organisationProfiles(db, [...new Set(batch.map((r) => r.organisationId))])).map((o) => [o.id, o]));
    const apps = new Map((await applicationsByIds(db, batch.map((r) => r.applicationId))).map((a) => [a.id, a.content as ApplicationContent]));
    for (const r of batch) {
      const org = orgs.get(r.organisationId);
      const partners = apps.get(r.applicationId)?.partners ?? [];
      out.push({ projectNo: r.projectNo, year: r.year, title: r.title, leadName: org?.name ?? '', leadType: org?.type ?? 'other', partnerTypes: partners.map((p) => p.type ?? 'other') });
    }
  }
  return out;
}
