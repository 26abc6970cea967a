/**
 * The officer's portfolio (项目库): the list's filters, sorts and row shape, and the dashboard rolled up from one
 * grouped aggregate over projects (state × programme × year × field), so every figure is an exact integer and each
 * dimension's rows add up to the same totals by construction.
 */
import { z } from 'zod';
import { dayOut, pageOf } from '../common/responses.js';
import { ratioPercent } from '../monitoring/decimal.js';
import { PROJECT_STATES, PROJECT_STATE_SHORT, type ProjectState } from './lifecycle.js';
import { PROJECT_SORTS, projectResponse } from './responses.js';

/** The list's sort keys: the contract's, plus the money and year columns (`-key` descending). */
export const PORTFOLIO_SORTS = [...PROJECT_SORTS, 'disbursedYuan', '-disbursedYuan', 'budgetYear', '-budgetYear'] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];

/** What the list filters by (the server's query schema parses into this). */
export interface PortfolioFilter {
  states?: readonly ProjectState[] | undefined;
  programme?: string | undefined;
  year?: number | undefined;
  category?: string | undefined;
  field?: string | undefined;
  /** Organisation name or credit code text. */
  organisation?: string | undefined;
  /** Project number or title text. */
  q?: string | undefined;
  approvedFrom?: string | undefined;
  approvedTo?: string | undefined;
  endFrom?: string | undefined;
  endTo?: string | undefined;
  /** Only projects with an open recovery order past its deadline. */
  overdueRecovery?: boolean | undefined;
}

/** A row of the portfolio list: the contract's project fields plus its money as the ledger says it. */
export const portfolioProjectResponse = projectResponse.extend({
  committedYuan: z.number().int(),
  disbursedYuan: z.number().int(),
  releasedYuan: z.number().int(),
  repaidYuan: z.number().int(),
  /** Committed, not yet paid nor released. */
  undisbursedYuan: z.number().int(),
});
export type PortfolioProjectView = z.infer<typeof portfolioProjectResponse>;
export const portfolioPageResponse = pageOf(portfolioProjectResponse);

/** One cell of the grouped aggregate the server reads (counts and 元 sums of the projects in it). */
export interface PortfolioGroup {
  state: ProjectState;
  programmeCode: string;
  year: number;
  fieldCode: string | null;
  count: number;
  approvedYuan: number;
  committedYuan: number;
  disbursedYuan: number;
  releasedYuan: number;
  repaidYuan: number;
}

const money = {
  count: z.number().int(),
  approvedYuan: z.number().int(),
  committedYuan: z.number().int(),
  disbursedYuan: z.number().int(),
  releasedYuan: z.number().int(),
  repaidYuan: z.number().int(),
  /** committed − released − disbursed. */
  undisbursedYuan: z.number().int(),
  /** disbursed / (committed − released), percent to 2 places; null when nothing stays committed. */
  disbursedShare: z.string().nullable(),
};
const sumsOut = z.object(money);
export type PortfolioSums = z.infer<typeof sumsOut>;

export const portfolioDashboardResponse = z.object({
  total: sumsOut,
  byState: z.array(sumsOut.extend({ state: z.enum(PROJECT_STATES), label: z.string() })),
  byProgramme: z.array(sumsOut.extend({ programmeCode: z.string(), name: z.string() })),
  byYear: z.array(sumsOut.extend({ year: z.number().int() })),
  byField: z.array(sumsOut.extend({ fieldCode: z.string().nullable(), name: z.string() })),
  /** Commitment against disbursement (and released, repaid) per programme-year. */
  byProgrammeYear: z.array(sumsOut.extend({ programmeCode: z.string(), name: z.string(), year: z.number().int() })),
  /** The calendar day (Asia/Shanghai) the figures were read. */
  asOf: dayOut,
});
export type PortfolioDashboard = z.infer<typeof portfolioDashboardResponse>;

type Raw = Omit<PortfolioGroup, 'state' | 'programmeCode' | 'year' | 'fieldCode'>;
const ZERO: Raw = { count: 0, approvedYuan: 0, committedYuan: 0, disbursedYuan: 0, releasedYuan: 0, repaidYuan: 0 };

function add(a: Raw, b: Raw): Raw {
  return {
    count: a.count + b.count,
    approvedYuan: a.approvedYuan + b.approvedYuan,
    committedYuan: a.committedYuan + b.committedYuan,
    disbursedYuan: a.disbursedYuan + b.disbursedYuan,
    releasedYuan: a.releasedYuan + b.releasedYuan,
    repaidYuan: a.repaidYuan + b.repaidYuan,
  };
}

export function portfolioSums(r: Raw): PortfolioSums {
  const held = r.committedYuan - r.releasedYuan;
  return {
    count: r.count,
    approvedYuan: r.approvedYuan,
    committedYuan: r.committedYuan,
    disbursedYuan: r.disbursedYuan,
    releasedYuan: r.releasedYuan,
    repaidYuan: r.repaidYuan,
    undisbursedYuan: held - r.disbursedYuan,
    disbursedShare: held > 0 ? ratioPercent(r.disbursedYuan, held) : null,
  };
}

function rollUp<K>(groups: readonly PortfolioGroup[], key: (g: PortfolioGroup) => K, id: (k: K) => string): Map<string, { key: K; sums: Raw }> {
  const out = new Map<string, { key: K; sums: Raw }>();
  for (const g of groups) {
    const k = key(g);
    const cell = out.get(id(k)) ?? { key: k, sums: ZERO };
    out.set(id(k), { key: k, sums: add(cell.sums, g) });
  }
  return out;
}

/**
 * The dashboard from the grouped aggregate. Stages follow the lifecycle's order (every state shown, zero or not);
 * programmes, years and fields come in code / year order, fields without a code last.
 */
export function portfolioDashboard(groups: readonly PortfolioGroup[], names: { programmes: ReadonlyMap<string, string>; fields: ReadonlyMap<string, string> }, asOf: string): PortfolioDashboard {
  for (const g of groups) {
    for (const v of [g.count, g.approvedYuan, g.committedYuan, g.disbursedYuan, g.releasedYuan, g.repaidYuan]) {
      if (!Number.isSafeInteger(v)) throw new RangeError('汇总金额须为安全整数');
    }
  }
  const total = groups.reduce<Raw>((s, g) => add(s, g), ZERO);
  const byState = rollUp(groups, (g) => g.state, (s) => s);
  const byProgramme = rollUp(groups, (g) => g.programmeCode, (s) => s);
  const byYear = rollUp(groups, (g) => g.year, String);
  const byField = rollUp(groups, (g) => g.fieldCode, (f) => f ?? '');
  const byPy = rollUp(groups, (g) => [g.programmeCode, g.year] as const, ([p, y]) => `${p}\u0000${y}`);
  const programmeName = (code: string) => names.programmes.get(code) ?? code;
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    total: portfolioSums(total),
    byState: PROJECT_STATES.map((state) => ({ state, label: PROJECT_STATE_SHORT[state], ...portfolioSums(byState.get(state)?.sums ?? ZERO) })),
    byProgramme: [...byProgramme.values()].sort((a, b) => cmp(a.key, b.key)).map(({ key, sums }) => ({ programmeCode: key, name: programmeName(key), ...portfolioSums(sums) })),
    byYear: [...byYear.values()].sort((a, b) => a.key - b.key).map(({ key, sums }) => ({ year: key, ...portfolioSums(sums) })),
    byField: [...byField.values()]
      .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : cmp(a.key, b.key)))
      .map(({ key, sums }) => ({ fieldCode: key, name: key === null ? '未填领域' : (names.fields.get(key) ?? key), ...portfolioSums(sums) })),
    byProgrammeYear: [...byPy.values()]
      .sort((a, b) => cmp(a.key[0], b.key[0]) || a.key[1] - b.key[1])
      .map(({ key: [programmeCode, year], sums }) => ({ programmeCode, name: programmeName(programmeCode), year, ...portfolioSums(sums) })),
    asOf,
  };
}
