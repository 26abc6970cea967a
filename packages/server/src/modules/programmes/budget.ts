/**
 * Programme-year budget ledgers (BL-4, NB-9). Movements are append-only entries; the figures are their
 * sums, checked by the domain's ledger rules before each entry, under a lock on the programme row so two
 * concurrent commitments cannot both pass the same available amount.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { availableYuan, commitFunds, disburseFunds, formatWan, returnFunds, undisbursedYuan, type BudgetEntryKind, type BudgetLedger } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { programmeProblem } from './errors.js';
import { budgetEntries, programmes } from './schema.js';
import { findProgramme } from './service.js';

export { BUDGET_ENTRY_KINDS, BUDGET_ENTRY_LABELS, type BudgetEntryKind } from '@kechuang/domain';

type EntryRow = typeof budgetEntries.$inferSelect;

export function ledgerFromEntries(entries: Pick<EntryRow, 'kind' | 'amountYuan'>[]): BudgetLedger {
  const sum = (kind: BudgetEntryKind) => entries.filter((e) => e.kind === kind).reduce((a, e) => a + e.amountYuan, 0);
  return { budgetYuan: sum('budget'), committedYuan: sum('commit'), disbursedYuan: sum('disburse'), returnedYuan: sum('return') + sum('repay'), repaidYuan: sum('repay') };
}

async function entriesOf(db: Tx, programmeId: string, year: number) {
  return db.select().from(budgetEntries).where(and(eq(budgetEntries.programmeId, programmeId), eq(budgetEntries.year, year))).orderBy(asc(budgetEntries.createdAt));
}

export async function readLedger(db: Tx, code: string, year: number) {
  const p = await findProgramme(db, code);
  const entries = await entriesOf(db, p.id, year);
  const ledger = ledgerFromEntries(entries);
  return {
    programme: { code: p.code, name: p.name },
    year,
    ...ledger,
    repaidYuan: ledger.repaidYuan ?? 0,
    availableYuan: availableYuan(ledger),
    undisbursedYuan: undisbursedYuan(ledger),
    entries: entries.map((e) => ({ id: e.id, kind: e.kind as BudgetEntryKind, amountYuan: e.amountYuan, reference: e.reference, note: e.note, createdAt: e.createdAt.toISOString() })),
  };
}

export type BudgetEntryInput = { kind: BudgetEntryKind; amountYuan: number; reference: string; note: string; projectId?: string | undefined };

export async function recordBudgetEntry(db: Db, actor: Actor, code: string, year: number, input: BudgetEntryInput) {
  await db.transaction((tx) => recordBudgetEntryInTx(tx, actor, code, year, input));
  return readLedger(db, code, year);
}

/** Locks the programme row, so two transactions cannot both pass the same available amount, and returns its ledger. */
export async function lockLedger(tx: Tx, code: string, year: number): Promise<BudgetLedger & { availableYuan: number }> {
  const p = await findProgramme(tx, code);
  await tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.id, p.id)).for('update');
  const ledger = ledgerFromEntries(await entriesOf(tx, p.id, year));
  return { ...ledger, availableYuan: availableYuan(ledger) };
}

/**
 * One ledger movement inside the caller's transaction (approval commits every project's amount in the same
 * transaction that creates the projects), checked by the domain's ledger rules and audited.
 */
export async function recordBudgetEntryInTx(tx: Tx, actor: Actor, code: string, year: number, input: BudgetEntryInput): Promise<string> {
  const p = await findProgramme(tx, code);
  const before = await lockLedger(tx, code, year);
  const ops = {
    commit: (l: BudgetLedger, a: number) => commitFunds(l, a),
    disburse: (l: BudgetLedger, a: number) => disburseFunds(l, a),
    return: (l: BudgetLedger, a: number) => returnFunds(l, a, 'undisbursed'),
    repay: (l: BudgetLedger, a: number) => returnFunds(l, a, 'repaid'),
  };
  const op = input.kind === 'budget' ? null : ops[input.kind];
  if (op) {
    const r = op(before, input.amountYuan);
    if (!r.ok) {
      throw programmeProblem('BUDGET_OVERDRAWN', `${r.message}（缺口 ${formatWan(r.shortfallYuan)}）`, [{ field: 'amountYuan', message: r.message }], { shortfallYuan: r.shortfallYuan });
    }
  }
  const id = randomUUID();
  await tx.insert(budgetEntries).values({ id, programmeId: p.id, year, kind: input.kind, amountYuan: input.amountYuan, reference: input.reference, note: input.note, projectId: input.projectId ?? null, createdBy: actor.id });
  await recordAudit(tx, actor, { action: `budget.${input.kind}`, entityType: 'budgetLedger', entityId: `${code}:${year}`, detail: { entryId: id, amountYuan: input.amountYuan, reference: input.reference } });
  return id;
}

/** Seeds a programme-year's budget from its rule set once (reference `seed:<year>`). */
export async function seedBudget(tx: Tx, actor: Actor, programmeId: string, code: string, year: number, amountYuan: number): Promise<boolean> {
  const reference = `seed:${year}`;
  const [exists] = await tx.select({ id: budgetEntries.id }).from(budgetEntries).where(and(eq(budgetEntries.programmeId, programmeId), eq(budgetEntries.reference, reference)));
  if (exists) return false;
  const id = randomUUID();
  await tx.insert(budgetEntries).values({ id, programmeId, year, kind: 'budget', amountYuan, reference, note: '按政策文件核定的年度财政预算' });
  await recordAudit(tx, actor, { action: 'budget.budget', entityType: 'budgetLedger', entityId: `${code}:${year}`, detail: { entryId: id, amountYuan, reference } });
  return true;
}

/** The movements of one project across its programme-year ledger, oldest first. */
export async function entriesOfProject(db: Tx, projectId: string) {
  return db.select().from(budgetEntries).where(eq(budgetEntries.projectId, projectId)).orderBy(asc(budgetEntries.createdAt), asc(budgetEntries.id));
}
