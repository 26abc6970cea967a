/**
 * Plan monitoring (规划监测) as data: plans, their indicator systems (指标体系), task lists (任务清单) with
 * responsible units (责任单位), and the values reported against them.
 *
 * Values are exact decimal strings ("2.33", "13000", "-0.5"), never floats: completion rates and shares are
 * shown to two decimals and a float would turn 169/301 into the wrong last digit often enough to matter (YJ-2).
 */

/** Which way is better. */
export const DIRECTIONS = ['higher', 'lower'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const FREQUENCIES = ['monthly', 'quarterly', 'annual'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/**
 * `level`: the target is a value to reach by the target year (高新技术企业 1.3万家).
 * `growth`: the target is an annual growth rate in percent (技术交易额年均增长 30%以上); the indicator's
 * values are still the level (技术交易额, 亿元), and the implied target path compounds from the base.
 */
export const TARGET_KINDS = ['level', 'growth'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/**
 * How period values combine into a year: `sum` for flows reported per period (技术交易额 per month),
 * `last` for stocks and cumulative counts (企业数 at month end), `average` for rates sampled per period.
 */
export const AGGREGATIONS = ['sum', 'last', 'average'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** A decimal string: optional minus, digits, optional fraction (at most 6 places). */
export type DecimalString = string;

export interface ResponsibleUnitDef {
  /** Stable code, e.g. `nb-kjj` (市科技局). */
  code: string;
  name: string;
  kind: 'department' | 'government' | 'institution' | 'group';
}

export interface IndicatorDef {
  /** Stable within the plan, e.g. `yz14-06`. */
  code: string;
  /** 指标类别; null when the source has no categories. */
  category: string | null;
  /** 序号 as in the source. */
  seq: number;
  name: string;
  /** 单位 as in the source: `%`, `家`, `件`, `亿元`, `件/万人`, `人年/万人`, … */
  unit: string;
  direction: Direction;
  /** 核心指标. */
  core: boolean;
  targetKind: TargetKind;
  aggregation: Aggregation;
  /** 基数; value null = missing in the source ("-" or an empty cell). */
  base: { year: number; value: DecimalString | null };
  /** 目标; for `growth` the value is the annual rate in percent ("30"). */
  target: { year: number; value: DecimalString | null };
  /** 实绩 at the target year, when the plan is completed (YZ-1). */
  actual: { year: number; value: DecimalString | null } | null;
  /** Unit codes, the lead (牵头单位) first (P315-2). */
  responsibleUnits: string[];
  frequency: Frequency;
  dataSource: string;
  definition: string;
  /** POLICY.md IDs this row proves, e.g. ['YZ-1']. */
  ruleIds: string[];
  /** Why a value is missing, how a unit was derived, or what the source says verbatim. */
  note: string;
}

export interface MilestoneDef {
  title: string;
  /** `YYYY-MM-DD` in Asia/Shanghai. */
  due: string;
}

export interface TaskDef {
  /** Stable within the plan, e.g. `p315-t3-1`. */
  code: string;
  /** Section heading, e.g. `（三）实施创新链产业链深度融合工程`. */
  section: string;
  /** `三.1`-style number as in the source. */
  seq: string;
  title: string;
  content: string;
  /** Unit codes, the lead (牵头单位) first (P315-2). */
  responsibleUnits: string[];
  milestones: MilestoneDef[];
  /** `YYYY-MM-DD`. */
  due: string;
  ruleIds: string[];
}

export interface PlanDef {
  /** `yz-13`, `yz-14`, `nb-315`. */
  code: string;
  name: string;
  shortName: string;
  issuer: string;
  documentNo: string | null;
  /** `YYYY-MM-DD` or null when the source gives no date. */
  issuedOn: string | null;
  periodStart: number;
  periodEnd: number;
  /** `completed` plans are judged on their recorded actuals; `active` ones are monitored. */
  status: 'completed' | 'active';
  /** The document (and seed file) the data is transcribed from, as shown to people. */
  source: string;
  ruleIds: string[];
  categories: string[];
  indicators: IndicatorDef[];
  tasks: TaskDef[];
}

/** ahead / on track / lagging against the straight-line (or compound) path; unknown when it cannot be judged. */
export const PROGRESS_STATUSES = ['ahead', 'onTrack', 'lagging', 'unknown'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** At the target date: met, not met, or cannot judge (a figure is missing: YZ-1 row 3). */
export const VERDICTS = ['met', 'notMet', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A reporting period: `2026-10` (monthly), `2026-Q3` (quarterly), `2026` (annual). */
export type PeriodKey = string;

/** Monthly report (月度监测) workflow state. */
export const REPORT_STATES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** Task status as shown on the task list. */
export const TASK_STATUSES = ['notStarted', 'inProgress', 'completed', 'overdue'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** One approved project as the portfolio statistics (YJ-2) see it. */
export interface PortfolioProject {
  year: number;
  /** Lead organisation's type. */
  leadType: 'enterprise' | 'university' | 'institute' | 'hospital' | 'other';
  /** Types of every participating organisation, lead included. */
  participantTypes: ('enterprise' | 'university' | 'institute' | 'hospital' | 'other')[];
}
