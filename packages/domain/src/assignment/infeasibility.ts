/**
 * Turning minimum cuts into sentences an officer can act on: which applications cannot be filled (by
 * 学科), how many places are missing, which applications have too few candidates after conflicts, and
 * the totals of capacity against demand. Never a bare "infeasible".
 */
import type { CanonicalInstance } from './canonical.js';
import type { FlowUnits } from './solve.js';

export interface FieldShortage {
  field: string;
  /** Applications of this field inside the bottleneck group. */
  applications: number;
  placesNeeded: number;
  /** Experts of this field in the whole call, and their maximum loads summed. */
  fieldExperts: number;
  fieldMaxLoad: number;
}

export interface InfeasibilityReport {
  /** Places needed in total (applications × k). */
  placesNeeded: number;
  totalMaxLoad: number;
  totalMinLoad: number;
  /** Applications that cannot all get k experts: the smallest minimum cut, with its deficit. */
  shortage: null | {
    missingPlaces: number;
    applications: string[];
    placesNeeded: number;
    placesAvailable: number;
    byField: FieldShortage[];
    tooFewCandidates: { application: string; candidates: number; needed: number }[];
  };
  /** Experts whose minimum loads cannot all be met. */
  underload: null | {
    missingPlaces: number;
    experts: string[];
    minLoadPlaces: number;
    placesAvailable: number;
    byField: { field: string; experts: number; minLoadPlaces: number }[];
  };
  messages: string[];
}

const LIST_LIMIT = 10;

/** Places in flow units → places; random-draw units are fractional, shown to two decimals. */
function places(units: number, D: number): number {
  return D === 1 ? units : Math.round((units / D) * 100) / 100;
}

export function describeInfeasibility(
  ci: CanonicalInstance,
  u: FlowUnits,
  shortApps: number[],
  shortDemand: number,
  shortSupply: number,
  underExperts: number[],
  underMin: number,
  underSupply: number,
): InfeasibilityReport {
  const D = u.denominator;
  const n = ci.appIds.length;
  const m = ci.expertIds.length;
  const k = ci.k;
  let totalMax = 0;
  let totalMin = 0;
  for (let e = 0; e < m; e++) {
    totalMax += ci.maxLoad[e]!;
    totalMin += ci.minLoad[e]!;
  }
  const need = n * k;
  const messages: string[] = [];
  messages.push(`无法完成专家分配：共 ${n} 份申请，每份需 ${k} 位评审专家，合计需要 ${need} 个评审名额。`);
  if (totalMax < need) {
    messages.push(`全部 ${m} 位专家的最高评审量合计只有 ${totalMax} 个名额，比需求少 ${need - totalMax} 个；需增加专家或提高最高评审量。`);
  }
  if (totalMin > need) {
    messages.push(`全部专家的最低评审量合计 ${totalMin} 个名额，超过需求 ${need} 个；需降低最低评审量。`);
  }

  const fieldExperts = new Int32Array(ci.fields.length);
  const fieldMax = new Float64Array(ci.fields.length);
  for (let e = 0; e < m; e++) {
    fieldExperts[ci.expertField[e]!]!++;
    fieldMax[ci.expertField[e]!]! += ci.maxLoad[e]!;
  }

  let shortage: InfeasibilityReport['shortage'] = null;
  if (shortApps.length > 0) {
    const perField = new Map<number, number>();
    for (const a of shortApps) perField.set(ci.appField[a]!, (perField.get(ci.appField[a]!) ?? 0) + 1);
    const byField: FieldShortage[] = [...perField.entries()]
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .map(([f, c]) => ({ field: ci.fields[f]!, applications: c, placesNeeded: c * k, fieldExperts: fieldExperts[f]!, fieldMaxLoad: fieldMax[f]! }));
    // An application needs ⌈k·D / pairCap⌉ candidates: k for the exact assignment, more under a probability cap.
    const needed = Math.ceil((k * D) / u.pairCap);
    const tooFew: { application: string; candidates: number; needed: number }[] = [];
    for (const a of shortApps) {
      const c = ci.candStart[a + 1]! - ci.candStart[a]!;
      if (c < needed) tooFew.push({ application: ci.appIds[a]!, candidates: c, needed });
    }
    const missing = places(shortDemand - shortSupply, D);
    shortage = {
      missingPlaces: missing,
      applications: shortApps.map((a) => ci.appIds[a]!),
      placesNeeded: places(shortDemand, D),
      placesAvailable: places(shortSupply, D),
      byField,
      tooFewCandidates: tooFew,
    };
    const fieldList = byField.map((f) => `「${f.field}」${f.applications} 份`).join('、');
    messages.push(
      `有 ${shortApps.length} 份申请无法配满 ${k} 位专家（学科：${fieldList}）：它们共需 ${shortage.placesNeeded} 个名额，` +
        `但其候选专家（已排除回避）在最高评审量${D === 1 ? '' : '和单个配对概率上限'}限制下最多只能提供 ${shortage.placesAvailable} 个，缺少 ${missing} 个名额。`,
    );
    for (const f of byField.slice(0, LIST_LIMIT)) {
      messages.push(
        `学科「${f.field}」：受影响申请 ${f.applications} 份，需要 ${f.placesNeeded} 个名额；该学科共有专家 ${f.fieldExperts} 位，最高评审量合计 ${f.fieldMaxLoad} 个名额。`,
      );
    }
    if (byField.length > LIST_LIMIT) messages.push(`另有 ${byField.length - LIST_LIMIT} 个学科从略。`);
    for (const t of tooFew.slice(0, LIST_LIMIT)) {
      messages.push(
        D === 1
          ? `申请「${t.application}」回避后仅剩 ${t.candidates} 位候选专家，少于所需的 ${k} 位。`
          : `申请「${t.application}」仅有 ${t.candidates} 位候选专家；在单个配对概率上限下至少需要 ${t.needed} 位。`,
      );
    }
    if (tooFew.length > LIST_LIMIT) messages.push(`另有 ${tooFew.length - LIST_LIMIT} 份申请候选专家不足，从略。`);
  }

  let underload: InfeasibilityReport['underload'] = null;
  if (underExperts.length > 0) {
    const perField = new Map<number, { experts: number; min: number }>();
    for (const e of underExperts) {
      const f = ci.expertField[e]!;
      const cur = perField.get(f) ?? { experts: 0, min: 0 };
      cur.experts++;
      cur.min += ci.minLoad[e]!;
      perField.set(f, cur);
    }
    const byField = [...perField.entries()]
      .sort((x, y) => y[1].experts - x[1].experts || x[0] - y[0])
      .map(([f, v]) => ({ field: ci.fields[f]!, experts: v.experts, minLoadPlaces: v.min }));
    const missing = places(underMin - underSupply, D);
    underload = {
      missingPlaces: missing,
      experts: underExperts.map((e) => ci.expertIds[e]!),
      minLoadPlaces: places(underMin, D),
      placesAvailable: places(underSupply, D),
      byField,
    };
    messages.push(
      `有 ${underExperts.length} 位专家无法达到最低评审量（学科：${byField.map((f) => `「${f.field}」${f.experts} 位`).join('、')}）：` +
        `其最低评审量合计 ${underload.minLoadPlaces} 个名额，但把他们列为候选的申请最多只能分给他们 ${underload.placesAvailable} 个，缺少 ${missing} 个；需降低这些专家的最低评审量或增加其候选申请。`,
    );
  }
  return { placesNeeded: need, totalMaxLoad: totalMax, totalMinLoad: totalMin, shortage, underload, messages };
}
