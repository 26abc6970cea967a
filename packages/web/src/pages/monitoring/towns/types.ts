/** The shapes of /api/monitoring/town-evaluations (P315-7), as packages/server/src/modules/monitoring/towns.ts sends them. */

export type TownDirection = 'higher' | 'lower';

export interface TownIndicator {
  code: string;
  name: string;
  /** Whole percent; the weights of one evaluation add up to 100. */
  weight: number;
  direction: TownDirection;
}

export interface TownValues {
  code: string;
  name: string;
  /** Indicator code → decimal string; null (or absent) when the town did not report it. */
  values: Record<string, string | null>;
}

export interface TownContribution {
  indicatorCode: string;
  value: string | null;
  /** 0–100, two decimals. */
  normalised: string;
  /** weight × normalised / 100, two decimals. */
  points: string;
}

export interface TownScore {
  code: string;
  name: string;
  /** 0–100, two decimals. */
  score: string;
  /** Towns with the same (rounded) score share a rank. */
  rank: number;
  contributions: TownContribution[];
  /** Indicator codes the town did not report (scored 0). */
  missing: string[];
}

export interface TownEvaluationSummary {
  id: string;
  title: string;
  year: number;
  indicatorCount: number;
  townCount: number;
  /** The town(s) ranked first; empty before any values are imported. */
  top: string[];
  updatedAt: string;
}

export interface TownEvaluationDetail {
  id: string;
  title: string;
  year: number;
  indicators: TownIndicator[];
  towns: TownValues[];
  updatedAt: string;
  /** Sorted by rank; empty while there are no towns. */
  result: TownScore[];
}

export interface TownEvaluationBody {
  title: string;
  year: number;
  indicators: TownIndicator[];
  towns: TownValues[];
}

export interface TownRowError {
  /** Spreadsheet line (1 is the header); 0 when the problem is with the file as a whole. */
  line: number;
  field: string;
  message: string;
}

export interface TownImportResult {
  saved: number;
  errors: TownRowError[];
}
