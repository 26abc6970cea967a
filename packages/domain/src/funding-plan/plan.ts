/**
 * The funding plan (立项资金方案): which candidates to fund within the programme-year budget (BL-4) and the
 * category caps, maximising merit, with the BL-4 published order deciding between equally good plans, each
 * decision explained, and the plain merit-order fill shown beside it.
 */
import { categoryLabel } from '../programmes/labels.js';
import { formatWan } from '../programmes/money.js';
import { solveCore, type CoreProblem } from './solver.js';
import type {
  BlockReason,
  CandidateDecision,
  CategoryTotal,
  FundingCandidate,
  FundingObjective,
  FundingPlanInput,
  FundingPlanOptions,
  FundingPlanResult,
} from './types.js';

export class FundingPlanInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`资金方案输入有误：${problems.join('；')}`);
    this.name = 'FundingPlanInputError';
  }
}

const isYuan = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const optionalCap = (v: unknown) => v === undefined || v === null || isYuan(v);
const SCALES = [1, 10, 100, 1000, 10000];

/**
 * ISO 8601 date-time with an explicit offset: `2026-03-01T09:30:00Z`, `2026-03-01T17:30:00.250+08:00`.
 * Seconds and a fraction are optional; fraction digits past the millisecond are ignored.
 */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (integer arithmetic, any year 0000–9999). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * A submission time as epoch milliseconds, or NaN when it is not accepted: an integer (epoch ms), or
 * ISO 8601 text with `Z` or a `±hh:mm` offset. Text without an offset is rejected on purpose — it
 * would be read in the machine's local time zone and the BL-4 tie-break would depend on where the
 * plan is computed. Independent of the host's time zone and of Date.parse.
 */
export function submittedMs(v: unknown): number {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : Number.NaN;
  if (typeof v !== 'string') return Number.NaN;
  const m = ISO_WITH_OFFSET.exec(v);
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  const monthDays = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (mo < 1 || mo > 12 || d < 1 || d > monthDays[mo - 1]! || h > 23 || mi > 59 || sec > 59) return Number.NaN;
  let offsetMin = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return Number.NaN;
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi - offsetMin) * 60_000 + sec * 1000 + ms;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** `maxNodes` problems (empty when acceptable). */
export function validateFundingPlanOptions(options: FundingPlanOptions | undefined): string[] {
  if (options === undefined || options === null) return [];
  if (!isRecord(options)) return ['求解选项须为对象'];
  const n = options.maxNodes;
  if (n !== undefined && !(typeof n === 'number' && Number.isSafeInteger(n) && n > 0)) return [`搜索节点上限 maxNodes 须为正整数（收到 ${String(n)}）`];
  return [];
}

/** Every problem of the input, in Chinese; empty when the plan can be computed. */
export function validateFundingPlanInput(input: FundingPlanInput): string[] {
  const out: string[] = [];
  if (!isRecord(input)) return ['资金方案输入须为对象'];
  const categoriesOk = Array.isArray(input.categories);
  const candidatesOk = Array.isArray(input.candidates);
  if (!categoriesOk) out.push('缺少类别列表（categories 须为数组）');
  if (!candidatesOk) out.push('缺少申报项目列表（candidates 须为数组）');
  if (!categoriesOk || !candidatesOk) {
    if (!isYuan(input.budgetYuan)) out.push('年度可用预算须为不小于0的整数元');
    return out;
  }
  if (input.categories.some((c) => !isRecord(c))) out.push('类别列表中的每一项须为对象');
  if (input.candidates.some((c) => !isRecord(c))) out.push('申报项目列表中的每一项须为对象');
  if (out.length) return out;
  if (!isYuan(input.budgetYuan)) out.push('年度可用预算须为不小于0的整数元');
  const scale = input.scoreScale ?? 100;
  if (!SCALES.includes(scale)) out.push('评分精度须为1、10、100、1000或10000（每分的单位数）');
  if (input.objective !== undefined && input.objective !== 'score' && input.objective !== 'scoreWeightedAmount') out.push(`未知的优化目标“${String(input.objective)}”`);
  const codes = new Set<string>();
  for (const c of input.categories) {
    if (typeof c.code !== 'string' || c.code === '') out.push('类别代码不能为空');
    else if (codes.has(c.code)) out.push(`类别“${c.code}”重复`);
    codes.add(c.code);
    if (!optionalCap(c.budgetCapYuan)) out.push(`类别“${c.code}”的预算上限须为不小于0的整数元`);
    if (!optionalCap(c.countCap)) out.push(`类别“${c.code}”的名额上限须为不小于0的整数`);
  }
  const nos = new Set<string>();
  let totalWeight = 0;
  for (const c of input.candidates) {
    const who = `申报项目“${String(c.applicationNo)}”`;
    if (typeof c.applicationNo !== 'string' || c.applicationNo === '') out.push('申报编号不能为空');
    else if (nos.has(c.applicationNo)) out.push(`申报编号“${c.applicationNo}”重复`);
    nos.add(c.applicationNo);
    if (!isYuan(c.score)) out.push(`${who}的评分须为不小于0的整数（单位为1/${scale}分）`);
    if (!isYuan(c.requestedYuan)) out.push(`${who}的申请补助须为不小于0的整数元`);
    if (!isYuan(c.computedYuan)) out.push(`${who}的核定补助须为不小于0的整数元`);
    else if (isYuan(c.requestedYuan) && c.computedYuan > c.requestedYuan) out.push(`${who}的核定补助不能超过申请补助`);
    if (c.higherLevelYuan !== undefined && !isYuan(c.higherLevelYuan)) out.push(`${who}的上级支持金额须为不小于0的整数元`);
    if (!codes.has(c.category)) out.push(`${who}的类别“${String(c.category)}”不在类别列表中`);
    if (!Number.isFinite(submittedMs(c.submittedAt)))
      out.push(`${who}的提交时间无法识别：须为整数毫秒时间戳，或带时区（Z或±hh:mm）的ISO 8601时间，如2026-03-01T09:30:00+08:00（收到“${String(c.submittedAt)}”）`);
    if (isYuan(c.score) && isYuan(c.computedYuan)) totalWeight += input.objective === 'scoreWeightedAmount' ? c.score * c.computedYuan : c.score;
  }
  if (!Number.isSafeInteger(totalWeight)) out.push('评分与金额的乘积之和超出精确整数范围，请降低评分精度');
  return out;
}

/** BL-4 order: higher score, then earlier submission, then lower application number (compared by code unit). */
export function compareMerit(a: FundingCandidate, b: FundingCandidate): number {
  if (a.score !== b.score) return b.score - a.score;
  const ta = submittedMs(a.submittedAt);
  const tb = submittedMs(b.submittedAt);
  if (ta !== tb) return ta - tb;
  return a.applicationNo < b.applicationNo ? -1 : a.applicationNo > b.applicationNo ? 1 : 0;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function decimals(scale: number): number {
  return Math.round(Math.log10(scale));
}

/** Integer fixed-point → '87.5' (exact, trailing zeros dropped). */
function formatFixed(units: number, scale: number): string {
  const d = decimals(scale);
  const neg = units < 0;
  const digits = String(Math.abs(units)).padStart(d + 1, '0');
  const whole = digits.slice(0, digits.length - d);
  const frac = digits.slice(digits.length - d).replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

const weightOf = (kind: FundingObjective, c: FundingCandidate) => (kind === 'score' ? c.score : c.score * c.computedYuan);

/** Amount unit and sizes the solver works in; shared with the LP export so both solve the same model. */
export interface PreparedPlan {
  ranked: FundingCandidate[];
  kind: FundingObjective;
  scale: number;
  catIndex: Map<string, number>;
  /** Candidates in the knapsack (computedYuan > 0), as indices into ranked. */
  items: number[];
  unitYuan: number;
}

export function preparePlan(input: FundingPlanInput): PreparedPlan {
  const problems = validateFundingPlanInput(input);
  if (problems.length) throw new FundingPlanInputError(problems);
  // Parse each submission time once; the comparator would otherwise parse on every comparison.
  const times = new Map(input.candidates.map((c) => [c, submittedMs(c.submittedAt)] as const));
  const ranked = [...input.candidates].sort(
    (a, b) => b.score - a.score || times.get(a)! - times.get(b)! || (a.applicationNo < b.applicationNo ? -1 : a.applicationNo > b.applicationNo ? 1 : 0),
  );
  const catIndex = new Map(input.categories.map((c, i) => [c.code, i] as const));
  const items: number[] = [];
  let unit = 0;
  ranked.forEach((c, r) => {
    if (c.computedYuan > 0) {
      items.push(r);
      unit = gcd(unit, c.computedYuan);
    }
  });
  return { ranked, kind: input.objective ?? 'score', scale: input.scoreScale ?? 100, catIndex, items, unitYuan: Math.max(unit, 1) };
}

interface Usage {
  total: number;
  amount: number[];
  count: number[];
}

function usageOf(prep: PreparedPlan, chosen: boolean[]): Usage {
  const C = prep.catIndex.size;
  const u: Usage = { total: 0, amount: new Array<number>(C).fill(0), count: new Array<number>(C).fill(0) };
  prep.ranked.forEach((c, r) => {
    if (!chosen[r]) return;
    const k = prep.catIndex.get(c.category)!;
    u.total += c.computedYuan;
    u.amount[k]! += c.computedYuan;
    u.count[k]! += 1;
  });
  return u;
}

/** Constraints that adding candidate r to a plan with usage u would break. */
function blockers(input: FundingPlanInput, prep: PreparedPlan, u: Usage, r: number): BlockReason[] {
  const c = prep.ranked[r]!;
  const k = prep.catIndex.get(c.category)!;
  const cat = input.categories[k]!;
  const out: BlockReason[] = [];
  if (u.total + c.computedYuan > input.budgetYuan) {
    out.push({ kind: 'budget', remainingYuan: input.budgetYuan - u.total, shortfallYuan: u.total + c.computedYuan - input.budgetYuan, alone: c.computedYuan > input.budgetYuan });
  }
  const capY = cat.budgetCapYuan;
  if (capY !== undefined && capY !== null && u.amount[k]! + c.computedYuan > capY) {
    out.push({ kind: 'categoryBudget', category: cat.code, capYuan: capY, remainingYuan: capY - u.amount[k]!, shortfallYuan: u.amount[k]! + c.computedYuan - capY, alone: c.computedYuan > capY });
  }
  const capN = cat.countCap;
  if (capN !== undefined && capN !== null && u.count[k]! + 1 > capN) out.push({ kind: 'categoryCount', category: cat.code, cap: capN });
  return out;
}

/**
 * The plain merit-order fill: candidates in BL-4 order; each is taken if it fits the budget and its
 * category's caps, otherwise skipped, and the fill continues with the next one (skip-and-continue).
 */
export function meritOrderFill(input: FundingPlanInput): { selected: string[]; objective: number; totalYuan: number } {
  const prep = preparePlan(input);
  const { chosen } = meritChosen(input, prep);
  return summariseChosen(prep, chosen);
}

/** The fill, and for each candidate it skipped what blocked it at that moment. */
function meritChosen(input: FundingPlanInput, prep: PreparedPlan): { chosen: boolean[]; skipped: Map<number, BlockReason[]> } {
  const chosen = new Array<boolean>(prep.ranked.length).fill(false);
  const skipped = new Map<number, BlockReason[]>();
  const C = prep.catIndex.size;
  const u: Usage = { total: 0, amount: new Array<number>(C).fill(0), count: new Array<number>(C).fill(0) };
  for (const r of prep.items) {
    const b = blockers(input, prep, u, r);
    if (b.length) {
      skipped.set(r, b);
      continue;
    }
    const c = prep.ranked[r]!;
    const k = prep.catIndex.get(c.category)!;
    chosen[r] = true;
    u.total += c.computedYuan;
    u.amount[k]! += c.computedYuan;
    u.count[k]! += 1;
  }
  return { chosen, skipped };
}

function summariseChosen(prep: PreparedPlan, chosen: boolean[]) {
  let objective = 0;
  let totalYuan = 0;
  const selected: string[] = [];
  prep.ranked.forEach((c, r) => {
    if (!chosen[r]) return;
    selected.push(c.applicationNo);
    objective += weightOf(prep.kind, c);
    totalYuan += c.computedYuan;
  });
  return { selected, objective, totalYuan };
}

/** The solver's integer model: amounts in unitYuan, weights divided by their common divisor. */
export function coreProblemOf(input: FundingPlanInput, prep: PreparedPlan): { core: CoreProblem; weightUnit: number } {
  const unit = prep.unitYuan;
  let wg = 0;
  for (const r of prep.items) wg = gcd(wg, weightOf(prep.kind, prep.ranked[r]!));
  const weightUnit = Math.max(wg, 1);
  const sizes = new Array<number>(prep.catIndex.size).fill(0);
  for (const r of prep.items) sizes[prep.catIndex.get(prep.ranked[r]!.category)!]! += 1;
  const budget = Math.floor(input.budgetYuan / unit);
  const core: CoreProblem = {
    amount: prep.items.map((r) => prep.ranked[r]!.computedYuan / unit),
    weight: prep.items.map((r) => weightOf(prep.kind, prep.ranked[r]!) / weightUnit),
    cat: prep.items.map((r) => prep.catIndex.get(prep.ranked[r]!.category)!),
    rank: prep.items.map((_, j) => j),
    budget,
    catBudget: input.categories.map((c) => (c.budgetCapYuan === undefined || c.budgetCapYuan === null ? budget : Math.floor(c.budgetCapYuan / unit))),
    catCount: input.categories.map((c, k) => (c.countCap === undefined || c.countCap === null ? sizes[k]! : Math.min(c.countCap, sizes[k]!))),
  };
  return { core, weightUnit };
}

const DEFAULT_MAX_NODES = 20_000_000;

/** Solve the funding plan exactly and explain every decision. Throws FundingPlanInputError on bad input. */
export function planFunding(input: FundingPlanInput, options: FundingPlanOptions = {}): FundingPlanResult {
  const optionProblems = validateFundingPlanOptions(options);
  if (optionProblems.length) throw new FundingPlanInputError(optionProblems);
  const prep = preparePlan(input);
  const { ranked, kind, scale } = prep;
  const { core, weightUnit } = coreProblemOf(input, prep);
  const { chosen: merit, skipped: meritSkipped } = meritChosen(input, prep);
  const meritSel = new Uint8Array(prep.items.length);
  prep.items.forEach((r, j) => (meritSel[j] = merit[r] ? 1 : 0));

  const sol = solveCore(core, { maxNodes: options?.maxNodes ?? DEFAULT_MAX_NODES, incumbents: [meritSel] });
  const chosen = new Array<boolean>(ranked.length).fill(false);
  prep.items.forEach((r, j) => (chosen[r] = sol.selected[j] === 1));
  // A plan cut short by the node limit is still completed greedily, so every 'out' has a binding reason.
  let usage = usageOf(prep, chosen);
  if (!sol.optimal) {
    for (const r of prep.items) {
      if (chosen[r] || blockers(input, prep, usage, r).length) continue;
      chosen[r] = true;
      usage = usageOf(prep, chosen);
    }
  }

  const plan = summariseChosen(prep, chosen);
  const meritSummary = summariseChosen(prep, merit);
  const names = new Map(input.categories.map((c) => [c.code, c.name ?? c.code] as const));
  const ctx: ExplainContext = { input, prep, usage, merit, meritSkipped, names, n: ranked.length };
  const candidates: CandidateDecision[] = ranked.map((c, r) => decide(ctx, r, chosen[r]!));

  const byCategory: CategoryTotal[] = input.categories.map((cat, k) => ({
    code: cat.code,
    name: cat.name ?? cat.code,
    count: usage.count[k]!,
    amountYuan: usage.amount[k]!,
    budgetCapYuan: cat.budgetCapYuan ?? null,
    countCap: cat.countCap ?? null,
  }));
  const onlyInPlan = ranked.filter((_, r) => chosen[r] && !merit[r]).map((c) => c.applicationNo);
  const onlyInMeritOrder = ranked.filter((_, r) => !chosen[r] && merit[r]).map((c) => c.applicationNo);
  const countMultipliers: Record<string, number> = {};
  input.categories.forEach((c, k) => (countMultipliers[c.code] = sol.countMultipliers[k]! * weightUnit));
  const objective = plan.objective;
  const bestBound = sol.optimal ? objective : Math.max(objective, sol.bestBound * weightUnit);

  const result: FundingPlanResult = {
    objectiveKind: kind,
    scoreScale: scale,
    objective,
    optimal: sol.optimal,
    tieBreakProven: sol.tieBreakProven,
    bestBound,
    selected: plan.selected,
    totalYuan: plan.totalYuan,
    budgetYuan: input.budgetYuan,
    byCategory,
    candidates,
    meritOrder: { rule: 'skipAndContinue', ...meritSummary },
    difference: { onlyInPlan, onlyInMeritOrder, objectiveDelta: objective - meritSummary.objective },
    proof: {
      rootBound: sol.rootBound * weightUnit,
      nodes: sol.nodes,
      coreSize: sol.coreSize,
      tieCoreSize: sol.tieCoreSize,
      unitYuan: prep.unitYuan,
      countMultipliers,
    },
    summary: '',
  };
  result.summary = summaryText(result, ranked.length);
  return result;
}

// ---------------------------------------------------------------- explanations (Simplified Chinese)

interface ExplainContext {
  input: FundingPlanInput;
  prep: PreparedPlan;
  usage: Usage;
  merit: boolean[];
  meritSkipped: Map<number, BlockReason[]>;
  names: Map<string, string>;
  n: number;
}

function objectiveText(kind: FundingObjective, value: number, scale: number): string {
  if (kind === 'score') return `总分${formatFixed(value, scale)}分`;
  // Σ score × 元 shown as 分·万元.
  return `分值加权金额${formatFixed(value, scale * 10_000)}分·万元`;
}

function decide(ctx: ExplainContext, r: number, selected: boolean): CandidateDecision {
  const { input, prep, usage, merit, names, n } = ctx;
  const c = prep.ranked[r]!;
  const catName = names.get(c.category) ?? c.category;
  const head = `综合排名第${r + 1}/${n}（${formatFixed(c.score, prep.scale)}分，${categoryLabel(catName)}）`;
  const amount =
    c.computedYuan === c.requestedYuan ? `核定补助${formatWan(c.computedYuan)}` : `申请${formatWan(c.requestedYuan)}，核定补助${formatWan(c.computedYuan)}`;
  const base = {
    applicationNo: c.applicationNo,
    rank: r + 1,
    score: c.score,
    category: c.category,
    amountYuan: c.computedYuan,
    requestedYuan: c.requestedYuan,
    inMeritOrder: merit[r]!,
  };
  if (c.computedYuan === 0) {
    const why =
      c.higherLevelYuan !== undefined && c.higherLevelYuan > 0
        ? `按就高原则（BL-7）已由上级项目支持${formatWan(c.higherLevelYuan)}，本级核定补助为0`
        : '本级核定补助为0';
    return { ...base, status: 'noDistrictFunds', reasons: [], toGetIn: null, explanation: `${head}，申请${formatWan(c.requestedYuan)}，${why}，不占用本级预算和名额，不纳入本级资金方案。` };
  }
  if (selected) {
    let text = `${head}，${amount}，入选。`;
    if (!merit[r]) {
      text += `按分数顺序填充时本项未入选（${reasonText(ctx, ctx.meritSkipped.get(r) ?? [])}），整体最优方案在同样约束下纳入本项，使目标值更高。`;
    }
    return { ...base, status: 'selected', reasons: [], toGetIn: null, explanation: text };
  }
  // Reasons are measured against the final plan's other selections: the candidate is out, so usage excludes it.
  const reasons = blockers(input, prep, usage, r);
  const toGetIn = {
    budgetIncreaseYuan: 0,
    categoryBudgetIncreaseYuan: 0,
    categoryCountIncrease: 0,
  };
  for (const b of reasons) {
    if (b.kind === 'budget') toGetIn.budgetIncreaseYuan = b.shortfallYuan;
    else if (b.kind === 'categoryBudget') toGetIn.categoryBudgetIncreaseYuan = b.shortfallYuan;
    else toGetIn.categoryCountIncrease = 1;
  }
  let text = `${head}，${amount}，未入选：${reasonText(ctx, reasons)}。`;
  const alone = reasons.some((b) => b.kind !== 'categoryCount' && b.alone);
  if (alone) {
    text += `本项单独的核定金额已超过上限，只有放宽该上限才可能入选。`;
  }
  const needs: string[] = [];
  if (toGetIn.budgetIncreaseYuan) needs.push(`年度预算增加${formatWan(toGetIn.budgetIncreaseYuan)}`);
  if (toGetIn.categoryBudgetIncreaseYuan) needs.push(`${categoryLabel(catName)}预算上限提高${formatWan(toGetIn.categoryBudgetIncreaseYuan)}`);
  if (toGetIn.categoryCountIncrease) needs.push(`${categoryLabel(catName)}名额增加1项`);
  text += `若${needs.join('，并且')}，本项可在不调出其他入选项目的情况下入选。`;
  if (merit[r]) text += `按分数顺序填充时本项会入选；整体最优方案把这部分资金和名额用于目标值更高的项目组合。`;
  return { ...base, status: 'notSelected', reasons, toGetIn, explanation: text };
}

function reasonText(ctx: ExplainContext, reasons: BlockReason[]): string {
  const { input, names } = ctx;
  return reasons
    .map((b) => {
      if (b.kind === 'budget') {
        return b.alone
          ? `核定金额超过年度可用预算${formatWan(input.budgetYuan)}`
          : `年度可用预算${formatWan(input.budgetYuan)}已安排${formatWan(input.budgetYuan - b.remainingYuan)}，剩余${formatWan(b.remainingYuan)}，还差${formatWan(b.shortfallYuan)}`;
      }
      const name = names.get(b.category) ?? b.category;
      if (b.kind === 'categoryBudget') {
        return b.alone
          ? `核定金额超过${categoryLabel(name)}预算上限${formatWan(b.capYuan)}`
          : `${categoryLabel(name)}预算上限${formatWan(b.capYuan)}已安排${formatWan(b.capYuan - b.remainingYuan)}，剩余${formatWan(b.remainingYuan)}，还差${formatWan(b.shortfallYuan)}`;
      }
      return `${categoryLabel(name)}名额上限${b.cap}项已满`;
    })
    .join('；');
}

function summaryText(r: FundingPlanResult, n: number): string {
  const parts: string[] = [];
  parts.push(`共${n}项申报，入选${r.selected.length}项，安排资金${formatWan(r.totalYuan)}（年度可用预算${formatWan(r.budgetYuan)}），${objectiveText(r.objectiveKind, r.objective, r.scoreScale)}。`);
  parts.push(
    r.optimal
      ? `经分支定界求解，上界与方案目标值相等，已证明在预算和各类别上限内不存在目标值更高的方案${r.tieBreakProven ? '；目标值相同的方案之间按BL-4公布的顺序（分数、提交时间、申报编号）取舍，方案唯一' : ''}。`
      : `计算达到节点上限，未能证明最优：当前方案${objectiveText(r.objectiveKind, r.objective, r.scoreScale)}，最优值不超过${formatFixed(r.bestBound, r.objectiveKind === 'score' ? r.scoreScale : r.scoreScale * 10_000)}。`,
  );
  parts.push(
    `按分数顺序填充（依次入选，放不下的跳过并继续）入选${r.meritOrder.selected.length}项，${objectiveText(r.objectiveKind, r.meritOrder.objective, r.scoreScale)}；` +
      (r.difference.onlyInPlan.length + r.difference.onlyInMeritOrder.length === 0
        ? '两者完全一致。'
        : `两者相差：最优方案多选${r.difference.onlyInPlan.length}项、少选${r.difference.onlyInMeritOrder.length}项，目标值高出${formatFixed(r.difference.objectiveDelta, r.objectiveKind === 'score' ? r.scoreScale : r.scoreScale * 10_000)}。`),
  );
  return parts.join('');
}
