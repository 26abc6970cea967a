/**
 * The 查重 index (BL-9): near-duplicate search (OPH MinHash + LSH, exact Jaccard/containment re-rank
 * against stored shingle-hash sets) and copied-passage search (winnowed k-gram fingerprints with a
 * stated guarantee), holding signatures and fingerprints only — never the texts.
 *
 * Per document it stores: the sorted set of 32-bit hashes of its character 3-grams (Rice coded), its
 * normalised length, a compact map from normalised to original offsets (only where they jump, e.g.
 * around removed whitespace and boilerplate), its LSH band keys (in the LSH multimap) and its winnowed
 * k-gram fingerprints with positions (in the postings multimap).
 *
 * Passage guarantee: every maximal common run of ≥ t = window + kgram − 1 normalised characters
 * between the query and an archived text is reported whole, unless every archived fingerprint in it
 * lies within t query positions of a boilerplate k-gram (one whose fingerprint occurs in more than
 * QueryOptions.maxFingerprintDocs places: a widely quoted text, counted in stats, not expanded).
 * The archived side of any such run holds a
 * winnowed k-gram; the query side is probed with ALL its k-grams, so that fingerprint is found; the
 * run is then grown character by character while the query's 3-gram at the edge belongs to the
 * archived text's 3-gram set — which every 3-gram inside a common run does — so the reported span
 * covers the whole run (it may overrun an edge only where the next query 3-gram happens to occur
 * elsewhere in the archived text).
 */
import { ByteReader, ByteWriter, checksum64, decodeRice, riceCount } from './codec.js';
import { kgramHashes, shingleHashes } from './hash.js';
import { countFine, FINE_BITS, MultiMap, newRaw, U32Buf, type RawEntries } from './multimap.js';
import { createNormaliser, type NormalisedText, type NormaliseOptions, type Normaliser } from './normalise.js';
import { bandKeys, SignatureScratch, sketchAgreement, sketchBytes, sketchThreshold } from './signature.js';
import { winnow } from './winnow.js';
import { DEFAULT_MAX_FINGERPRINT_DOCS, DEFAULT_MIN_PASSAGE_CHARS, DEFAULT_PARAMS, PARAM_RANGES, type DedupeParams, type DedupeResult, type NearDuplicate, type PassageMatch, type QueryOptions, type SourceCopy } from './types.js';
import { intersect, positionsInSet, sortedUnique } from './sets.js';
import { decodeOffsets, encodeOffsets, readU16s, readU32s, skipOffsets, validateBlob, writeU16s, writeU32s } from './doc-blob.js';

export * from './types.js';
export { intersect, sortedUnique } from './sets.js';

const MAGIC = 0x4444434b; // "KCDD"
const VERSION = 2;
/** Header: magic (4), version (1), three zero bytes, 64-bit checksum of every byte after the header (8). */
const HEADER_BYTES = 16;
const POOL_CHUNK = 1 << 22;

interface Analysed {
  norm: NormalisedText;
  set: Uint32Array;
  /** Band keys and sketch, when the set is not empty. */
  signed: boolean;
  fpPos: Uint32Array;
  fpHash: Uint32Array;
}

export class DedupeIndex {
  readonly params: Readonly<DedupeParams>;
  readonly normaliseOptions: Readonly<{ templatePhrases: readonly string[]; headings: readonly string[] }>;
  private readonly normaliser: Normaliser;

  // Documents by ordinal (insertion order).
  private ids: string[] = [];
  private readonly idToOrd = new Map<string, number>();
  private alive = new Uint8Array(1024);
  private normLen = new Uint32Array(1024);
  private blobChunk = new Uint32Array(1024);
  private blobOff = new Uint32Array(1024);
  private pool: Uint8Array[] = [];
  private poolFill = 0;
  private liveCount = 0;
  private maxShingles = 0;

  private readonly lsh = new MultiMap(1);
  private readonly postings = new MultiMap(2);
  // Bulk build state: LSH entries are only counted (then recomputed from the stored sets), postings
  // are collected raw.
  private raw: { lshCounts: Uint32Array; lshEntries: number; fp: RawEntries } | null = null;

  // Scratch reused across calls (an index is not re-entrant).
  private readonly sigScratch: SignatureScratch;
  private readonly keysScratch: Uint32Array;
  private readonly sketchScratch: Uint8Array;
  private readonly querySketch: Uint8Array;
  private stamp = new Uint32Array(1024);
  private epoch = 0;
  private decodeBuf = new Uint32Array(1024);
  private readonly writer = new ByteWriter(4096);

  constructor(params: Partial<DedupeParams> = {}, normaliseOptions: NormaliseOptions = {}) {
    const p = { ...DEFAULT_PARAMS, ...params };
    for (const [k, v] of Object.entries(p)) if (!Number.isInteger(v) || v < 0) throw new RangeError(`查重索引参数 ${k} 须为非负整数（收到 ${String(v)}）`);
    for (const [k, [lo, hi]] of Object.entries(PARAM_RANGES)) {
      const v = p[k as keyof DedupeParams];
      if (v < lo || v > hi) throw new RangeError(`查重索引参数 ${k} 须在 ${lo}–${hi} 之间（收到 ${v}）`);
    }
    if (p.kgram < p.shingleSize) throw new RangeError(`查重索引参数 kgram（${p.kgram}）不能小于 shingleSize（${p.shingleSize}）`);
    if (p.window + p.kgram - 1 > DEFAULT_MIN_PASSAGE_CHARS)
      throw new RangeError(`查重索引参数 window + kgram − 1（${p.window + p.kgram - 1}）超过默认最短段落 ${DEFAULT_MIN_PASSAGE_CHARS} 字：这样 ${DEFAULT_MIN_PASSAGE_CHARS} 字的复制段落不再保证被发现`);
    this.params = Object.freeze(p);
    this.normaliseOptions = Object.freeze({ templatePhrases: [...(normaliseOptions.templatePhrases ?? [])], headings: [...(normaliseOptions.headings ?? [])] });
    this.normaliser = createNormaliser(this.normaliseOptions);
    this.sigScratch = new SignatureScratch(p.bands * p.rows);
    this.keysScratch = new Uint32Array(p.bands);
    this.sketchScratch = new Uint8Array(sketchBytes(p.bands * p.rows));
    this.querySketch = new Uint8Array(sketchBytes(p.bands * p.rows));
  }

  /** Common runs of at least this many normalised characters are always reported. */
  get guaranteeChars(): number {
    return this.params.window + this.params.kgram - 1;
  }

  get size(): number {
    return this.liveCount;
  }

  has(docId: string): boolean {
    return this.idToOrd.has(docId);
  }

  /** Approximate bytes held by the index's typed arrays. */
  get bytes(): number {
    return this.pool.reduce((s, c) => s + c.byteLength, 0) + this.lsh.bytes + this.postings.bytes + this.alive.byteLength * 17 + this.stamp.byteLength;
  }

  normalise(text: string): NormalisedText {
    return this.normaliser(text);
  }

  /**
   * Builds an index from many documents in one pass: entries are collected raw and sorted once,
   * instead of going through the one-at-a-time delta segment. `docs` may be a generator, so the
   * texts need never be held together.
   */
  static build(docs: Iterable<{ id: string; text: string }>, params: Partial<DedupeParams> = {}, normaliseOptions: NormaliseOptions = {}): DedupeIndex {
    const index = new DedupeIndex(params, normaliseOptions);
    index.raw = { lshCounts: new Uint32Array(1 << FINE_BITS), lshEntries: 0, fp: newRaw(2, true) };
    for (const d of docs) index.add(d.id, d.text);
    const raw = index.raw;
    index.raw = null;
    index.postings.buildStatic(raw.fp);
    const { bands, rows, seed, shingleSize } = index.params;
    index.lsh.buildCounted(raw.lshCounts, raw.lshEntries, (put) => {
      const keys = index.keysScratch;
      for (let ord = 0; ord < index.ids.length; ord++) {
        if (index.normLen[ord]! < shingleSize) continue;
        const buf = index.pool[index.blobChunk[ord]!]!;
        const n = riceCount(buf, index.setOff(ord)).n;
        const D = index.ensureDecode(n);
        decodeRice(buf, index.setOff(ord), D);
        bandKeys(D.subarray(0, n), bands, rows, seed, index.sigScratch, keys);
        for (let b = 0; b < bands; b++) put(keys[b]!, ord);
      }
    });
    return index;
  }

  /** Adds a document; an id already present is replaced. */
  add(docId: string, text: string): void {
    if (typeof docId !== 'string' || typeof text !== 'string') throw new TypeError('查重索引：文档编号与文本须为字符串');
    if (this.idToOrd.has(docId)) {
      if (this.raw) throw new Error(`查重索引批量构建：文档编号重复 ${docId}`);
      this.remove(docId);
    }
    const a = this.analyse(text);
    const ord = this.ids.length;
    this.ensureDocCapacity(ord + 1);
    this.ids.push(docId);
    this.idToOrd.set(docId, ord);
    this.alive[ord] = 1;
    this.normLen[ord] = a.norm.chars.length;
    this.liveCount++;
    if (a.set.length > this.maxShingles) this.maxShingles = a.set.length;
    this.storeBlob(ord, a);
    const keys = this.keysScratch;
    const raw = this.raw;
    if (a.signed) {
      for (let b = 0; b < this.params.bands; b++) {
        if (raw) countFine(raw.lshCounts, keys[b]!);
        else this.lsh.insert(keys[b]!, ord);
      }
      if (raw) raw.lshEntries += this.params.bands;
    }
    if (raw && a.fpHash.length > 0) {
      raw.fp.runDocs!.push(ord);
      raw.fp.runLens!.push(a.fpHash.length);
    }
    for (let i = 0; i < a.fpHash.length; i++) {
      if (raw) {
        raw.fp.keys.push(a.fpHash[i]!);
        raw.fp.p1!.push(a.fpPos[i]!);
      } else this.postings.insert(a.fpHash[i]!, ord, a.fpPos[i]!);
    }
    if (!this.raw && (this.lsh.wantsMerge || this.postings.wantsMerge)) this.mergeDeltas();
  }

  /** Removes a document; its entries stop matching at once and are dropped at the next compaction. */
  remove(docId: string): boolean {
    const ord = this.idToOrd.get(docId);
    if (ord === undefined) return false;
    this.idToOrd.delete(docId);
    this.alive[ord] = 0;
    this.ids[ord] = '';
    this.liveCount--;
    if (this.ids.length > 1024 && this.liveCount < this.ids.length / 2) this.compact();
    return true;
  }

  private analyse(text: string): Analysed {
    const norm = this.normaliser(text);
    const set = sortedUnique(shingleHashes(norm.chars, this.params.shingleSize));
    const kh = kgramHashes(norm.chars, this.params.kgram);
    const fpPos = winnow(kh, this.params.window);
    const fpHash = new Uint32Array(fpPos.length);
    for (let i = 0; i < fpPos.length; i++) fpHash[i] = kh[fpPos[i]!]!;
    const signed = bandKeys(set, this.params.bands, this.params.rows, this.params.seed, this.sigScratch, this.keysScratch, this.sketchScratch);
    return { norm, set, signed, fpPos, fpHash };
  }

  private ensureDocCapacity(n: number): void {
    if (n <= this.alive.length) return;
    let cap = this.alive.length * 2;
    while (cap < n) cap *= 2;
    const grow8 = (a: Uint8Array) => {
      const b = new Uint8Array(cap);
      b.set(a);
      return b;
    };
    const grow32 = (a: Uint32Array) => {
      const b = new Uint32Array(cap);
      b.set(a);
      return b;
    };
    this.alive = grow8(this.alive);
    this.normLen = grow32(this.normLen);
    this.blobChunk = grow32(this.blobChunk);
    this.blobOff = grow32(this.blobOff);
    const stamp = new Uint32Array(cap);
    stamp.set(this.stamp);
    this.stamp = stamp;
  }

  /**
   * Blob: the 4-bit sketch (bands × rows nibbles, only when the set is not empty, i.e. normalised
   * length ≥ shingleSize), the Rice-coded shingle set, then the offset map (see encodeOffsets).
   */
  private storeBlob(ord: number, a: Analysed): void {
    const w = this.writer;
    w.length = 0;
    if (a.signed) w.bytes(this.sketchScratch);
    w.rice(a.set);
    encodeOffsets(w, a.norm);
    this.putBlob(ord, w.view());
  }

  private putBlob(ord: number, bytes: Uint8Array): void {
    let c = this.pool.length - 1;
    if (c < 0 || this.poolFill + bytes.length > this.pool[c]!.length) {
      this.pool.push(new Uint8Array(Math.max(POOL_CHUNK, bytes.length)));
      c++;
      this.poolFill = 0;
    }
    this.pool[c]!.set(bytes, this.poolFill);
    this.blobChunk[ord] = c;
    this.blobOff[ord] = this.poolFill;
    this.poolFill += bytes.length;
  }

  /** Where a document's Rice block starts (after its sketch, if it has one). */
  private setOff(ord: number): number {
    return this.blobOff[ord]! + (this.normLen[ord]! >= this.params.shingleSize ? this.sketchScratch.length : 0);
  }

  private blobEnd(ord: number): number {
    const buf = this.pool[this.blobChunk[ord]!]!;
    const { next } = decodeRice(buf, this.setOff(ord), this.ensureDecode(riceCount(buf, this.setOff(ord)).n));
    return skipOffsets(buf, next);
  }

  private ensureDecode(n: number): Uint32Array {
    if (this.decodeBuf.length < n) this.decodeBuf = new Uint32Array(Math.max(n, this.decodeBuf.length * 2));
    return this.decodeBuf;
  }

  /** The stored shingle-hash set of a document (a copy). */
  shingleSet(docId: string): Uint32Array | null {
    const ord = this.idToOrd.get(docId);
    if (ord === undefined) return null;
    const buf = this.pool[this.blobChunk[ord]!]!;
    const out = new Uint32Array(riceCount(buf, this.setOff(ord)).n);
    decodeRice(buf, this.setOff(ord), out);
    return out;
  }

  private mergeDeltas(): void {
    const keep = (p: number) => (this.alive[p] === 1 ? p : -1);
    this.lsh.rebuild(keep);
    this.postings.rebuild(keep);
  }

  /**
   * Drops removed documents for good: ordinals are renumbered densely, the blob pool is packed in
   * place and both multimaps are rebuilt without their entries. Results are unchanged.
   */
  compact(): void {
    const n = this.ids.length;
    const remapArr = new Int32Array(n).fill(-1);
    let m = 0;
    let wc = 0;
    let wo = 0;
    for (let ord = 0; ord < n; ord++) {
      if (this.alive[ord] !== 1) continue;
      const rc = this.blobChunk[ord]!;
      const ro = this.blobOff[ord]!;
      const len = this.blobEnd(ord) - ro;
      // Packing only ever moves a blob towards the front, so it never overwrites one not yet moved.
      while (wo + len > this.pool[wc]!.length) {
        wc++;
        wo = 0;
      }
      if (wc === rc) this.pool[wc]!.copyWithin(wo, ro, ro + len);
      else this.pool[wc]!.set(this.pool[rc]!.subarray(ro, ro + len), wo);
      remapArr[ord] = m;
      this.ids[m] = this.ids[ord]!;
      this.idToOrd.set(this.ids[m]!, m);
      this.alive[m] = 1;
      this.normLen[m] = this.normLen[ord]!;
      this.blobChunk[m] = wc;
      this.blobOff[m] = wo;
      wo += len;
      m++;
    }
    this.ids.length = m;
    this.alive.fill(0, m);
    if (m === 0) {
      this.pool = [];
      this.poolFill = 0;
    } else {
      this.pool.length = wc + 1;
      this.poolFill = wo;
    }
    const remap = (p: number) => remapArr[p]!;
    this.lsh.rebuild(remap);
    this.postings.rebuild(remap);
  }

  /** Looks a text up: near-duplicates, copied passages and the copy ratio. Deterministic. */
  query(text: string, opts: QueryOptions = {}): DedupeResult {
    const minJ = opts.minJaccard ?? 0.5;
    const minC = opts.minContainment ?? 0.8;
    const minPassage = opts.minPassageChars ?? DEFAULT_MIN_PASSAGE_CHARS;
    const maxFpDocs = opts.maxFingerprintDocs ?? DEFAULT_MAX_FINGERPRINT_DOCS;
    if (typeof text !== 'string') throw new TypeError('查重查询文本须为字符串');
    if (typeof minJ !== 'number' || !(minJ >= 0 && minJ <= 1)) throw new RangeError(`minJaccard 须为 0–1 之间的数（收到 ${String(minJ)}）`);
    if (typeof minC !== 'number' || !(minC >= 0 && (minC <= 1 || minC === Infinity)))
      throw new RangeError(`minContainment 须为 0–1 之间的数，或 Infinity 表示不按包含度报告（收到 ${String(minC)}）`);
    if (!Number.isInteger(minPassage) || minPassage < 1) throw new RangeError(`minPassageChars 须为正整数（收到 ${String(minPassage)}）`);
    if (typeof maxFpDocs !== 'number' || !(maxFpDocs >= 1) || (!Number.isInteger(maxFpDocs) && maxFpDocs !== Infinity))
      throw new RangeError(`maxFingerprintDocs 须为正整数或 Infinity（收到 ${String(maxFpDocs)}）`);
    const minChars = Math.max(minPassage, this.params.kgram);
    const { shingleSize: sn, kgram: k, bands } = this.params;
    const norm = this.normaliser(text);
    const cps = norm.chars;
    const n = cps.length;
    const sh = shingleHashes(cps, sn);
    const Q = sortedUnique(sh);
    const nq = Q.length;

    // stamp[o] = epoch: met in an LSH bucket and dismissed; epoch + 1: a candidate.
    this.epoch += 2;
    if (this.epoch >= 0xfffffff0) {
      this.stamp.fill(0);
      this.epoch = 2;
    }
    const epoch = this.epoch;
    const isCand = epoch + 1;
    const excluded = new Set<number>();
    for (const id of opts.excludeIds ?? []) {
      const o = this.idToOrd.get(id);
      if (o !== undefined) excluded.add(o);
    }
    const cands = new U32Buf(64);
    const tmp = new U32Buf(64);
    let lshCandidates = 0;
    let sketchRejected = 0;
    const K = bands * this.params.rows;
    const qs = this.querySketch;
    if (this.liveCount > 0 && bandKeys(Q, bands, this.params.rows, this.params.seed, this.sigScratch, this.keysScratch, qs)) {
      const need = sketchThreshold(minJ, K);
      for (let b = 0; b < bands; b++) {
        tmp.clear();
        this.lsh.collect(this.keysScratch[b]!, tmp, null);
        for (let i = 0; i < tmp.length; i++) {
          const o = tmp.a[i]!;
          if (this.stamp[o]! >= epoch || this.alive[o] !== 1 || excluded.has(o)) continue;
          this.stamp[o] = epoch;
          lshCandidates++;
          // Sketch agreement far below what Jaccard ≥ minJaccard gives: not worth decoding the set.
          if (sketchAgreement(this.pool[this.blobChunk[o]!]!, this.blobOff[o]!, qs, K) < need) {
            sketchRejected++;
            continue;
          }
          this.stamp[o] = isCand;
          cands.push(o);
        }
      }
    }

    // Passage seeds: every query k-gram against the archived winnowed k-grams.
    const hitDoc = new U32Buf(64);
    const hitQ = new U32Buf(64);
    const hitD = new U32Buf(64);
    let boilerplateKgrams = 0;
    if (this.liveCount > 0 && n >= k) {
      const kh = kgramHashes(cps, k);
      const t0 = new U32Buf(16);
      const t1 = new U32Buf(16);
      const raw = { doc: new U32Buf(64), q: new U32Buf(64), d: new U32Buf(64) };
      // boiler[p + 1] = over-frequent query k-grams at positions ≤ p (prefix counts).
      const boiler = new Uint32Array(kh.length + 1);
      for (let p = 0; p < kh.length; p++) {
        boiler[p + 1] = boiler[p]!;
        t0.clear();
        t1.clear();
        this.postings.collect(kh[p]!, t0, t1);
        if (t0.length > maxFpDocs) {
          let live = 0;
          for (let i = 0; i < t0.length; i++) if (this.alive[t0.a[i]!] === 1 && !excluded.has(t0.a[i]!)) live++;
          if (live > maxFpDocs) {
            boilerplateKgrams++;
            boiler[p + 1]!++;
            continue;
          }
        }
        for (let i = 0; i < t0.length; i++) {
          const o = t0.a[i]!;
          if (this.alive[o] !== 1 || excluded.has(o)) continue;
          raw.doc.push(o);
          raw.q.push(p);
          raw.d.push(t1.a[i]!);
        }
      }
      // Near the edges of a widely shared passage, winnowing windows that straddle the edge pick
      // fingerprints specific to each text; they lie within w of the passage's over-frequent
      // fingerprints, so seeds within w + k − 1 positions of one are boilerplate too.
      const reach = this.params.window + k - 1;
      for (let i = 0; i < raw.doc.length; i++) {
        const p = raw.q.a[i]!;
        if (boilerplateKgrams > 0 && boiler[Math.min(kh.length, p + reach + 1)]! - boiler[Math.max(0, p - reach)]! > 0) continue;
        const o = raw.doc.a[i]!;
        hitDoc.push(o);
        hitQ.push(p);
        hitD.push(raw.d.a[i]!);
        if (this.stamp[o] !== isCand) {
          this.stamp[o] = isCand;
          cands.push(o);
        }
      }
    }
    // Hits grouped by document, then diagonal (query pos − archived pos), then query position.
    const order = Array.from({ length: hitDoc.length }, (_, i) => i);
    order.sort((x, y) => hitDoc.a[x]! - hitDoc.a[y]! || hitQ.a[x]! - hitD.a[x]! - (hitQ.a[y]! - hitD.a[y]!) || hitQ.a[x]! - hitQ.a[y]!);
    const hitStart = new Map<number, number>();
    for (let i = 0; i < order.length; i++) {
      const o = hitDoc.a[order[i]!]!;
      if (!hitStart.has(o)) hitStart.set(o, i);
    }

    // Exact re-rank: every candidate's stored set against the query's.
    const candList = Array.from(cands.a.subarray(0, cands.length)).sort((x, y) => x - y);
    const posToU = sh.length > 0 ? positionsInSet(sh, Q) : new Uint32Array(0);
    const flags = new Uint8Array(nq);
    const good = new Uint8Array(Math.max(0, n - sn + 1));
    const near: NearDuplicate[] = [];
    const runs: { ord: number; a: number; b: number; delta: number }[] = [];
    const offsetsAt = new Map<number, number>();
    for (const o of candList) {
      const buf = this.pool[this.blobChunk[o]!]!;
      const setOff = this.setOff(o);
      const nd = riceCount(buf, setOff).n;
      const D = this.ensureDecode(nd);
      const { next } = decodeRice(buf, setOff, D);
      const first = hitStart.get(o);
      const withFlags = first !== undefined;
      if (withFlags) flags.fill(0);
      const inter = intersect(Q, nq, D, nd, withFlags ? flags : null);
      const union = nq + nd - inter;
      const jaccard = union === 0 ? 0 : inter / union;
      const containment = nq === 0 ? 0 : inter / nq;
      const reverse = nd === 0 ? 0 : inter / nd;
      if (inter > 0 && (jaccard >= minJ || containment >= minC || reverse >= minC)) near.push({ docId: this.ids[o]!, jaccard, containment, reverseContainment: reverse, sharedShingles: inter });
      if (!withFlags) continue;
      offsetsAt.set(o, next);
      for (let p = 0; p < good.length; p++) good[p] = flags[posToU[p]!]!;
      const dLen = this.normLen[o]!;
      let curDelta = Number.NaN;
      let curEnd = -1;
      for (let i = first; i < order.length && hitDoc.a[order[i]!]! === o; i++) {
        const h = order[i]!;
        const p = hitQ.a[h]!;
        const delta = p - hitD.a[h]!;
        if (delta === curDelta && p < curEnd) continue; // inside a run already grown on this diagonal
        // The seed's own 3-grams must all be in the archived set: rejects 32-bit hash collisions.
        let ok = true;
        for (let j = p; j <= p + k - sn; j++) {
          if (good[j] !== 1) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        let a = p;
        while (a > 0 && a - 1 - delta >= 0 && good[a - 1] === 1) a--;
        let b = p + k;
        while (b < n && b - delta < dLen && good[b - sn + 1] === 1) b++;
        curDelta = delta;
        curEnd = b;
        if (b - a >= minChars) runs.push({ ord: o, a, b, delta });
      }
    }

    // Map runs to original coordinates on both sides.
    const passages: PassageMatch[] = [];
    const byDoc = new Map<number, { a: number; b: number; delta: number }[]>();
    for (const r of runs) {
      const list = byDoc.get(r.ord);
      if (list) list.push(r);
      else byDoc.set(r.ord, [r]);
    }
    const covered = new Uint8Array(n);
    const sources: SourceCopy[] = [];
    for (const [o, list] of byDoc) {
      const map = decodeOffsets(this.pool[this.blobChunk[o]!]!, offsetsAt.get(o)!);
      const docCover = new Uint8Array(n);
      let docCopied = 0;
      for (const r of list) {
        const da = r.a - r.delta;
        const db = r.b - r.delta;
        passages.push({
          docId: this.ids[o]!,
          queryStart: norm.origStart[r.a]!,
          queryEnd: norm.origEnd[r.b - 1]!,
          docStart: map.start(da),
          docEnd: map.end(db - 1),
          chars: r.b - r.a,
          normQueryStart: r.a,
          normQueryEnd: r.b,
          normDocStart: da,
          normDocEnd: db,
        });
        for (let p = r.a; p < r.b; p++) {
          covered[p] = 1;
          if (docCover[p] === 0) {
            docCover[p] = 1;
            docCopied++;
          }
        }
      }
      sources.push({ docId: this.ids[o]!, copiedChars: docCopied, copyRatio: n === 0 ? 0 : docCopied / n });
    }
    let copied = 0;
    for (let p = 0; p < n; p++) copied += covered[p]!;

    near.sort((x, y) => y.jaccard - x.jaccard || y.containment - x.containment || cmpStr(x.docId, y.docId));
    passages.sort((x, y) => x.normQueryStart - y.normQueryStart || x.normQueryEnd - y.normQueryEnd || cmpStr(x.docId, y.docId) || x.normDocStart - y.normDocStart);
    sources.sort((x, y) => y.copiedChars - x.copiedChars || cmpStr(x.docId, y.docId));
    return {
      nearDuplicates: near,
      passages,
      sources,
      copyRatio: n === 0 ? 0 : copied / n,
      copiedChars: copied,
      totalChars: n,
      stats: { candidates: candList.length, lshCandidates, sketchRejected, passageDocs: hitStart.size, boilerplateKgrams },
    };
  }

  /** Canonical bytes: removed documents are compacted away first, so equal contents give equal bytes. */
  serialise(): Uint8Array {
    this.compact();
    const w = new ByteWriter(1 << 16);
    w.u32(MAGIC);
    w.u8(VERSION);
    for (let i = 0; i < 3 + 8; i++) w.u8(0); // reserved, then the checksum (filled in below)
    const p = this.params;
    for (const v of [p.shingleSize, p.bands, p.rows, p.kgram, p.window]) w.varint(v);
    w.u32(p.seed);
    const opts = this.normaliseOptions;
    w.varint(opts.templatePhrases.length);
    for (const s of opts.templatePhrases) w.string(s);
    w.varint(opts.headings.length);
    for (const s of opts.headings) w.string(s);
    w.varint(this.ids.length);
    for (let ord = 0; ord < this.ids.length; ord++) {
      w.string(this.ids[ord]!);
      w.varint(this.normLen[ord]!);
      const start = this.blobOff[ord]!;
      const end = this.blobEnd(ord);
      w.varint(end - start);
      w.bytes(this.pool[this.blobChunk[ord]!]!.subarray(start, end));
    }
    for (const mm of [this.lsh, this.postings]) {
      const s = mm.exportStatic();
      w.u8(s.dirBits);
      w.varint(s.s0.length);
      // Bucket sizes rather than offsets, a run of empty buckets as 0 then its length: a few bytes
      // for a small index, about one byte per bucket for a large one.
      for (let b = 0; b < s.dir.length - 1; ) {
        const c = s.dir[b + 1]! - s.dir[b]!;
        if (c > 0) {
          w.varint(c);
          b++;
          continue;
        }
        let run = 0;
        while (b < s.dir.length - 1 && s.dir[b + 1] === s.dir[b]) {
          run++;
          b++;
        }
        w.varint(0);
        w.varint(run);
      }
      writeU16s(w, s.tags);
      writeU32s(w, s.s0);
      if (s.s1) writeU32s(w, s.s1);
    }
    const out = w.finish();
    const [c0, c1] = checksum64(out, HEADER_BYTES, out.length);
    const dv = new DataView(out.buffer, out.byteOffset, HEADER_BYTES);
    dv.setUint32(8, c0, true);
    dv.setUint32(12, c1, true);
    return out;
  }

  /**
   * Reads bytes written by `serialise`. The checksum over every byte after the header is verified
   * before anything is parsed, and every read is bounds-checked; each document's blob (sketch, Rice
   * set, offset map) and every table entry is then validated, so corrupted or truncated bytes throw
   * a RangeError (Chinese message) — they never hang and are never silently accepted.
   */
  static deserialise(bytes: Uint8Array): DedupeIndex {
    const fail = (why: string): never => {
      throw new RangeError(`查重索引反序列化失败：${why}`);
    };
    if (!(bytes instanceof Uint8Array) || bytes.length < HEADER_BYTES) fail('数据过短，不是查重索引');
    const r = new ByteReader(bytes);
    if (r.u32() !== MAGIC) fail('不是查重索引（标识不符）');
    const version = r.u8();
    if (version !== VERSION) fail(`不支持的版本 ${version}`);
    if (r.u8() !== 0 || r.u8() !== 0 || r.u8() !== 0) fail('头部保留字节非零');
    const c0 = r.u32();
    const c1 = r.u32();
    const [e0, e1] = checksum64(bytes, HEADER_BYTES, bytes.length);
    if (c0 !== e0 || c1 !== e1) fail('校验和不符（数据已损坏或被截断）');
    try {
      return DedupeIndex.parse(r, bytes.length, fail);
    } catch (e) {
      if (e instanceof RangeError && e.message.startsWith('查重索引反序列化失败')) throw e;
      // Anything else (e.g. the UTF-8 decoder refusing an id) is reported the same way.
      return fail(e instanceof RangeError ? e.message : `数据无效（${e instanceof Error ? e.message : String(e)}）`);
    }
  }

  private static parse(r: ByteReader, total: number, fail: (why: string) => never): DedupeIndex {
    const [shingleSize, bands, rows, kgram, window] = [r.varint(), r.varint(), r.varint(), r.varint(), r.varint()] as [number, number, number, number, number];
    const seed = r.u32();
    const tp: string[] = [];
    for (let i = r.varint(); i > 0; i--) tp.push(r.string());
    const hd: string[] = [];
    for (let i = r.varint(); i > 0; i--) hd.push(r.string());
    const index = new DedupeIndex({ shingleSize, bands, rows, kgram, window, seed }, { templatePhrases: tp, headings: hd });
    const nDocs = r.varint();
    // Every document takes at least three bytes (id length, normalised length, blob length).
    if (nDocs * 3 > total - r.pos) fail('文档数超出数据长度');
    index.ensureDocCapacity(nDocs);
    const sk = sketchBytes(bands * rows);
    for (let ord = 0; ord < nDocs; ord++) {
      const id = r.string();
      if (index.idToOrd.has(id)) fail(`重复的文档编号 ${id}`);
      index.ids.push(id);
      index.idToOrd.set(id, ord);
      index.alive[ord] = 1;
      const normLen = r.varint();
      if (normLen > 0xffffffff) fail(`文档 ${id} 的规范化长度无效`);
      index.normLen[ord] = normLen;
      const blob = r.bytes(r.varint());
      const cnt = validateBlob(blob, normLen, shingleSize, sk, index.ensureDecode(Math.max(0, Math.min(normLen, blob.length * 8) - shingleSize + 1)));
      if (cnt < 0) fail(`文档 ${id} 的数据无效`);
      index.putBlob(ord, blob);
      if (cnt > index.maxShingles) index.maxShingles = cnt;
    }
    index.liveCount = nDocs;
    for (const mm of [index.lsh, index.postings]) {
      const dirBits = r.u8();
      if (dirBits < 16 || dirBits > 24) fail('目录位数无效');
      const count = r.varint();
      if (count * (mm.width === 2 ? 10 : 6) > total - r.pos) fail('表项数超出数据长度');
      const dir = new Uint32Array((1 << dirBits) + 1);
      for (let b = 0; b < dir.length - 1; ) {
        const c = r.varint();
        if (c > 0) {
          if (dir[b]! + c > count) fail('目录无效');
          dir[b + 1] = dir[b]! + c;
          b++;
          continue;
        }
        const run = r.varint();
        if (run === 0 || b + run > dir.length - 1) fail('目录无效');
        for (let e = 0; e < run; e++, b++) dir[b + 1] = dir[b]!;
      }
      if (dir[dir.length - 1] !== count) fail('目录无效');
      const tags = readU16s(r, count);
      const s0 = readU32s(r, count);
      const s1 = mm.width === 2 ? readU32s(r, count) : null;
      for (let i = 0; i < count; i++) {
        const o = s0[i]!;
        if (o >= nDocs) fail('表项引用了不存在的文档');
        // A fingerprint's k-gram must lie inside its document; a band key needs a non-empty set.
        if (s1 ? s1[i]! + kgram > index.normLen[o]! : index.normLen[o]! < shingleSize) fail('表项与文档数据不一致');
      }
      mm.importStatic(dirBits, dir, tags, s0, s1);
    }
    if (r.pos !== total) fail('末尾有多余字节');
    return index;
  }
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
