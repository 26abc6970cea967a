/**
 * Splitting an instance into independent parts. Fields (学科) are grouped with a union–find over the
 * candidate pairs: two fields land in the same part whenever some application of one has a candidate
 * expert of the other. Parts therefore share no candidate pair, so solving each part exactly solves the
 * whole instance exactly, and the parts can be solved in any order or in parallel with the same result.
 */
import type { CanonicalInstance } from './canonical.js';

export interface InstancePart {
  /** A self-contained canonical instance (local indices; field indices refer to the parent's fields). */
  instance: CanonicalInstance;
  /** Local application index → parent application index (increasing). */
  appIndex: Int32Array;
  /** Local expert index → parent expert index (increasing). */
  expertIndex: Int32Array;
  /** Parent field indices covered by this part. */
  fields: number[];
}

export function partitionByField(ci: CanonicalInstance): InstancePart[] {
  const F = ci.fields.length;
  const parent = Int32Array.from({ length: F }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const n = ci.appIds.length;
  for (let a = 0; a < n; a++) {
    const fa = find(ci.appField[a]!);
    for (let i = ci.candStart[a]!; i < ci.candStart[a + 1]!; i++) {
      const fe = find(ci.expertField[ci.candExpert[i]!]!);
      if (fe !== fa) parent[Math.max(fa, fe)] = Math.min(fa, fe);
    }
  }
  // Parts ordered by their smallest field index: canonical, independent of input order.
  const partOfRoot = new Int32Array(F).fill(-1);
  const partFields: number[][] = [];
  for (let f = 0; f < F; f++) {
    const r = find(f);
    if (partOfRoot[r] === -1) {
      partOfRoot[r] = partFields.length;
      partFields.push([]);
    }
    partFields[partOfRoot[r]!]!.push(f);
  }
  const P = partFields.length;
  const appPart = new Int32Array(n);
  const appCount = new Int32Array(P);
  for (let a = 0; a < n; a++) {
    const p = partOfRoot[find(ci.appField[a]!)]!;
    appPart[a] = p;
    appCount[p]!++;
  }
  const m = ci.expertIds.length;
  const expPart = new Int32Array(m);
  const expCount = new Int32Array(P);
  for (let e = 0; e < m; e++) {
    const p = partOfRoot[find(ci.expertField[e]!)]!;
    expPart[e] = p;
    expCount[p]!++;
  }
  const parts: InstancePart[] = [];
  const localExpert = new Int32Array(m);
  const appIdx = Array.from({ length: P }, (_, p) => new Int32Array(appCount[p]!));
  const expIdx = Array.from({ length: P }, (_, p) => new Int32Array(expCount[p]!));
  appCount.fill(0);
  expCount.fill(0);
  for (let a = 0; a < n; a++) appIdx[appPart[a]!]![appCount[appPart[a]!]!++] = a;
  for (let e = 0; e < m; e++) {
    const p = expPart[e]!;
    localExpert[e] = expCount[p]!;
    expIdx[p]![expCount[p]!++] = e;
  }
  for (let p = 0; p < P; p++) {
    const apps = appIdx[p]!;
    const exps = expIdx[p]!;
    const na = apps.length;
    const candStart = new Int32Array(na + 1);
    for (let i = 0; i < na; i++) candStart[i + 1] = candStart[i]! + ci.candStart[apps[i]! + 1]! - ci.candStart[apps[i]!]!;
    const total = candStart[na]!;
    const candExpert = new Int32Array(total);
    const candAffinity = new Int32Array(total);
    for (let i = 0; i < na; i++) {
      const lo = ci.candStart[apps[i]!]!;
      const len = ci.candStart[apps[i]! + 1]! - lo;
      const at = candStart[i]!;
      for (let j = 0; j < len; j++) {
        candExpert[at + j] = localExpert[ci.candExpert[lo + j]!]!;
        candAffinity[at + j] = ci.candAffinity[lo + j]!;
      }
    }
    parts.push({
      instance: {
        k: ci.k,
        fields: ci.fields,
        appIds: Array.from(apps, (a) => ci.appIds[a]!),
        appField: apps.map((a) => ci.appField[a]!),
        expertIds: Array.from(exps, (e) => ci.expertIds[e]!),
        expertField: exps.map((e) => ci.expertField[e]!),
        minLoad: exps.map((e) => ci.minLoad[e]!),
        maxLoad: exps.map((e) => ci.maxLoad[e]!),
        candStart,
        candExpert,
        candAffinity,
      },
      appIndex: apps,
      expertIndex: exps,
      fields: partFields[p]!,
    });
  }
  return parts;
}
