/**
 * Programmes (计划/专项) and their effective-dated rule sets as data: code reads parameters from here and
 * never hard-codes an amount. Amounts are integer 元; ratios are exact fractions, never floats.
 */
import type { PostAwardSettings } from '../projects/settings.js';
import type { OrganisationType } from '../organisations/schemas.js';

/** An exact ratio, e.g. 30% = { num: 3, den: 10 }. */
export interface Ratio {
  num: number;
  den: number;
}

/** Enterprise tiers a category may require (BL-2: 龙头企业 / 产业链优势企业 / 初创型人才企业). */
export const ENTERPRISE_TIERS = ['leadingEnterprise', 'chainEnterprise', 'talentStartup', 'hightech', 'smeTech', 'singleChampionNational', 'singleChampionCity'] as const;
export type EnterpriseTier = (typeof ENTERPRISE_TIERS)[number];

export const SELECTION_MODES = ['competitive', 'openChallenge', 'competitionReview', 'horseRace', 'directed'] as const;
export type SelectionMode = (typeof SELECTION_MODES)[number];

export const OVERLAP_LEVELS = ['city', 'province', 'national'] as const;
export type OverlapLevel = (typeof OVERLAP_LEVELS)[number];

/** One category (类别) or task type of a programme version, with its funding and eligibility parameters. */
export interface CategoryRule {
  code: string;
  name: string;
  description: string;
  /** Subsidy ≤ ratio × total R&D investment (BL-5); null when the programme sets no ratio. */
  subsidyRatio: Ratio | null;
  /** Highest subsidy in 元 (BL-6 caps; YJ-1 class ceilings); null = no cap of its own. */
  capYuan: number | null;
  /** Lowest support in 元 when the programme sets a range (NB-10: 500万 per topic). */
  minYuan: number | null;
  /** Self-raised funds must be at least this multiple of the fiscal amount (NB-10: 2 for 1:2). */
  minMatchingMultiple: number | null;
  /** Longest duration in months (NB-2: 60). */
  maxDurationMonths: number | null;
  /** Organisation types allowed to lead (BL-2, NB-5). Empty = any. */
  leadOrganisationTypes: OrganisationType[];
  /** Tiers the lead organisation must hold one of (BL-2). Empty = any. */
  leadTiers: EnterpriseTier[];
  /** Industrialisation-oriented: must be led by an enterprise jointly with a university or institute (NB-5). */
  industrialisationOriented: boolean;
}

export interface FieldRule {
  code: string;
  name: string;
  subDirections: string[];
}

/**
 * Kinds of check a rule set cites. The same check cites different POLICY.md IDs in different programmes
 * (a category cap is BL-6 in Beilun and YJ-1 in 科创甬江2035), so the IDs are data of the rule set.
 */
export const RULE_REF_KINDS = ['category', 'lead', 'field', 'ratio', 'cap', 'range', 'matching', 'selfRaised', 'duration', 'overlap', 'budget', 'industrialisation', 'outOfCity', 'chain'] as const;
export type RuleRefKind = (typeof RULE_REF_KINDS)[number];

export interface RuleSetParameters {
  /** Fiscal budget per programme-year in 元 (BL-4: 4000万; NB-9: 2亿). */
  annualBudgetYuan: number;
  /**
   * False when the source document states no annual budget (科创甬江2035): annualBudgetYuan is then 0 and a
   * funding quote notes the missing budget instead of reporting every request as over it. Default true.
   */
  annualBudgetStated?: boolean;
  /** BL-7 就高: when a higher-level project overlaps, top up the difference ('topUp') or pay nothing ('none'). */
  overlapPolicy: 'topUp' | 'none';
  /** NB-6: undertakers from outside the city allowed, on condition results are transferred and companies registered locally. */
  outOfCityAllowed: boolean;
  /** The city whose organisations count as local (region prefix, e.g. 浙江省宁波市). */
  homeRegion: string;
  selectionModes: SelectionMode[];
  categories: CategoryRule[];
  fields: FieldRule[];
  /** NB-4 full-chain layout: every task is placed on both axes. Empty when the programme has none. */
  chainAxes: { industryChain: string[]; innovationChain: string[] };
  /** Fixed rewards by enterprise tier in 元 (YJ-3: national single champion 200万 reward, city-level champion up to 100万). */
  tierRewards: { tier: EnterpriseTier; amountYuan: number; kind: 'reward' | 'subsidyCap'; rule: string }[];
  /** POLICY.md IDs this rule set cites per kind of check; a missing kind falls back to DEFAULT_RULE_IDS (rule-ids.ts). */
  ruleIds?: Partial<Record<RuleRefKind, string>>;
  /** Post-award settings (项目管理设置) this version changes from the defaults (projects/settings.ts). */
  postAward?: Partial<PostAwardSettings>;
}

/** A programme version: a rule set in force from a date (BL-1). */
export interface RuleSetVersion {
  programmeCode: string;
  version: string;
  /** Document that issued it, e.g. 仑科〔2024〕2号. */
  documentNo: string;
  /** First day in force, YYYY-MM-DD in Asia/Shanghai. */
  effectiveFrom: string;
  parameters: RuleSetParameters;
}

export interface ProgrammeDefinition {
  code: string;
  name: string;
  issuer: string;
  description: string;
  versions: RuleSetVersion[];
}

/** One applied rule in an explanation: its POLICY.md ID, a Chinese sentence and the numbers used. */
export interface AppliedRule {
  rule: string;
  text: string;
  values: Record<string, number | string | boolean | null>;
}

export interface FundingOverlap {
  level: OverlapLevel;
  name: string;
  amountYuan: number;
}

export interface FundingQuoteInput {
  /** Total R&D investment (研发总投入), 元. */
  totalInvestmentYuan: number;
  /** Requested subsidy, 元. */
  requestedYuan: number;
  overlaps: FundingOverlap[];
  /** Fiscal money already committed in this programme-year, 元 (BL-4 budget check). */
  committedYuan?: number;
  durationMonths?: number;
}

export interface FundingQuote {
  eligible: boolean;
  subsidyYuan: number;
  selfRaisedYuan: number;
  applied: AppliedRule[];
  problems: { rule: string; message: string }[];
}
