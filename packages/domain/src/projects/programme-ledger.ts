/**
 * The programme-year ledger by project (按项目): each project's share of the ledger, and the proof that the
 * projects' rows plus the entries that name no project equal the programme-year ledger to the 元, figure by figure.
 */
import { undisbursedYuan, type BudgetEntryKind, type BudgetLedger } from '../programmes/budget.js';
import { projectLedgerTotals, type ProjectLedgerTotals } from './ledger.js';

export const RECONCILIATION_FIGURES = ['budget', 'committed', 'disbursed', 'released', 'repaid', 'undisbursed'] as const;
export type ReconciliationFigure = (typeof RECONCILIATION_FIGURES)[number];
export const RECONCILIATION_FIGURE_LABELS: Record<ReconciliationFigure, string> = {
  budget: '核定预算', committed: '立项承诺', disbursed: '拨付', released: '收回未拨付', repaid: '退回已拨付', undisbursed: '未拨付承诺',
};

export interface ReconciliationLine {
  figure: ReconciliationFigure;
  label: string;
  projectsYuan: number;
  unassignedYuan: number;
  ledgerYuan: number;
  /** projects + unassigned − ledger: 0 when the line reconciles. */
  differenceYuan: number;
}

export interface Reconciliation {
  holds: boolean;
  lines: ReconciliationLine[];
  /** One Chinese sentence for the page and the export. */
  summary: string;
}

const figureOf = (t: ProjectLedgerTotals & { budgetYuan?: number }, f: ReconciliationFigure): number => ({
  budget: t.budgetYuan ?? 0, committed: t.committedYuan, disbursed: t.disbursedYuan, released: t.releasedYuan, repaid: t.repaidYuan, undisbursed: t.undisbursedYuan,
})[f];

/** Sums of project rows (the sum of each figure). */
export function sumProjectTotals(rows: readonly ProjectLedgerTotals[]): ProjectLedgerTotals {
  const s = (k: keyof ProjectLedgerTotals) => rows.reduce((a, r) => a + r[k], 0);
  return { committedYuan: s('committedYuan'), disbursedYuan: s('disbursedYuan'), releasedYuan: s('releasedYuan'), repaidYuan: s('repaidYuan'), undisbursedYuan: s('undisbursedYuan'), netPaidYuan: s('netPaidYuan') };
}

/**
 * Projects' rows + unassigned entries against the programme-year ledger (whose `returnedYuan` counts both
 * releases and repayments, with `repaidYuan` the repaid part).
 */
export function reconcileProgrammeYear(rows: readonly ProjectLedgerTotals[], unassigned: readonly { kind: BudgetEntryKind; amountYuan: number }[], ledger: BudgetLedger): Reconciliation {
  const projects = sumProjectTotals(rows);
  const loose = { ...projectLedgerTotals(unassigned), budgetYuan: unassigned.filter((e) => e.kind === 'budget').reduce((s, e) => s + e.amountYuan, 0) };
  const repaid = ledger.repaidYuan ?? 0;
  const ledgerFigures: Record<ReconciliationFigure, number> = {
    budget: ledger.budgetYuan, committed: ledger.committedYuan, disbursed: ledger.disbursedYuan, released: ledger.returnedYuan - repaid, repaid, undisbursed: undisbursedYuan(ledger),
  };
  const lines = RECONCILIATION_FIGURES.map((figure) => {
    const projectsYuan = figure === 'budget' ? 0 : figureOf(projects, figure);
    const unassignedYuan = figureOf(loose, figure);
    const ledgerYuan = ledgerFigures[figure];
    return { figure, label: RECONCILIATION_FIGURE_LABELS[figure], projectsYuan, unassignedYuan, ledgerYuan, differenceYuan: projectsYuan + unassignedYuan - ledgerYuan };
  });
  const holds = lines.every((l) => l.differenceYuan === 0);
  const off = lines.filter((l) => l.differenceYuan !== 0).map((l) => `${l.label}差 ${l.differenceYuan} 元`);
  const summary = holds
    ? `已核对：${rows.length} 个项目合计与未关联项目的变动之和，逐项等于年度预算台账（精确到元）。`
    : `核对不符：${off.join('，')}。`;
  return { holds, lines, summary };
}
