/**
 * Portfolio statistics computed from project records (YJ-2): projects approved per year, the share with an
 * enterprise together with a university or institute (产学研合作), and the share led or joined by enterprises.
 * Shares are computed from the counts, never copied from a report; where a report states a figure beside them,
 * compareReported shows whether the two agree (2024: 169/301 = 56.15%, reported "56.17%").
 */
import { compareDecimal, decimalToScaled, fraction, fractionToFixed, parseDecimalInput, ratioPercent, scaledToDecimal } from './decimal.js';
import type { DecimalString, PortfolioProject } from './types.js';

export interface PortfolioYear {
  year: number;
  approved: number;
  /** An enterprise and a university or institute among the participants (lead included). */
  joint: number;
  /** joint / approved, percent to 2 places. */
  jointShare: DecimalString;
  /** An enterprise leads or participates. */
  enterpriseInvolved: number;
  /** enterpriseInvolved / approved, percent to 2 places. */
  enterpriseShare: DecimalString;
}

function typesOf(p: PortfolioProject): Set<PortfolioProject['leadType']> {
  return new Set([p.leadType, ...p.participantTypes]);
}

/** Joint: an enterprise and a university or institute take part (the lead counts even if missing from participantTypes). */
export function isJointProject(p: PortfolioProject): boolean {
  const t = typesOf(p);
  return t.has('enterprise') && (t.has('university') || t.has('institute'));
}

export function isEnterpriseInvolved(p: PortfolioProject): boolean {
  return typesOf(p).has('enterprise');
}

/** One row per year that has projects, in year order. */
export function portfolioStats(projects: readonly PortfolioProject[]): PortfolioYear[] {
  const byYear = new Map<number, { approved: number; joint: number; enterpriseInvolved: number }>();
  for (const p of projects) {
    const row = byYear.get(p.year) ?? { approved: 0, joint: 0, enterpriseInvolved: 0 };
    row.approved++;
    if (isJointProject(p)) row.joint++;
    if (isEnterpriseInvolved(p)) row.enterpriseInvolved++;
    byYear.set(p.year, row);
  }
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, r]) => ({
      year,
      approved: r.approved,
      joint: r.joint,
      jointShare: ratioPercent(r.joint, r.approved),
      enterpriseInvolved: r.enterpriseInvolved,
      enterpriseShare: ratioPercent(r.enterpriseInvolved, r.approved),
    }));
}

export interface ReportedComparison {
  /** num/den in percent at max(2, reported places) places: '56.15'. */
  computed: DecimalString;
  /** The reported figure without its '%': '56.17', '76'. */
  reported: DecimalString;
  /** Fraction digits the report gave: 2 for '56.17%', 0 for '76%'. */
  reportedPlaces: number;
  /** The computed share, rounded to the reported figure's own precision, is not the reported figure. */
  differs: boolean;
  /** reported − computed, in percentage points at the computed figure's places ('0.02', '-0.08'). */
  difference: DecimalString;
  /** Chinese sentence for the page. */
  text: string;
}

const PLACE_NAMES = ['整数', '1位小数', '2位小数', '3位小数', '4位小数', '5位小数', '6位小数'];

/**
 * Compares a share computed from records with the figure a report states, at the reported figure's own
 * precision: a report that says "76%" is not contradicted by 76.08%, only by a share that does not round to 76.
 * Throws RangeError when the reported figure is not a number or the denominator is 0.
 */
export function compareReported(computed: { num: number | bigint; den: number | bigint }, reported: string): ReportedComparison {
  const parsed = parseDecimalInput(reported, { percent: true });
  if (!parsed.ok) throw new RangeError(`报告值无效：${parsed.message}`);
  const reportedPlaces = parsed.places;
  const places = Math.max(2, reportedPlaces);
  const computedText = ratioPercent(computed.num, computed.den, places);
  const atReported = ratioPercent(computed.num, computed.den, reportedPlaces);
  const differs = compareDecimal(atReported, parsed.value) !== 0;
  const diffScaled = decimalToScaled(parsed.value) - decimalToScaled(computedText);
  const difference = fractionToFixed(fraction(diffScaled, 1_000_000n), places);
  const ratio = `${String(computed.num)}/${String(computed.den)} = ${computedText}%`;
  const shown = `${parsed.value}%`;
  let text: string;
  if (diffScaled === 0n) text = `按记录计算 ${ratio}，与报告值 ${shown} 一致`;
  else if (differs) text = `按记录计算 ${ratio}，报告值 ${shown}，相差 ${fractionToFixed(fraction(diffScaled < 0n ? -diffScaled : diffScaled, 1_000_000n), places)} 个百分点`;
  else text = `按记录计算 ${ratio}，报告值 ${shown}；报告值精确到${PLACE_NAMES[reportedPlaces] ?? `${reportedPlaces}位小数`}，按此精度计算值为 ${atReported}%，与报告值一致，不视为差异`;
  return { computed: computedText, reported: parsed.value, reportedPlaces, differs, difference, text };
}

/**
 * Compares a count computed from records (approved projects) with the count a report states ('301', '1,234'),
 * exactly: the difference is reported − computed. Throws RangeError when the reported figure is not a number.
 */
export function compareReportedCount(computed: number, reported: string): ReportedComparison {
  if (!Number.isSafeInteger(computed)) throw new RangeError('计算值须为整数');
  const parsed = parseDecimalInput(reported, { maxPlaces: 0 });
  if (!parsed.ok) throw new RangeError(`报告值无效：${parsed.message}`);
  const c = String(computed);
  const difference = scaledToDecimal(decimalToScaled(parsed.value) - decimalToScaled(c));
  const differs = compareDecimal(parsed.value, c) !== 0;
  const text = differs ? `按记录计算 ${c}，报告值 ${parsed.value}` : `按记录计算 ${c}，与报告值一致`;
  return { computed: c, reported: parsed.value, reportedPlaces: 0, differs, difference, text };
}

type OrgType = PortfolioProject['leadType'];
const ORG_TYPES: readonly OrgType[] = ['enterprise', 'university', 'institute', 'hospital', 'other'];
const orgType = (t: string): OrgType => (ORG_TYPES.includes(t as OrgType) ? (t as OrgType) : 'other');

/** A platform project (立项 on this platform): its lead organisation's type and its partners' types. */
export interface PlatformProjectRecord {
  projectNo: string;
  year: number;
  leadType: string;
  partnerTypes: readonly string[];
}

export interface PortfolioRecordSet {
  records: PortfolioProject[];
  /** Per year: how many records came from the platform's projects and how many from imported rows. */
  sources: Map<number, { fromProjects: number; fromImported: number }>;
}

/**
 * YJ-2's records: every project approved on the platform, plus imported rows (years before the platform, or other
 * programmes) whose number is not a platform project's — a project both imported and approved here counts once,
 * as the platform's record says it.
 */
export function mergePortfolioRecords(platform: readonly PlatformProjectRecord[], imported: readonly (PortfolioProject & { projectNo: string })[]): PortfolioRecordSet {
  const sources = new Map<number, { fromProjects: number; fromImported: number }>();
  const bump = (year: number, key: 'fromProjects' | 'fromImported') => {
    const s = sources.get(year) ?? { fromProjects: 0, fromImported: 0 };
    s[key]++;
    sources.set(year, s);
  };
  const numbers = new Set(platform.map((p) => p.projectNo));
  const records: PortfolioProject[] = [];
  for (const p of platform) {
    const leadType = orgType(p.leadType);
    records.push({ year: p.year, leadType, participantTypes: [...new Set([leadType, ...p.partnerTypes.map(orgType)])] });
    bump(p.year, 'fromProjects');
  }
  for (const r of imported) {
    if (numbers.has(r.projectNo)) continue;
    records.push({ year: r.year, leadType: r.leadType, participantTypes: r.participantTypes });
    bump(r.year, 'fromImported');
  }
  return { records, sources };
}
