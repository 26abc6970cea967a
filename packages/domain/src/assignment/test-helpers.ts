/** Test-only helpers (imported by *.test.ts and the determinism child script; no I/O). */
import { mulberry32 } from '../common/prng.js';
import type { AssignmentInput } from './canonical.js';

export { mulberry32 as prng } from '../common/prng.js';

export interface RandomInstanceOptions {
  apps: number;
  experts: number;
  k: number;
  density: number;
  fields?: number;
  maxLoadExtra?: number;
  minLoadChance?: number;
  affinityRange?: number;
}

/** A random instance; with generous loads it is usually (not always) feasible. */
export function randomInstance(seed: number, o: RandomInstanceOptions): AssignmentInput {
  const r = mulberry32(seed);
  const F = o.fields ?? 2;
  const applications = Array.from({ length: o.apps }, (_, i) => ({ id: `app-${String(i).padStart(4, '0')}`, field: `学科${i % F}` }));
  const avg = (o.apps * o.k) / Math.max(1, o.experts);
  const experts = Array.from({ length: o.experts }, (_, i) => {
    const minLoad = r() < (o.minLoadChance ?? 0.2) ? Math.floor(avg / 2) : 0;
    return { id: `exp-${String(i).padStart(4, '0')}`, field: `学科${i % F}`, minLoad, maxLoad: minLoad + Math.ceil(avg) + Math.floor(r() * ((o.maxLoadExtra ?? 2) + 1)) };
  });
  const candidates: AssignmentInput['candidates'][number][] = [];
  const range = o.affinityRange ?? 100;
  for (const a of applications) {
    for (const e of experts) {
      if (e.field === a.field ? r() < o.density : r() < o.density / 4) {
        candidates.push({ application: a.id, expert: e.id, affinity: Math.floor(r() * range) - Math.floor(range / 10) });
      }
    }
  }
  return { k: o.k, applications, experts, candidates };
}

/** The assignment LP in CPLEX LP format; `cap` bounds every pair (1 for the exact problem). */
export function toLp(input: AssignmentInput, cap = 1): string {
  const byApp = new Map<string, string[]>();
  const byExp = new Map<string, string[]>();
  const obj: string[] = [];
  const bounds: string[] = [];
  input.candidates.forEach((c, i) => {
    const v = `x${i}`;
    obj.push(`${c.affinity >= 0 ? '+' : '-'} ${Math.abs(c.affinity)} ${v}`);
    bounds.push(` 0 <= ${v} <= ${cap}`);
    (byApp.get(c.application) ?? byApp.set(c.application, []).get(c.application)!).push(v);
    (byExp.get(c.expert) ?? byExp.set(c.expert, []).get(c.expert)!).push(v);
  });
  const lines = ['Maximize', ` obj: ${obj.length ? obj.join(' ') : '0 z'}`, 'Subject To'];
  input.applications.forEach((a, i) => {
    const vs = byApp.get(a.id) ?? [];
    lines.push(` a${i}: ${vs.length ? vs.map((v) => `+ ${v}`).join(' ') : '0 z'} = ${input.k}`);
  });
  input.experts.forEach((e, i) => {
    const vs = byExp.get(e.id) ?? [];
    const lhs = vs.length ? vs.map((v) => `+ ${v}`).join(' ') : '0 z';
    if ((e.minLoad ?? 0) > 0) lines.push(` l${i}: ${lhs} >= ${e.minLoad}`);
    if (vs.length) lines.push(` u${i}: ${lhs} <= ${e.maxLoad}`);
  });
  lines.push('Bounds', ...bounds, ' 0 <= z <= 0', 'End');
  return lines.join('\n');
}
