/**
 * Funding-plan instances shaped like a district call: three categories with their request sizes (领军
 * 100–500万, 强链 50–300万, 育成 10–100万), amounts rounded to 1,000 or 10,000 元, some cut by the 30% rule
 * and some by the 就高 rule (BL-7, a few to 0), scores 60.0–95.0 with one decimal, a budget that covers a
 * fraction of the requests and caps per category. Fixed-seed PRNG (sfc32) so every run sees the same data.
 */
import type { FundingCandidate, FundingPlanInput } from '../../../packages/domain/src/funding-plan/index.js';

export function sfc32(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

const WAN = 10_000;

export interface GeneratorOptions {
  n: number;
  seed: number;
  /** Budget as a fraction of the total computed subsidy. Default 0.25. */
  budgetFraction?: number;
  objective?: FundingPlanInput['objective'];
}

export function generateFundingInstance(opts: GeneratorOptions): FundingPlanInput {
  const rnd = sfc32(opts.seed * 7919 + opts.n);
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * rnd();
  // Requests cluster at the low end of each range: log-uniform.
  const logUniform = (lo: number, hi: number) => Math.exp(uniform(Math.log(lo), Math.log(hi)));
  const round = (yuan: number, step: number) => Math.max(step, Math.round(yuan / step) * step);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());

  const cats = [
    { code: 'leading', name: '领军', share: 0.2, lo: 100, hi: 500 },
    { code: 'chain', name: '强链', share: 0.35, lo: 50, hi: 300 },
    { code: 'incubation', name: '育成', share: 0.45, lo: 10, hi: 100 },
  ];
  const start = Date.UTC(2025, 2, 1);
  const candidates: FundingCandidate[] = [];
  for (let i = 0; i < opts.n; i++) {
    const u = rnd();
    const cat = u < cats[0]!.share ? cats[0]! : u < cats[0]!.share + cats[1]!.share ? cats[1]! : cats[2]!;
    const step = rnd() < 0.7 ? WAN : 1000;
    const requested = round(logUniform(cat.lo, cat.hi) * WAN, step);
    let computed = requested;
    // 30% of total investment below the request (BL-5).
    if (rnd() < 0.15) computed = round(requested * uniform(0.6, 0.95), 1000);
    let higherLevelYuan: number | undefined;
    // 就高 (BL-7, top-up): the district pays only what exceeds the higher-level support.
    if (rnd() < 0.05) {
      higherLevelYuan = round(requested * uniform(0.3, 1.3), WAN);
      computed = Math.max(0, computed - higherLevelYuan);
    }
    const score = Math.min(950, Math.max(600, Math.round(780 + 70 * gauss())));
    candidates.push({
      applicationNo: `KC2025-${String(i + 1).padStart(5, '0')}`,
      score,
      requestedYuan: requested,
      computedYuan: computed,
      category: cat.code,
      // Minute resolution over a month: a few exact ties on time as well as on score.
      submittedAt: new Date(start + Math.floor(rnd() * 30 * 24 * 60) * 60_000).toISOString(),
      ...(higherLevelYuan !== undefined ? { higherLevelYuan } : {}),
    });
  }
  const total = candidates.reduce((s, c) => s + c.computedYuan, 0);
  const budget = Math.floor((total * (opts.budgetFraction ?? 0.25)) / WAN) * WAN;
  return {
    candidates,
    budgetYuan: budget,
    scoreScale: 10,
    objective: opts.objective ?? 'score',
    categories: [
      { code: 'leading', name: '领军', budgetCapYuan: Math.floor((budget * 0.45) / WAN) * WAN, countCap: Math.round(opts.n * 0.04) },
      { code: 'chain', name: '强链', budgetCapYuan: Math.floor((budget * 0.4) / WAN) * WAN, countCap: null },
      { code: 'incubation', name: '育成', budgetCapYuan: Math.floor((budget * 0.3) / WAN) * WAN, countCap: Math.round(opts.n * 0.12) },
    ],
  };
}
