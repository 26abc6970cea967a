/**
 * Input shapes and their canonical form. Everything downstream (flows, draws, hashes) works on the
 * canonical instance — applications and experts sorted by id, candidates grouped by application and
 * sorted by expert — so the result never depends on the order in which the caller listed things.
 */
import { sha256 } from '@noble/hashes/sha2.js';

export interface ApplicationInput {
  id: string;
  /** Discipline (学科) code or name. */
  field: string;
}

export interface ExpertInput {
  id: string;
  field: string;
  /** Minimum number of applications the expert must review (default 0). */
  minLoad?: number;
  /** Maximum number of applications the expert may review. */
  maxLoad: number;
}

export interface CandidateInput {
  application: string;
  expert: string;
  /** Integer affinity (higher = better match); conflicts of interest already removed. */
  affinity: number;
}

export interface AssignmentInput {
  /** Experts per application. */
  k: number;
  applications: readonly ApplicationInput[];
  experts: readonly ExpertInput[];
  candidates: readonly CandidateInput[];
}

/** Array-of-columns form for large instances (hundreds of thousands of applications). */
export interface CompactAssignmentInput {
  k: number;
  applicationIds: readonly string[];
  applicationFields: readonly string[];
  expertIds: readonly string[];
  expertFields: readonly string[];
  minLoad: ArrayLike<number>;
  maxLoad: ArrayLike<number>;
  /** Index into applicationIds. */
  candidateApplication: ArrayLike<number>;
  /** Index into expertIds. */
  candidateExpert: ArrayLike<number>;
  candidateAffinity: ArrayLike<number>;
}

export interface CanonicalInstance {
  k: number;
  /** Sorted field names; appField/expertField index into it. */
  fields: string[];
  appIds: string[];
  appField: Int32Array;
  expertIds: string[];
  expertField: Int32Array;
  minLoad: Int32Array;
  maxLoad: Int32Array;
  /** CSR by application: candidates of app a are candStart[a] .. candStart[a+1]-1, sorted by expert. */
  candStart: Int32Array;
  candExpert: Int32Array;
  candAffinity: Int32Array;
}

export class AssignmentInputError extends Error {}

/** Code-unit order: the same on every JavaScript engine, unlike localeCompare. */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const MAX_AFFINITY = 1_000_000;
const MAX_LOAD = 1_000_000;

function isCompact(x: AssignmentInput | CompactAssignmentInput): x is CompactAssignmentInput {
  return (x as CompactAssignmentInput).applicationIds !== undefined;
}

export function toCompact(input: AssignmentInput): CompactAssignmentInput {
  const appIndex = new Map<string, number>();
  input.applications.forEach((a, i) => appIndex.set(a.id, i));
  const expIndex = new Map<string, number>();
  input.experts.forEach((e, i) => expIndex.set(e.id, i));
  const c = input.candidates.length;
  const ca = new Int32Array(c);
  const ce = new Int32Array(c);
  const cw = new Int32Array(c);
  input.candidates.forEach((x, i) => {
    const a = appIndex.get(x.application);
    const e = expIndex.get(x.expert);
    if (a === undefined) throw new AssignmentInputError(`候选配对引用了不存在的申请「${x.application}」`);
    if (e === undefined) throw new AssignmentInputError(`候选配对引用了不存在的专家「${x.expert}」`);
    if (!Number.isInteger(x.affinity) || Math.abs(x.affinity) > MAX_AFFINITY) {
      throw new AssignmentInputError(`亲和度必须是绝对值不超过 ${MAX_AFFINITY} 的整数（申请「${x.application}」专家「${x.expert}」）`);
    }
    ca[i] = a;
    ce[i] = e;
    cw[i] = x.affinity;
  });
  return {
    k: input.k,
    applicationIds: input.applications.map((a) => a.id),
    applicationFields: input.applications.map((a) => a.field),
    expertIds: input.experts.map((e) => e.id),
    expertFields: input.experts.map((e) => e.field),
    minLoad: input.experts.map((e) => e.minLoad ?? 0),
    maxLoad: input.experts.map((e) => e.maxLoad),
    candidateApplication: ca,
    candidateExpert: ce,
    candidateAffinity: cw,
  };
}

function sortedOrder(ids: readonly string[], what: string): { order: Int32Array; rankOf: Int32Array } {
  const order = Int32Array.from(ids.keys());
  const idx = Array.from(order);
  idx.sort((x, y) => compareIds(ids[x]!, ids[y]!));
  const rankOf = new Int32Array(ids.length);
  for (let r = 0; r < idx.length; r++) {
    order[r] = idx[r]!;
    rankOf[idx[r]!] = r;
    if (r > 0 && ids[idx[r]!] === ids[idx[r - 1]!]) throw new AssignmentInputError(`${what}编号「${ids[idx[r]!]}」重复`);
  }
  return { order, rankOf };
}

export function canonicalize(input: AssignmentInput | CompactAssignmentInput): CanonicalInstance {
  const x = isCompact(input) ? input : toCompact(input);
  const k = x.k;
  if (!Number.isInteger(k) || k < 1 || k > 1000) throw new AssignmentInputError('每份申请的评审专家数 k 必须是 1–1000 的整数');
  const n = x.applicationIds.length;
  const m = x.expertIds.length;
  if (x.applicationFields.length !== n || x.expertFields.length !== m || x.minLoad.length !== m || x.maxLoad.length !== m) {
    throw new AssignmentInputError('输入列长度不一致');
  }
  const apps = sortedOrder(x.applicationIds, '申请');
  const exps = sortedOrder(x.expertIds, '专家');
  const fieldSet = new Set<string>();
  for (const f of x.applicationFields) fieldSet.add(f);
  for (const f of x.expertFields) fieldSet.add(f);
  const fields = [...fieldSet].sort(compareIds);
  const fieldIndex = new Map(fields.map((f, i) => [f, i] as const));

  const appIds = new Array<string>(n);
  const appField = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const o = apps.order[r]!;
    appIds[r] = x.applicationIds[o]!;
    appField[r] = fieldIndex.get(x.applicationFields[o]!)!;
  }
  const expertIds = new Array<string>(m);
  const expertField = new Int32Array(m);
  const minLoad = new Int32Array(m);
  const maxLoad = new Int32Array(m);
  for (let r = 0; r < m; r++) {
    const o = exps.order[r]!;
    expertIds[r] = x.expertIds[o]!;
    expertField[r] = fieldIndex.get(x.expertFields[o]!)!;
    const lo = x.minLoad[o]!;
    const hi = x.maxLoad[o]!;
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 0 || hi < lo || hi > MAX_LOAD) {
      throw new AssignmentInputError(`专家「${expertIds[r]}」的评审量上下限无效（最低 ${lo}，最高 ${hi}）`);
    }
    minLoad[r] = lo;
    maxLoad[r] = hi;
  }

  const c = x.candidateApplication.length;
  if (x.candidateExpert.length !== c || x.candidateAffinity.length !== c) throw new AssignmentInputError('候选配对列长度不一致');
  const candStart = new Int32Array(n + 1);
  for (let i = 0; i < c; i++) {
    const a = x.candidateApplication[i]!;
    if (!(a >= 0 && a < n && Number.isInteger(a))) throw new AssignmentInputError('候选配对引用了不存在的申请');
    candStart[apps.rankOf[a]! + 1]!++;
  }
  for (let a = 0; a < n; a++) candStart[a + 1]! += candStart[a]!;
  const fill = candStart.slice(0, n);
  const candExpert = new Int32Array(c);
  const candAffinity = new Int32Array(c);
  for (let i = 0; i < c; i++) {
    const e = x.candidateExpert[i]!;
    if (!(e >= 0 && e < m && Number.isInteger(e))) throw new AssignmentInputError('候选配对引用了不存在的专家');
    const w = x.candidateAffinity[i]!;
    if (!Number.isInteger(w) || Math.abs(w) > MAX_AFFINITY) throw new AssignmentInputError(`亲和度必须是绝对值不超过 ${MAX_AFFINITY} 的整数`);
    const a = apps.rankOf[x.candidateApplication[i]!]!;
    const j = fill[a]!++;
    candExpert[j] = exps.rankOf[e]!;
    candAffinity[j] = w;
  }
  // Insertion sort within each application's (short) candidate list.
  for (let a = 0; a < n; a++) {
    const lo = candStart[a]!;
    const hi = candStart[a + 1]!;
    for (let i = lo + 1; i < hi; i++) {
      const e = candExpert[i]!;
      const w = candAffinity[i]!;
      let j = i - 1;
      while (j >= lo && candExpert[j]! > e) {
        candExpert[j + 1] = candExpert[j]!;
        candAffinity[j + 1] = candAffinity[j]!;
        j--;
      }
      candExpert[j + 1] = e;
      candAffinity[j + 1] = w;
    }
    for (let i = lo + 1; i < hi; i++) {
      if (candExpert[i] === candExpert[i - 1]) {
        throw new AssignmentInputError(`申请「${appIds[a]}」与专家「${expertIds[candExpert[i]!]}」的候选配对重复`);
      }
    }
  }
  return { k, fields, appIds, appField, expertIds, expertField, minLoad, maxLoad, candStart, candExpert, candAffinity };
}

/**
 * Streams a canonical binary encoding into SHA-256 (little-endian integers, length-prefixed UTF-8
 * strings) so that large instances hash without building one huge string.
 */
export class CanonicalHasher {
  private readonly h = sha256.create();
  private readonly buf = new Uint8Array(1 << 16);
  private readonly view = new DataView(this.buf.buffer);
  private pos = 0;
  private readonly enc = new TextEncoder();

  private room(bytes: number): void {
    if (this.pos + bytes > this.buf.length) this.flush();
  }
  private flush(): void {
    if (this.pos > 0) this.h.update(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }
  u32(v: number): this {
    this.room(4);
    this.view.setUint32(this.pos, v >>> 0, true);
    this.pos += 4;
    return this;
  }
  i32(v: number): this {
    this.room(4);
    this.view.setInt32(this.pos, v, true);
    this.pos += 4;
    return this;
  }
  /** Non-negative integer up to 2^53. */
  u53(v: number): this {
    this.u32(v % 2 ** 32);
    return this.u32(Math.floor(v / 2 ** 32));
  }
  str(s: string): this {
    const bytes = this.enc.encode(s);
    this.u32(bytes.length);
    if (bytes.length > this.buf.length) {
      this.flush();
      this.h.update(bytes);
      return this;
    }
    this.room(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
    return this;
  }
  digest(): Uint8Array {
    this.flush();
    return this.h.digest();
  }
  hex(): string {
    return toHex(this.digest());
  }
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += bytes[i]!.toString(16).padStart(2, '0');
  return s;
}

export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) throw new AssignmentInputError('十六进制字符串无效');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export const INPUT_HASH_DOMAIN = 'kechuang/assignment-input/v1';

/** SHA-256 of the canonical instance: the same for any listing order of the same facts. */
export function instanceHash(ci: CanonicalInstance): string {
  const h = new CanonicalHasher().str(INPUT_HASH_DOMAIN).u32(ci.k).u32(ci.fields.length);
  for (const f of ci.fields) h.str(f);
  h.u32(ci.appIds.length);
  for (let a = 0; a < ci.appIds.length; a++) h.str(ci.appIds[a]!).u32(ci.appField[a]!);
  h.u32(ci.expertIds.length);
  for (let e = 0; e < ci.expertIds.length; e++) h.str(ci.expertIds[e]!).u32(ci.expertField[e]!).u32(ci.minLoad[e]!).u32(ci.maxLoad[e]!);
  for (let a = 0; a < ci.appIds.length; a++) {
    const lo = ci.candStart[a]!;
    const hi = ci.candStart[a + 1]!;
    h.u32(hi - lo);
    for (let i = lo; i < hi; i++) h.u32(ci.candExpert[i]!).i32(ci.candAffinity[i]!);
  }
  return h.hex();
}
