/**
 * The funding computation: how much fiscal subsidy a project gets under one rule-set version and why.
 * Every step adds an AppliedRule (rule ID, Chinese sentence in 万元, raw integer 元); every violated
 * condition adds a problem, all of them, so an applicant sees everything to fix at once.
 */
import { OVERLAP_LEVEL_LABELS, ENTERPRISE_TIER_LABELS } from './labels.js';
import { floorRatio, formatRatio, formatWan } from './money.js';
import { ruleIdsOf } from './rule-ids.js';
import type { AppliedRule, EnterpriseTier, FundingQuote, FundingQuoteInput, RuleSetVersion } from './types.js';

type Problem = FundingQuote['problems'][number];

const isYuan = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** Input that cannot be computed with (negative, fractional, unsafe) is reported, all of it, before any rule runs. */
function inputProblems(input: FundingQuoteInput): Problem[] {
  const out: Problem[] = [];
  if (!isYuan(input.totalInvestmentYuan)) out.push({ rule: 'INPUT', message: '研发总投入须为不小于0的整数元' });
  if (!isYuan(input.requestedYuan)) out.push({ rule: 'INPUT', message: '申请补助须为不小于0的整数元' });
  input.overlaps.forEach((o, i) => {
    if (!isYuan(o.amountYuan)) out.push({ rule: 'INPUT', message: `第${i + 1}个重复上级项目的支持金额须为不小于0的整数元` });
  });
  if (input.committedYuan !== undefined && !isYuan(input.committedYuan)) out.push({ rule: 'INPUT', message: '年度已承诺金额须为不小于0的整数元' });
  if (input.durationMonths !== undefined && !(Number.isSafeInteger(input.durationMonths) && input.durationMonths > 0)) {
    out.push({ rule: 'INPUT', message: '实施期限须为正整数（月）' });
  }
  return out;
}

/**
 * Subsidy = min(ratio × total rounded down, category cap, requested) (BL-5, BL-6), then the overlap rule
 * (BL-7), the budget (BL-4/NB-9), the support range and matching (NB-10) and the duration (NB-2).
 * Range, matching, budget and duration are reported as problems, never silently clamped away.
 */
export function computeFunding(version: RuleSetVersion, categoryCode: string, input: FundingQuoteInput): FundingQuote {
  const p = version.parameters;
  const ids = ruleIdsOf(p);
  const category = p.categories.find((c) => c.code === categoryCode);
  if (!category) {
    const known = p.categories.map((c) => `${c.name}（${c.code}）`).join('、') || '无';
    return { eligible: false, subsidyYuan: 0, selfRaisedYuan: 0, applied: [], problems: [{ rule: ids.category, message: `${version.version}版规则中没有类别“${categoryCode}”，可选：${known}` }] };
  }
  const bad = inputProblems(input);
  if (bad.length) return { eligible: false, subsidyYuan: 0, selfRaisedYuan: 0, applied: [], problems: bad };

  const total = input.totalInvestmentYuan;
  const requested = input.requestedYuan;
  const applied: AppliedRule[] = [];
  const problems: Problem[] = [];

  // Candidates for the minimum, in the order the documents state them.
  const bounds: { label: string; yuan: number }[] = [];
  if (category.subsidyRatio) {
    const limit = floorRatio(total, category.subsidyRatio);
    const pct = formatRatio(category.subsidyRatio);
    applied.push({
      rule: ids.ratio,
      text: `${ids.ratio} 财政补助不超过研发总投入的${pct}：${formatWan(total)} × ${pct} = ${formatWan(limit)}`,
      values: { totalInvestmentYuan: total, ratioNum: category.subsidyRatio.num, ratioDen: category.subsidyRatio.den, limitYuan: limit },
    });
    bounds.push({ label: `总投入的${pct} ${formatWan(limit)}`, yuan: limit });
  }
  if (category.capYuan !== null) {
    applied.push({ rule: ids.cap, text: `${ids.cap} ${category.name}补助最高${formatWan(category.capYuan)}`, values: { capYuan: category.capYuan } });
    bounds.push({ label: `${category.name}上限 ${formatWan(category.capYuan)}`, yuan: category.capYuan });
  }
  if (category.minYuan !== null) {
    // A stated range (NB-10: 500万–1,000万 per topic) is a condition on the request, not a silent clamp.
    const min = category.minYuan;
    const max = category.capYuan;
    const range = `${formatWan(min)}–${max === null ? '不限' : formatWan(max)}`;
    applied.push({ rule: ids.range, text: `${ids.range} ${category.name}支持强度${range}：申请 ${formatWan(requested)}`, values: { minYuan: min, maxYuan: max, requestedYuan: requested } });
    if (requested < min) problems.push({ rule: ids.range, message: `申请补助 ${formatWan(requested)} 低于${category.name}支持强度下限 ${formatWan(min)}` });
    if (max !== null && requested > max) problems.push({ rule: ids.range, message: `申请补助 ${formatWan(requested)} 超过${category.name}支持强度上限 ${formatWan(max)}` });
  }
  bounds.push({ label: `申请 ${formatWan(requested)}`, yuan: requested });
  if (requested > total) {
    problems.push({ rule: 'INPUT', message: `申请补助 ${formatWan(requested)} 超过研发总投入 ${formatWan(total)}` });
    bounds.push({ label: `研发总投入 ${formatWan(total)}`, yuan: total });
  }
  const district = Math.min(...bounds.map((b) => b.yuan));
  applied.push({
    rule: ids.cap,
    text: `${ids.cap} 补助取最小值：min(${bounds.map((b) => b.label).join('，')}) = ${formatWan(district)}`,
    values: { requestedYuan: requested, computedYuan: district },
  });

  let subsidy = district;
  if (input.overlaps.length > 0) {
    const higher = input.overlaps.reduce((best, o) => (o.amountYuan > best.amountYuan ? o : best));
    const publicTotal = Math.max(district, higher.amountYuan);
    subsidy = p.overlapPolicy === 'topUp' ? Math.max(0, district - higher.amountYuan) : 0;
    const how = p.overlapPolicy === 'topUp' ? `本级补差 max(0, ${formatWan(district)} − ${formatWan(higher.amountYuan)}) = ${formatWan(subsidy)}` : '按规则本级不再补助';
    applied.push({
      rule: ids.overlap,
      text: `${ids.overlap} 与上级项目重复，按就高原则只支持一次：本级测算 ${formatWan(district)}，${OVERLAP_LEVEL_LABELS[higher.level]}“${higher.name}” ${formatWan(higher.amountYuan)}，财政支持合计 ${formatWan(publicTotal)}；${how}`,
      values: { districtYuan: district, higherLevelYuan: higher.amountYuan, higherLevel: higher.level, totalPublicSupportYuan: publicTotal, overlapPolicy: p.overlapPolicy, subsidyYuan: subsidy },
    });
  }

  const selfRaised = total - subsidy;
  applied.push({
    rule: ids.selfRaised,
    text: `${ids.selfRaised} 其余由承担单位自筹：${formatWan(total)} − ${formatWan(subsidy)} = ${formatWan(selfRaised)}`,
    values: { totalInvestmentYuan: total, subsidyYuan: subsidy, selfRaisedYuan: selfRaised },
  });

  if (category.minMatchingMultiple !== null) {
    const need = subsidy * category.minMatchingMultiple;
    const ok = selfRaised >= need;
    applied.push({
      rule: ids.matching,
      text: `${ids.matching} 自筹不少于财政经费的${category.minMatchingMultiple}倍（1:${category.minMatchingMultiple}）：需 ${formatWan(need)}，自筹 ${formatWan(selfRaised)}${ok ? '，满足' : '，不足'}`,
      values: { multiple: category.minMatchingMultiple, requiredSelfRaisedYuan: need, selfRaisedYuan: selfRaised },
    });
    if (!ok) problems.push({ rule: ids.matching, message: `自筹经费 ${formatWan(selfRaised)} 不足财政经费 ${formatWan(subsidy)} 的${category.minMatchingMultiple}倍（需 ${formatWan(need)}，差 ${formatWan(need - selfRaised)}）` });
  }

  if (input.committedYuan !== undefined && p.annualBudgetStated === false) {
    applied.push({ rule: ids.budget, text: `${ids.budget} 政策文件未载明年度预算，本测算不作预算校验（以预算台账为准）`, values: { committedYuan: input.committedYuan, subsidyYuan: subsidy } });
  } else if (input.committedYuan !== undefined) {
    const after = input.committedYuan + subsidy;
    const ok = after <= p.annualBudgetYuan;
    applied.push({
      rule: ids.budget,
      text: `${ids.budget} 年度财政预算${formatWan(p.annualBudgetYuan)}：已承诺 ${formatWan(input.committedYuan)} + 本项 ${formatWan(subsidy)} = ${formatWan(after)}${ok ? '，未超出' : '，超出'}`,
      values: { annualBudgetYuan: p.annualBudgetYuan, committedYuan: input.committedYuan, subsidyYuan: subsidy, afterYuan: after },
    });
    if (!ok) problems.push({ rule: ids.budget, message: `本项补助 ${formatWan(subsidy)} 将使年度承诺达到 ${formatWan(after)}，超出年度预算 ${formatWan(p.annualBudgetYuan)}（超出 ${formatWan(after - p.annualBudgetYuan)}）` });
  }

  if (category.maxDurationMonths !== null && input.durationMonths !== undefined) {
    const ok = input.durationMonths <= category.maxDurationMonths;
    applied.push({
      rule: ids.duration,
      text: `${ids.duration} 实施期原则上不超过${category.maxDurationMonths}个月：申报 ${input.durationMonths}个月`,
      values: { maxDurationMonths: category.maxDurationMonths, durationMonths: input.durationMonths },
    });
    if (!ok) problems.push({ rule: ids.duration, message: `实施期 ${input.durationMonths}个月 超过上限 ${category.maxDurationMonths}个月` });
  }

  return { eligible: problems.length === 0, subsidyYuan: subsidy, selfRaisedYuan: selfRaised, applied, problems };
}

/**
 * Fixed rewards by enterprise tier (YJ-3). Rewards add up; a 'subsidyCap' is "up to" one subsidy per rule,
 * so an enterprise holding several qualifying tiers gets the highest cap of that rule once, not the sum.
 */
export function computeTierRewards(version: RuleSetVersion, tiers: EnterpriseTier[]): { totalYuan: number; applied: AppliedRule[] } {
  const held = new Set(tiers);
  const applied: AppliedRule[] = [];
  let total = 0;
  const bestCap = new Map<string, RuleSetVersion['parameters']['tierRewards'][number]>();
  for (const r of version.parameters.tierRewards) {
    if (!held.has(r.tier)) continue;
    if (r.kind === 'reward') {
      total += r.amountYuan;
      applied.push({ rule: r.rule, text: `${r.rule} ${ENTERPRISE_TIER_LABELS[r.tier]}奖励${formatWan(r.amountYuan)}`, values: { tier: r.tier, kind: r.kind, amountYuan: r.amountYuan } });
    } else {
      const prev = bestCap.get(r.rule);
      if (!prev || r.amountYuan > prev.amountYuan) bestCap.set(r.rule, r);
    }
  }
  for (const r of bestCap.values()) {
    total += r.amountYuan;
    applied.push({ rule: r.rule, text: `${r.rule} ${ENTERPRISE_TIER_LABELS[r.tier]}最高补助${formatWan(r.amountYuan)}（同一规则只享受一次）`, values: { tier: r.tier, kind: r.kind, amountYuan: r.amountYuan } });
  }
  return { totalYuan: total, applied };
}
