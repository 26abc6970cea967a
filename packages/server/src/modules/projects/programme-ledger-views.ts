/**
 * The programme-year ledger by project (按项目, BL-4): one row per project of the programme-year with its
 * committed / disbursed / released / repaid / undisbursed / net paid figures, their totals, and the reconciliation
 * proving project rows + unassigned entries = the programme-year ledger (readLedger) to the 元. Also the
 * programme-year's recoveries (收回) with their due dates and 逾期 flag.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { projectLedgerTotals, reconcileProgrammeYear, shanghaiDayOf, sumProjectTotals, type ProgrammeYearProjects, type ProgrammeYearRecoveries, type ProjectState } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { organisationNames } from '../organisations/service.js';
import { readLedger } from '../programmes/budget.js';
import { entriesOfProjects, unassignedEntries } from '../programmes/budget-by-project.js';
import { presentRecovery } from './disbursement.js';
import { projectRecoveries, projects } from './schema.js';

async function projectsOfYear(db: Tx, code: string, year: number) {
  return db.select().from(projects).where(and(eq(projects.programmeCode, code), eq(projects.budgetYear, year))).orderBy(asc(projects.projectNo));
}

async function recoveriesOfProjects(db: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.select().from(projectRecoveries).where(inArray(projectRecoveries.projectId, [...ids])).orderBy(asc(projectRecoveries.dueDate), asc(projectRecoveries.orderedAt));
}

export async function programmeYearProjects(db: Tx, code: string, year: number, now = new Date()): Promise<ProgrammeYearProjects> {
  const ledger = await readLedger(db, code, year);
  const rows = await projectsOfYear(db, code, year);
  const ids = rows.map((r) => r.id);
  const entries = await entriesOfProjects(db, ids);
  const loose = await unassignedEntries(db, code, year);
  const orgs = new Map((await organisationNames(db, [...new Set(rows.map((r) => r.organisationId))])).map((o) => [o.id, o.name]));
  const recoveries = await recoveriesOfProjects(db, ids);
  const today = shanghaiDayOf(now);
  const items = rows.map((r) => {
    const totals = projectLedgerTotals(entries.filter((e) => e.projectId === r.id));
    const open = recoveries.filter((x) => x.projectId === r.id).map((x) => presentRecovery(x, today)).filter((x) => x.status === 'open');
    return {
      projectId: r.id, projectNo: r.projectNo, title: r.title, organisationName: orgs.get(r.organisationId) ?? '', state: r.state as ProjectState, ...totals,
      owedYuan: open.reduce((s, x) => s + x.amountYuan, 0), overdue: open.some((x) => x.overdue),
    };
  });
  const totals = sumProjectTotals(items);
  const reconciliation = reconcileProgrammeYear(items, loose, ledger);
  const unassigned = projectLedgerTotals(loose);
  return {
    programme: ledger.programme,
    year,
    items,
    totals: { ...totals, owedYuan: items.reduce((s, i) => s + i.owedYuan, 0) },
    unassigned: { count: loose.length, budgetYuan: loose.filter((e) => e.kind === 'budget').reduce((s, e) => s + e.amountYuan, 0), ...unassigned },
    reconciliation,
  };
}

export async function programmeYearRecoveries(db: Tx, code: string, year: number, now = new Date()): Promise<ProgrammeYearRecoveries> {
  await readLedger(db, code, year); // 404 for an unknown programme
  const rows = await projectsOfYear(db, code, year);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const orgs = new Map((await organisationNames(db, [...new Set(rows.map((r) => r.organisationId))])).map((o) => [o.id, o.name]));
  const today = shanghaiDayOf(now);
  const items = (await recoveriesOfProjects(db, rows.map((r) => r.id))).map((x) => {
    const p = byId.get(x.projectId)!;
    return { ...presentRecovery(x, today), projectId: p.id, projectNo: p.projectNo, title: p.title, organisationName: orgs.get(p.organisationId) ?? '' };
  });
  return { items, openYuan: items.filter((i) => i.status === 'open').reduce((s, i) => s + i.amountYuan, 0), overdueCount: items.filter((i) => i.overdue).length };
}
