import highsImport, { type Highs } from 'highs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  assignOptimal,
  canonicalize,
  deriveSeed,
  drawAssignment,
  drawCanonical,
  DRAW_DENOMINATOR,
  drawUnits,
  finishDraw,
  instanceHash,
  replaceDeclined,
  solveFlowByParts,
  solveOptimalCanonical,
  toHex,
  verifyDraw,
  type AssignmentInput,
  type CanonicalInstance,
} from './index.js';
import { randomInstance, toLp, prng } from './test-helpers.js';

// highs ships CommonJS typings: TypeScript sees the default import as the module object, while Node's ESM
// entry hands over the loader function itself. Accept both.
type Loader = typeof highsImport.default;
const highsLoader: Loader = (highsImport as unknown as { default?: Loader }).default ?? (highsImport as unknown as Loader);
let highs: Highs;
beforeAll(async () => {
  highs = await highsLoader();
});

const SEED = deriveSeed(['测试', '2026-01-01']);

/** Every application has exactly k distinct candidate experts, loads within bounds; returns violations. */
function violations(input: AssignmentInput, pairs: readonly { application: string; expert: string }[], exactK = true): string[] {
  const out: string[] = [];
  const cand = new Set(input.candidates.map((c) => `${c.application}\u0000${c.expert}`));
  const perApp = new Map<string, Set<string>>();
  const load = new Map<string, number>();
  for (const p of pairs) {
    if (!cand.has(`${p.application}\u0000${p.expert}`)) out.push(`not a candidate ${p.application}/${p.expert}`);
    const s = perApp.get(p.application) ?? new Set();
    if (s.has(p.expert)) out.push(`duplicate ${p.application}/${p.expert}`);
    s.add(p.expert);
    perApp.set(p.application, s);
    load.set(p.expert, (load.get(p.expert) ?? 0) + 1);
  }
  for (const a of input.applications) {
    const c = perApp.get(a.id)?.size ?? 0;
    if (exactK ? c !== input.k : c > input.k) out.push(`app ${a.id} has ${c}`);
  }
  for (const e of input.experts) {
    const l = load.get(e.id) ?? 0;
    if (l > e.maxLoad || l < (e.minLoad ?? 0)) out.push(`expert ${e.id} load ${l}`);
  }
  return out;
}

function highsOptimum(input: AssignmentInput, cap = 1): number | null {
  const s = highs.solve(toLp(input, cap));
  if (s.Status === 'Infeasible') return null;
  expect(s.Status).toBe('Optimal');
  return s.ObjectiveValue;
}

describe('optimal assignment', () => {
  it('equals the HiGHS LP optimum on random small instances, and agrees on feasibility (incl. sparse pricing rounds)', () => {
    let feasible = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(0, 1, 2, 4),
        (seed, apps, experts, k, sparse) => {
          const input = randomInstance(seed, { apps, experts, k, density: 0.7, minLoadChance: 0.3 });
          const ours = assignOptimal(input, { sparseCandidates: sparse });
          const ref = highsOptimum(input);
          expect(ours.feasible).toBe(ref !== null);
          if (ours.feasible) {
            feasible++;
            expect(ours.objective).toBeCloseTo(ref!, 6);
            expect(violations(input, ours.pairs)).toEqual([]);
            // In an optimum every passed-over higher-affinity expert is full or the assigned one is at its minimum.
            expect(ours.pairs.flatMap((p) => p.passedOver).filter((x) => x.reason === 'unexplained')).toEqual([]);
          } else {
            expect(ours.report.messages.length).toBeGreaterThan(1);
          }
        },
      ),
      { numRuns: 150, seed: 20260101 },
    );
    expect(feasible).toBeGreaterThan(30);
  });

  it('equals HiGHS on medium instances (150 applications × 200 experts, k = 3)', () => {
    for (const seed of [1, 2, 3]) {
      const input = randomInstance(seed, { apps: 150, experts: 200, k: 3, density: 0.2, fields: 4, minLoadChance: 0.3, maxLoadExtra: 1 });
      const ours = assignOptimal(input);
      const ref = highsOptimum(input);
      expect(ours.feasible && ref !== null).toBe(true);
      if (!ours.feasible) return;
      expect(ours.objective).toBeCloseTo(ref!, 6);
      expect(violations(input, ours.pairs)).toEqual([]);
    }
  });

  it('does not depend on the order in which inputs are listed', () => {
    const input = randomInstance(11, { apps: 40, experts: 30, k: 3, density: 0.5 });
    const r = prng(5);
    const shuffle = <T>(xs: readonly T[]): T[] => {
      const a = [...xs];
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [a[i], a[j]] = [a[j]!, a[i]!];
      }
      return a;
    };
    const shuffled = { ...input, applications: shuffle(input.applications), experts: shuffle(input.experts), candidates: shuffle(input.candidates) };
    expect(instanceHash(canonicalize(shuffled))).toBe(instanceHash(canonicalize(input)));
    const a = assignOptimal(input);
    const b = assignOptimal(shuffled);
    expect(b).toEqual(a);
  });

  it('writes Chinese explanations with the affinity rank and the reason a better expert was passed over', () => {
    // e1 is everyone's favourite but can take one application only.
    const input: AssignmentInput = {
      k: 1,
      applications: [
        { id: 'P1', field: '材料' },
        { id: 'P2', field: '材料' },
      ],
      experts: [
        { id: 'e1', field: '材料', maxLoad: 1 },
        { id: 'e2', field: '材料', maxLoad: 1 },
      ],
      candidates: [
        { application: 'P1', expert: 'e1', affinity: 90 },
        { application: 'P1', expert: 'e2', affinity: 80 },
        { application: 'P2', expert: 'e1', affinity: 90 },
        { application: 'P2', expert: 'e2', affinity: 10 },
      ],
    };
    const r = assignOptimal(input);
    expect(r.feasible).toBe(true);
    if (!r.feasible) return;
    expect(r.objective).toBe(170);
    const p1 = r.pairs.find((p) => p.application === 'P1')!;
    expect(p1.expert).toBe('e2');
    expect(p1.rank).toBe(2);
    expect(p1.explanation).toContain('排第 2 位');
    expect(p1.explanation).toContain('专家「e1」（亲和度 90）已达最高评审量 1 份');
    expect(p1.passedOver).toEqual([{ expert: 'e1', affinity: 90, reason: 'max-load' }]);
    expect(r.pairs.find((p) => p.application === 'P2')!.explanation).toContain('为最匹配的候选专家');
  });
});

describe('infeasibility is explained in officer terms', () => {
  const base = (): AssignmentInput => ({
    k: 2,
    applications: [
      { id: 'A1', field: '生物医药' },
      { id: 'A2', field: '生物医药' },
      { id: 'A3', field: '生物医药' },
      { id: 'B1', field: '电子信息' },
    ],
    experts: [
      { id: 'bio1', field: '生物医药', maxLoad: 2 },
      { id: 'bio2', field: '生物医药', maxLoad: 2 },
      { id: 'ele1', field: '电子信息', maxLoad: 5 },
      { id: 'ele2', field: '电子信息', maxLoad: 5 },
    ],
    candidates: [
      ...['A1', 'A2', 'A3'].flatMap((a) => ['bio1', 'bio2'].map((e) => ({ application: a, expert: e, affinity: 50 }))),
      { application: 'B1', expert: 'ele1', affinity: 60 },
      { application: 'B1', expert: 'ele2', affinity: 60 },
    ],
  });

  it('names the field that lacks experts and how many places are missing', () => {
    const r = assignOptimal(base());
    expect(r.feasible).toBe(false);
    if (r.feasible) return;
    expect(r.report.placesNeeded).toBe(8);
    expect(r.report.shortage).not.toBeNull();
    expect(r.report.shortage!.missingPlaces).toBe(2);
    expect(r.report.shortage!.applications).toEqual(['A1', 'A2', 'A3']);
    expect(r.report.shortage!.byField).toEqual([{ field: '生物医药', applications: 3, placesNeeded: 6, fieldExperts: 2, fieldMaxLoad: 4 }]);
    const text = r.report.messages.join('\n');
    expect(text).toContain('生物医药');
    expect(text).toContain('缺少 2 个名额');
    expect(text).not.toContain('电子信息」1 份');
  });

  it('lists applications left with fewer than k candidates after conflicts', () => {
    const input = base();
    input.experts = input.experts.map((e) => ({ ...e, maxLoad: 10 }));
    input.candidates = input.candidates.filter((c) => !(c.application === 'A2' && c.expert === 'bio2'));
    const r = assignOptimal(input);
    expect(r.feasible).toBe(false);
    if (r.feasible) return;
    expect(r.report.shortage!.tooFewCandidates).toEqual([{ application: 'A2', candidates: 1, needed: 2 }]);
    expect(r.report.shortage!.missingPlaces).toBe(1);
    expect(r.report.messages.join('\n')).toContain('申请「A2」回避后仅剩 1 位候选专家，少于所需的 2 位');
  });

  it('names experts whose minimum load cannot be met, and compares totals of capacity and demand', () => {
    const input = base();
    input.experts = input.experts.map((e) => (e.id === 'ele1' ? { ...e, minLoad: 3 } : { ...e, maxLoad: 10 }));
    const r = assignOptimal(input);
    expect(r.feasible).toBe(false);
    if (r.feasible) return;
    expect(r.report.shortage).toBeNull();
    expect(r.report.underload).not.toBeNull();
    expect(r.report.underload!.experts).toEqual(['ele1']);
    expect(r.report.underload!.missingPlaces).toBe(2);
    expect(r.report.messages.join('\n')).toContain('无法达到最低评审量');

    const tight = base();
    tight.experts = tight.experts.map((e) => ({ ...e, maxLoad: 1 }));
    const t = assignOptimal(tight);
    expect(t.feasible).toBe(false);
    if (t.feasible) return;
    expect(t.report.totalMaxLoad).toBe(4);
    expect(t.report.messages.join('\n')).toContain('最高评审量合计只有 4 个名额，比需求少 4 个');
  });
});

function canonicalPairs(ci: CanonicalInstance, assigned: Uint8Array): { application: string; expert: string }[] {
  const out: { application: string; expert: string }[] = [];
  for (let a = 0; a < ci.appIds.length; a++) {
    for (let i = ci.candStart[a]!; i < ci.candStart[a + 1]!; i++) if (assigned[i]) out.push({ application: ci.appIds[a]!, expert: ci.expertIds[ci.candExpert[i]!]! });
  }
  return out;
}

describe('random draw (随机抽取)', () => {
  it('never violates caps, loads or exclusions, and its fractional optimum equals the capped LP optimum of HiGHS', () => {
    // Infeasible instances only check agreement with HiGHS; enough feasible ones must be drawn for the rest to mean anything.
    let feasibleRuns = 0;
    let cappedRuns = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2, max: 14 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(1 / 2, 1 / 3, 0.7, 1),
        (seed, apps, experts, k, q) => {
          const input = randomInstance(seed, { apps, experts, k, density: 0.8, maxLoadExtra: 3 });
          const ci = canonicalize(input);
          const r = drawCanonical(ci, toHex(sha256(new Uint8Array([seed & 255, apps, experts]))), q);
          const p = drawUnits(q).pairCap;
          const ref = highsOptimum(input, p / DRAW_DENOMINATOR);
          expect(r.feasible).toBe(ref !== null);
          if (!r.feasible) return;
          feasibleRuns++;
          if (q < 1) cappedRuns++;
          expect(r.expectedObjectiveUnits / DRAW_DENOMINATOR).toBeCloseTo(ref!, 5);
          for (let i = 0; i < r.probability.length; i++) {
            expect(r.probability[i]).toBeLessThanOrEqual(p);
            if (r.assigned[i]) expect(r.probability[i]).toBeGreaterThan(0);
          }
          expect(violations(input, canonicalPairs(ci, r.assigned))).toEqual([]);
        },
      ),
      { numRuns: 160, seed: 7 },
    );
    expect(feasibleRuns).toBeGreaterThanOrEqual(40);
    expect(cappedRuns).toBeGreaterThanOrEqual(25);
  });

  it('over 10^4 draws the empirical pair frequencies match their probabilities and stay within the cap (cap + 4σ)', () => {
    const input = randomInstance(3, { apps: 6, experts: 8, k: 2, density: 0.9, fields: 1, maxLoadExtra: 1 });
    const ci = canonicalize(input);
    const q = { numerator: 2, denominator: 5 };
    const u = drawUnits(q);
    const merged = solveFlowByParts(ci, u);
    expect(merged.feasible).toBe(true);
    const runs = 10_000;
    const counts = new Float64Array(ci.candExpert.length);
    let probs: Float64Array | null = null;
    for (let s = 0; s < runs; s++) {
      const r = finishDraw(ci, merged, u, toHex(sha256(new TextEncoder().encode(`run-${s}`))));
      if (!r.feasible) throw new Error('infeasible');
      probs = r.probability;
      for (let i = 0; i < counts.length; i++) counts[i]! += r.assigned[i]!;
      if (s % 1000 === 0) expect(violations(input, canonicalPairs(ci, r.assigned))).toEqual([]);
    }
    const cap = u.pairCap / DRAW_DENOMINATOR;
    let fractional = 0;
    for (let i = 0; i < counts.length; i++) {
      const f = counts[i]! / runs;
      const pi = probs![i]! / DRAW_DENOMINATOR;
      if (pi > 0 && pi < 1) fractional++;
      const sigmaCap = Math.sqrt((cap * (1 - cap)) / runs);
      expect(f).toBeLessThanOrEqual(cap + 4 * sigmaCap);
      const sigma = Math.sqrt((pi * (1 - pi)) / runs);
      expect(Math.abs(f - pi)).toBeLessThanOrEqual(4 * sigma + 1e-12);
    }
    expect(fractional).toBeGreaterThan(5);
  });

  it('verifyDraw re-runs the draw and detects a changed input, a changed record and an altered published result', () => {
    const input = randomInstance(21, { apps: 30, experts: 25, k: 3, density: 0.9 });
    const r = drawAssignment(input, { seed: SEED, cap: 0.5 });
    expect(r.feasible).toBe(true);
    if (!r.feasible) return;
    const pairs = r.pairs.map((p) => ({ application: p.application, expert: p.expert }));
    expect(verifyDraw(r.record, input, pairs)).toEqual({ ok: true, problems: [] });

    const changed = { ...input, candidates: input.candidates.map((c, i) => (i === 0 ? { ...c, affinity: c.affinity + 1 } : c)) };
    const v1 = verifyDraw(r.record, changed);
    expect(v1.ok).toBe(false);
    expect(v1.problems[0]).toContain('输入哈希不符');

    const forged = { ...r.record, resultHash: r.record.resultHash.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
    expect(verifyDraw(forged, input).ok).toBe(false);
    const otherSeed = { ...r.record, seed: deriveSeed(['另一个种子']) };
    expect(verifyDraw(otherSeed, input).problems.join('')).toContain('结果哈希不一致');

    const altered = [...pairs];
    altered[0] = { ...altered[0]!, expert: input.experts.find((e) => !pairs.some((p) => p.application === altered[0]!.application && p.expert === e.id))!.id };
    const v3 = verifyDraw(r.record, input, altered);
    expect(v3.ok).toBe(false);
    expect(v3.problems.join('')).toContain('名单在抽取后被改动');
  });

  it('is deterministic for the same seed and differs for another seed', () => {
    const input = randomInstance(8, { apps: 40, experts: 30, k: 3, density: 0.9 });
    const a = drawAssignment(input, { seed: SEED, cap: 0.4 });
    const b = drawAssignment(input, { seed: SEED, cap: 0.4 });
    const c = drawAssignment(input, { seed: deriveSeed(['别的']), cap: 0.4 });
    expect(a).toEqual(b);
    if (!a.feasible || !c.feasible) throw new Error('infeasible');
    expect(c.record.resultHash).not.toBe(a.record.resultHash);
  });

  it('replacement draws respect loads, exclusions and declined pairs and are deterministic from the record', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 6 }), (seed, declineCount) => {
        const input = randomInstance(seed, { apps: 12, experts: 16, k: 2, density: 0.8, maxLoadExtra: 2 });
        const d = drawAssignment(input, { seed: SEED, cap: 0.5 });
        if (!d.feasible) return;
        const r = prng(seed);
        const declines: { application: string; expert: string }[] = [];
        const current = d.pairs.map((p) => ({ application: p.application, expert: p.expert }));
        for (let i = 0; i < declineCount; i++) {
          const p = current.splice(Math.floor(r() * current.length), 1)[0]!;
          declines.push(p);
        }
        const out = replaceDeclined(input, d.record, declines);
        expect(out.ok).toBe(true);
        expect(replaceDeclined(input, d.record, declines)).toEqual(out);
        const declined = new Set(declines.map((x) => `${x.application}/${x.expert}`));
        for (const p of out.pairs) expect(declined.has(`${p.application}/${p.expert}`)).toBe(false);
        const unfilled = out.replacements.filter((x) => x.replacement === null).length;
        // Loads within max, each pair a candidate, apps at k except unfilled slots; min loads may drop only for decliners.
        const v = violations(input, out.pairs, false).filter((s) => !s.startsWith('expert '));
        expect(v).toEqual([]);
        const loads = new Map<string, number>();
        for (const p of out.pairs) loads.set(p.expert, (loads.get(p.expert) ?? 0) + 1);
        for (const e of input.experts) expect(loads.get(e.id) ?? 0).toBeLessThanOrEqual(e.maxLoad);
        expect(out.pairs.length).toBe(input.applications.length * input.k - unfilled);
        for (const x of out.replacements) {
          if (x.replacement) expect(x.probabilityNumerator).toBeLessThanOrEqual(d.record.capNumerator);
        }
      }),
      { numRuns: 40, seed: 3 },
    );
  });

  it('deriveSeed canonicalises public values (order, full-width, spacing, leading zeros) in the spirit of RFC 3797', () => {
    const a = deriveSeed(['上证综指收盘 3012.45', '双色球 07 12 03 25 30 33 09']);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(deriveSeed(['双色球 07 12 03 25 30 33 09', '上证综指收盘 3012.45'])).toBe(a);
    expect(deriveSeed(['  上证综指收盘　３０１２.４５ ', '双色球 07 12 03 25 30 33 09'])).toBe(a);
    expect(deriveSeed(['7,12,3,25,30,33,9'])).toBe(deriveSeed(['07 12 03 25 30 33 09']));
    expect(deriveSeed(['上证综指收盘 3012.46', '双色球 07 12 03 25 30 33 09'])).not.toBe(a);
    expect(() => deriveSeed(['  '])).toThrow();
  });
});

describe('exact per part', () => {
  it('solving by field parts gives the same objective as one graph', () => {
    const input = randomInstance(99, { apps: 80, experts: 60, k: 3, density: 0.4, fields: 5 });
    // Zero cross-field candidates: keep only same-field pairs so the instance splits into 5 parts.
    const fieldOf = new Map([...input.applications, ...input.experts].map((x) => [x.id, x.field] as const));
    const split = { ...input, candidates: input.candidates.filter((c) => fieldOf.get(c.application) === fieldOf.get(c.expert)) };
    const r = solveOptimalCanonical(canonicalize(split));
    const ref = highsOptimum(split);
    expect(r.feasible).toBe(ref !== null);
    if (r.feasible) expect(r.objective).toBeCloseTo(ref!, 6);
  });
});
