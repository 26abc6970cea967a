/**
 * The programme-year budget ledger read by project (BL-4): the entries that name given projects, wherever they
 * were filed, and the entries of a programme-year that name no project. The projects context reconciles the two
 * against readLedger to the 元.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { BudgetEntryKind } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { budgetEntries } from './schema.js';
import { findProgramme } from './service.js';

export interface ProjectEntry {
  id: string;
  projectId: string;
  kind: BudgetEntryKind;
  amountYuan: number;
  createdAt: Date;
}

/** Every entry tagged with one of the projects, oldest first. */
export async function entriesOfProjects(db: Tx, projectIds: readonly string[]): Promise<ProjectEntry[]> {
  if (projectIds.length === 0) return [];
  const rows = await db.select({ id: budgetEntries.id, projectId: budgetEntries.projectId, kind: budgetEntries.kind, amountYuan: budgetEntries.amountYuan, createdAt: budgetEntries.createdAt })
    .from(budgetEntries).where(inArray(budgetEntries.projectId, [...projectIds])).orderBy(asc(budgetEntries.createdAt), asc(budgetEntries.id));
  return rows.map((r) => ({ ...r, projectId: r.projectId!, kind: r.kind as BudgetEntryKind }));
}

/** The programme-year's entries that name no project (the budget, movements recorded by hand). */
export async function unassignedEntries(db: Tx, code: string, year: number): Promise<{ kind: BudgetEntryKind; amountYuan: number }[]> {
  const p = await findProgramme(db, code);
  const rows = await db.select({ kind: budgetEntries.kind, amountYuan: budgetEntries.amountYuan }).from(budgetEntries)
    .where(and(eq(budgetEntries.programmeId, p.id), eq(budgetEntries.year, year), isNull(budgetEntries.projectId)));
  return rows.map((r) => ({ kind: r.kind as BudgetEntryKind, amountYuan: r.amountYuan }));
}

/** The ledger entry with this id, if it exists (invariants and tests tie a payment record to it). */
export async function budgetEntryById(db: Tx, id: string) {
  const [row] = await db.select().from(budgetEntries).where(eq(budgetEntries.id, id));
  return row ?? null;
}
