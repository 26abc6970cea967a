/**
 * The public record of a random draw (随机抽取): what is published before the draw (the commitment: hashes of the
 * inputs and of the eligible pool after 回避, the algorithm version, k, loads, the cap and the entropy sources
 * announced in advance, RFC 3797 style), and after scoring closes the whole record under pseudonyms (A001…,
 * E001…) with salted identity commitments, so that anyone can re-run the draw byte for byte without learning who
 * reviewed what. Pure: the server, the `verify-draw` command and the browser's 在浏览器中验证 all call
 * `verifyPublicDraw`, which calls the assignment engine's `verifyDraw`.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import {
  canonicalize,
  capUnits,
  compareIds,
  deriveSeed,
  instanceHash,
  toHex,
  verifyDraw,
  type AssignmentInput,
  type DrawCap,
  type DrawRecord,
} from '../assignment/index.js';
import { canonicalJson } from '../audit/hash-chain.js';
import { PUBLIC_DRAW_FORMAT, type PublicDrawRecord } from './draw-responses.js';

export const POOL_HASH_DOMAIN = 'kechuang/draw-pool/v1';
export const DEFAULT_DRAW_CAP: DrawCap = { numerator: 1, denominator: 2 };

const utf8 = (s: string) => new TextEncoder().encode(s);
export const sha256Hex = (s: string): string => toHex(sha256(utf8(s)));

/** An entropy source announced before the draw: what will be published, and when its value becomes public. */
export interface EntropySource {
  /** e.g. 中国福利彩票“3D”第2026330期开奖号码 */
  description: string;
  /** ISO instant at which the value becomes public; must be after the commitment. */
  publicAt: string;
}

/** What is published before the draw. Its SHA-256 (canonical JSON) is the commitment hash. */
export interface DrawCommitment {
  format: typeof PUBLIC_DRAW_FORMAT;
  drawId: string;
  callTitle: string;
  committedAt: string;
  algorithm: string;
  k: number;
  loads: { min: number; max: number };
  cap: DrawCap;
  /** Effective cap in 1/65536 (the engine rounds down). */
  capNumerator: number;
  /** SHA-256 of the canonical pseudonymised inputs (the engine's instanceHash). */
  inputHash: string;
  /** SHA-256 of the eligible pool after 回避: pseudonyms with identity commitments and the candidate pairs. */
  poolHash: string;
  applications: number;
  experts: number;
  candidatePairs: number;
  sources: EntropySource[];
  /** The observer's (纪检监督) input is a further value, recorded before the draw. */
  observerSlot: string;
  /** Set on demonstration data only (演示). */
  note?: string;
}

export interface PseudonymCommitment {
  pseudonym: string;
  /** sha256(salt ‖ real id), hex; salt is 64 hex digits, concatenated as text with the id (UTF-8). */
  commitment: string;
}

export interface DrawPseudonyms {
  applications: PseudonymCommitment[];
  experts: PseudonymCommitment[];
}

/** A sealed pseudonym: only the observer and the auditor read these (review.unseal). */
export interface PseudonymSeal {
  pseudonym: string;
  id: string;
  salt: string;
}

export function identityCommitment(salt: string, id: string): string {
  return sha256Hex(salt + id);
}

function pseudonymWidth(n: number): number {
  return Math.max(3, String(n).length);
}

export interface Pseudonymised {
  inputs: AssignmentInput;
  pseudonyms: DrawPseudonyms;
  seals: { applications: PseudonymSeal[]; experts: PseudonymSeal[] };
  /** real id → pseudonym */
  applicationOf: Map<string, string>;
  expertOf: Map<string, string>;
}

/**
 * Pseudonyms in canonical order (ids sorted as the engine sorts them), fixed width, so the pseudonymised instance
 * sorts exactly like the real one: the engine then draws the same pairs from it, and only the names differ.
 * `salt()` returns 64 hex digits of fresh randomness per entity (the server passes node:crypto).
 */
export function pseudonymise(input: AssignmentInput, salt: () => string): Pseudonymised {
  const name = (prefix: string, ids: string[]) => {
    const w = pseudonymWidth(ids.length);
    return new Map([...ids].sort(compareIds).map((id, i) => [id, `${prefix}${String(i + 1).padStart(w, '0')}`] as const));
  };
  const applicationOf = name('A', input.applications.map((a) => a.id));
  const expertOf = name('E', input.experts.map((e) => e.id));
  const seal = (m: Map<string, string>) => [...m].map(([id, pseudonym]) => ({ pseudonym, id, salt: salt() }));
  const seals = { applications: seal(applicationOf), experts: seal(expertOf) };
  const commit = (list: PseudonymSeal[]) => list.map((s) => ({ pseudonym: s.pseudonym, commitment: identityCommitment(s.salt, s.id) }));
  const inputs: AssignmentInput = {
    k: input.k,
    applications: input.applications.map((a) => ({ id: applicationOf.get(a.id)!, field: a.field })).sort((x, y) => compareIds(x.id, y.id)),
    experts: input.experts
      .map((e) => ({ id: expertOf.get(e.id)!, field: e.field, minLoad: e.minLoad ?? 0, maxLoad: e.maxLoad }))
      .sort((x, y) => compareIds(x.id, y.id)),
    candidates: input.candidates
      .map((c) => ({ application: applicationOf.get(c.application)!, expert: expertOf.get(c.expert)!, affinity: c.affinity }))
      .sort((x, y) => compareIds(x.application, y.application) || compareIds(x.expert, y.expert)),
  };
  return { inputs, pseudonyms: { applications: commit(seals.applications), experts: commit(seals.experts) }, seals, applicationOf, expertOf };
}

/** Hash of the eligible pool after 回避: who (as commitments) stands behind each pseudonym, and which pairs may be drawn. */
export function poolHash(pseudonyms: DrawPseudonyms, inputs: AssignmentInput): string {
  const pairs = inputs.candidates.map((c) => [c.application, c.expert]).sort((x, y) => compareIds(x[0]!, y[0]!) || compareIds(x[1]!, y[1]!));
  const sorted = (l: PseudonymCommitment[]) => [...l].sort((x, y) => compareIds(x.pseudonym, y.pseudonym)).map((p) => [p.pseudonym, p.commitment]);
  return sha256Hex(canonicalJson([POOL_HASH_DOMAIN, sorted(pseudonyms.applications), sorted(pseudonyms.experts), pairs]));
}

export function commitmentHash(c: DrawCommitment): string {
  return sha256Hex(canonicalJson(c));
}

export function pseudonymisedInputHash(inputs: AssignmentInput): string {
  return instanceHash(canonicalize(inputs));
}


export interface PublicVerifyOutcome {
  ok: boolean;
  /** Simplified Chinese, in the order checked; the first is the first difference. */
  problems: string[];
  /** What was checked, for a reader (Chinese). */
  checked: string[];
}

const at = (iso: string) => Date.parse(iso);

/**
 * Re-runs a published record: commitment hash, sources announced before the commitment, seed from the public
 * values and the observer's input, inputs and pool against the commitment, then the engine's verifyDraw (the
 * draw itself, byte for byte, and the published pairs against the result hash).
 */
export function verifyPublicDraw(rec: PublicDrawRecord): PublicVerifyOutcome {
  const problems: string[] = [];
  const checked: string[] = [];
  if (rec?.format !== PUBLIC_DRAW_FORMAT) return { ok: false, problems: [`记录格式「${String(rec?.format)}」不是「${PUBLIC_DRAW_FORMAT}」，无法复核。`], checked };
  if (!rec.published || !rec.inputs || !rec.record || !rec.pairs || !rec.pseudonyms || !rec.sourceValues || !rec.observer || !rec.seed) {
    return { ok: false, problems: ['该记录尚未公开（评审打分结束后公开）或不完整，无法复核。'], checked };
  }
  const c = rec.commitment;
  if (commitmentHash(c) !== rec.commitmentHash) problems.push('承诺内容与承诺哈希不一致：抽取前公布的承诺被改动。');
  checked.push('承诺哈希');
  if (rec.sourceValues.length !== c.sources.length) problems.push(`公布的随机来源数值有 ${rec.sourceValues.length} 个，与承诺中预告的 ${c.sources.length} 个来源不符。`);
  c.sources.forEach((s, i) => {
    if (!(at(s.publicAt) > at(c.committedAt))) problems.push(`随机来源「${s.description}」的公布时间不晚于承诺时间：不是事先预告的未知数。`);
    if (rec.drawnAt && at(s.publicAt) > at(rec.drawnAt)) problems.push(`随机来源「${s.description}」的公布时间晚于抽取时间。`);
    if (!rec.sourceValues![i]?.trim()) problems.push(`随机来源「${s.description}」没有公布数值。`);
  });
  if (rec.drawnAt && !(at(rec.observer.witnessedAt) <= at(rec.drawnAt))) problems.push('纪检监督的输入晚于抽取时间。');
  checked.push('随机来源事先预告');
  let seed = '';
  try {
    seed = deriveSeed([...rec.sourceValues, rec.observer.input]);
  } catch (e) {
    problems.push(`无法由公开数值计算随机种子：${(e as Error).message}`);
  }
  if (seed && seed !== rec.seed) problems.push('由公开随机数值和纪检监督输入计算的随机种子与记录中的种子不一致。');
  if (rec.record.seed !== rec.seed) problems.push('抽取记录中的种子与公布的种子不一致。');
  checked.push('随机种子');
  if (rec.record.algorithm !== c.algorithm) problems.push(`抽取所用算法版本「${rec.record.algorithm}」与承诺的「${c.algorithm}」不一致。`);
  let capOk = true;
  try {
    capOk = capUnits(c.cap) === c.capNumerator && rec.record.capNumerator === c.capNumerator;
  } catch {
    capOk = false;
  }
  if (!capOk) problems.push('抽取所用的概率上限与承诺不一致。');
  if (rec.inputs.k !== c.k) problems.push(`每份申请的专家人数 ${rec.inputs.k} 与承诺的 ${c.k} 不一致。`);
  checked.push('算法版本、概率上限与 k');
  let inputHash = '';
  try {
    inputHash = pseudonymisedInputHash(rec.inputs);
  } catch (e) {
    problems.push(`输入数据无法解析：${(e as Error).message}`);
  }
  if (inputHash && inputHash !== c.inputHash) problems.push('公布的（化名）输入数据与抽取前承诺的输入哈希不一致。');
  if (poolHash(rec.pseudonyms, rec.inputs) !== c.poolHash) problems.push('化名承诺或候选配对与抽取前承诺的回避后专家池哈希不一致。');
  checked.push('输入哈希与专家池哈希');
  if (problems.length === 0) {
    const r = verifyDraw(rec.record as DrawRecord, rec.inputs, rec.pairs);
    problems.push(...r.problems);
    const affinity = new Map(rec.inputs.candidates.map((x) => [`${x.application}\u0000${x.expert}`, x.affinity]));
    for (const p of rec.pairs) {
      if (affinity.get(`${p.application}\u0000${p.expert}`) !== p.affinity) {
        problems.push(`公布的配对 ${p.application}–${p.expert} 不是候选配对或亲和度不符。`);
        break;
      }
    }
    checked.push('按种子重新抽取（结果哈希、总亲和度、公布名单）');
  }
  return { ok: problems.length === 0, problems, checked };
}
