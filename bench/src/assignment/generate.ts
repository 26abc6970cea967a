/**
 * Fixed-seed generator of expert-assignment instances shaped like a call: field (学科) sizes follow a
 * Zipf law, applications and experts are spread over fields in the same proportions, each application
 * has 50 candidate experts after conflicts (from its own field; small fields borrow from the whole
 * pool), affinities mix expert-level quality with pair-level fit (so popular experts saturate), and
 * loads are set so the instance is feasible.
 */
import { mulberry32 } from '../../../packages/domain/src/common/prng.js';
import type { CompactAssignmentInput } from '../../../packages/domain/src/assignment/index.js';

export interface GenOptions {
  apps: number;
  experts: number;
  k?: number;
  candidatesPerApp?: number;
  seed?: number;
  fields?: number;
}

export function generateInstance(o: GenOptions): CompactAssignmentInput & { fieldCount: number } {
  const k = o.k ?? 5;
  const C = o.candidatesPerApp ?? 50;
  const rnd = mulberry32(o.seed ?? 20240501);
  const N = o.apps;
  const M = o.experts;
  const F = o.fields ?? Math.max(3, Math.min(40, Math.round(Math.sqrt(M) / 2)));
  // Zipf(1) field shares.
  const w = Array.from({ length: F }, (_, i) => 1 / (i + 1));
  const W = w.reduce((s, x) => s + x, 0);
  const split = (total: number): number[] => {
    const out = w.map((x) => Math.floor((total * x) / W));
    let rest = total - out.reduce((s, x) => s + x, 0);
    for (let i = 0; rest > 0; i = (i + 1) % F, rest--) out[i]!++;
    return out;
  };
  const appsPerField = split(N);
  const expsPerField = split(M);
  const fieldName = (f: number) => `F${String(f).padStart(2, '0')}`;
  const pad = (x: number, len: number) => String(x).padStart(len, '0');
  const expertIds: string[] = [];
  const expertFields: string[] = [];
  const expFieldStart: number[] = [];
  for (let f = 0; f < F; f++) {
    expFieldStart.push(expertIds.length);
    for (let j = 0; j < expsPerField[f]!; j++) {
      expertIds.push(`E${pad(expertIds.length, 7)}`);
      expertFields.push(fieldName(f));
    }
  }
  expFieldStart.push(M);
  const quality = new Float64Array(M);
  for (let e = 0; e < M; e++) quality[e] = rnd() ** 2;
  const avgLoad = (N * k) / M;
  const maxLoad = new Int32Array(M);
  const minLoad = new Int32Array(M);
  for (let e = 0; e < M; e++) {
    maxLoad[e] = Math.ceil(avgLoad * 1.5) + 1;
    minLoad[e] = avgLoad >= 2 && rnd() < 0.3 ? 1 : 0;
  }
  const applicationIds: string[] = [];
  const applicationFields: string[] = [];
  const ca = new Int32Array(N * C);
  const ce = new Int32Array(N * C);
  const cw = new Int32Array(N * C);
  const mark = new Int32Array(M).fill(-1);
  let z = 0;
  for (let f = 0; f < F; f++) {
    const lo = expFieldStart[f]!;
    const size = expFieldStart[f + 1]! - lo;
    for (let j = 0; j < appsPerField[f]!; j++) {
      const a = applicationIds.length;
      applicationIds.push(`A${pad(a, 7)}`);
      applicationFields.push(fieldName(f));
      let got = 0;
      const take = (e: number) => {
        if (mark[e] === a) return;
        mark[e] = a;
        ca[z] = a;
        ce[z] = e;
        cw[z++] = Math.floor(100 * (0.5 * quality[e]! + 0.5 * rnd()));
        got++;
      };
      if (size >= C + 30) {
        while (got < C) take(lo + Math.floor(rnd() * size));
      } else {
        for (let e = lo; e < lo + size && got < C; e++) take(e);
        while (got < Math.min(C, M)) take(Math.floor(rnd() * M));
      }
    }
  }
  // A minimum load only for experts that enough applications list, so every instance stays feasible.
  const appearances = new Int32Array(M);
  for (let i = 0; i < z; i++) appearances[ce[i]!]!++;
  for (let e = 0; e < M; e++) if (appearances[e]! < 10) minLoad[e] = 0;
  return {
    k,
    fieldCount: F,
    applicationIds,
    applicationFields,
    expertIds,
    expertFields,
    minLoad,
    maxLoad,
    candidateApplication: ca.subarray(0, z),
    candidateExpert: ce.subarray(0, z),
    candidateAffinity: cw.subarray(0, z),
  };
}
