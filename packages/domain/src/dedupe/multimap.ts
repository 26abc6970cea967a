/**
 * A compact 32-bit-key multimap (key → many payload tuples of one or two Uint32 words): the storage of
 * the LSH buckets (band key → document) and of the fingerprint postings (k-gram hash → document,
 * position). JS objects or Maps per entry would cost ~50–100 bytes; this costs 6 (LSH) or 10
 * (postings) bytes per entry, which is what makes 10^6 documents fit.
 *
 * Two segments, like a log-structured index:
 * - static: entries sorted by (key, payload); a directory over the top `dirBits` key bits gives each
 *   bucket's range, so only the remaining ≤ 16 key bits are stored (Uint16 tag) — the full key is
 *   still recoverable from (bucket, tag), which is what rebuilding needs;
 * - delta: an open-addressing table with full keys for one-at-a-time additions, merged into the
 *   static segment when it grows past an eighth of it.
 * Removal is by tombstone at the document level (the caller's `alive` test); `rebuild` drops the dead.
 */

const EMPTY = 0xffffffff;

/** Append-only Uint32 storage in fixed chunks: growing never copies, chunks can be freed once read. */
export class ChunkedU32 {
  static readonly CHUNK = 1 << 20;
  chunks: (Uint32Array | null)[] = [];
  length = 0;

  push(v: number): void {
    const c = this.length >>> 20;
    if (c === this.chunks.length) this.chunks.push(new Uint32Array(ChunkedU32.CHUNK));
    this.chunks[c]![this.length & (ChunkedU32.CHUNK - 1)] = v;
    this.length++;
  }

  get(i: number): number {
    return this.chunks[i >>> 20]![i & (ChunkedU32.CHUNK - 1)]!;
  }
}

/**
 * Raw entries collected before a static segment is built. Payload word 0 (the document) is either
 * stored per entry (`p0`) or, in a bulk build where each document's entries are consecutive, as runs
 * (`runDocs[i]` repeated `runLens[i]` times) — 4 bytes per entry less at the memory peak.
 */
export interface RawEntries {
  keys: ChunkedU32;
  p0: ChunkedU32 | null;
  runDocs: ChunkedU32 | null;
  runLens: ChunkedU32 | null;
  p1: ChunkedU32 | null;
}

export function newRaw(width: 1 | 2, runs = false): RawEntries {
  return { keys: new ChunkedU32(), p0: runs ? null : new ChunkedU32(), runDocs: runs ? new ChunkedU32() : null, runLens: runs ? new ChunkedU32() : null, p1: width === 2 ? new ChunkedU32() : null };
}

export class MultiMap {
  // Static segment.
  dirBits = 16;
  dir: Uint32Array = new Uint32Array((1 << 16) + 1);
  tags: Uint16Array = new Uint16Array(0);
  s0: Uint32Array = new Uint32Array(0);
  s1: Uint32Array | null;
  // Delta segment (open addressing, linear probing, load ≤ 1/2).
  dMask = 1023;
  dKeys: Uint32Array = new Uint32Array(1024);
  d0: Uint32Array = new Uint32Array(1024).fill(EMPTY);
  d1: Uint32Array | null;
  dCount = 0;

  constructor(readonly width: 1 | 2) {
    this.s1 = width === 2 ? new Uint32Array(0) : null;
    this.d1 = width === 2 ? new Uint32Array(1024) : null;
  }

  get staticCount(): number {
    return this.s0.length;
  }

  get size(): number {
    return this.s0.length + this.dCount;
  }

  /** Bytes held by the typed arrays. */
  get bytes(): number {
    return this.dir.byteLength + this.tags.byteLength + this.s0.byteLength + (this.s1?.byteLength ?? 0) + this.dKeys.byteLength + this.d0.byteLength + (this.d1?.byteLength ?? 0);
  }

  /**
   * Appends every payload stored under `key` to out0 (and out1 for width 2), static entries first in
   * payload order, then delta entries.
   */
  collect(key: number, out0: U32Buf, out1: U32Buf | null): void {
    const shift = 32 - this.dirBits;
    const b = key >>> shift;
    const tag = key & ((1 << shift) - 1);
    const tags = this.tags;
    for (let i = this.dir[b]!, hi = this.dir[b + 1]!; i < hi; i++) {
      const t = tags[i]!;
      if (t < tag) continue;
      if (t > tag) break;
      out0.push(this.s0[i]!);
      if (out1) out1.push(this.s1![i]!);
    }
    if (this.dCount === 0) return;
    const mask = this.dMask;
    for (let s = slotOf(key) & mask; this.d0[s] !== EMPTY; s = (s + 1) & mask) {
      if (this.dKeys[s] !== key) continue;
      out0.push(this.d0[s]!);
      if (out1) out1.push(this.d1![s]!);
    }
  }

  /** Adds one entry to the delta segment. */
  insert(key: number, p0: number, p1 = 0): void {
    if ((this.dCount + 1) * 2 > this.dMask + 1) this.growDelta();
    const mask = this.dMask;
    let s = slotOf(key) & mask;
    while (this.d0[s] !== EMPTY) s = (s + 1) & mask;
    this.dKeys[s] = key;
    this.d0[s] = p0;
    if (this.d1) this.d1[s] = p1;
    this.dCount++;
  }

  private growDelta(): void {
    const oldKeys = this.dKeys;
    const old0 = this.d0;
    const old1 = this.d1;
    const cap = (this.dMask + 1) * 2;
    this.dMask = cap - 1;
    this.dKeys = new Uint32Array(cap);
    this.d0 = new Uint32Array(cap).fill(EMPTY);
    this.d1 = old1 ? new Uint32Array(cap) : null;
    this.dCount = 0;
    for (let s = 0; s < old0.length; s++) if (old0[s] !== EMPTY) this.insert(oldKeys[s]!, old0[s]!, old1 ? old1[s]! : 0);
  }

  /** Whether the delta segment has grown enough that merging it pays. */
  get wantsMerge(): boolean {
    return this.dCount > Math.max(1 << 16, this.s0.length >>> 3);
  }

  /**
   * Rebuilds the static segment from all live entries (static and delta), payload word 0 renamed by
   * `remap` (return -1 to drop the entry). Leaves the delta segment empty.
   */
  rebuild(remap: (p0: number) => number): void {
    const raw = newRaw(this.width);
    const shift = 32 - this.dirBits;
    const nb = 1 << this.dirBits;
    for (let b = 0; b < nb; b++) {
      for (let i = this.dir[b]!, hi = this.dir[b + 1]!; i < hi; i++) {
        const p = remap(this.s0[i]!);
        if (p < 0) continue;
        raw.keys.push(((b << shift) | this.tags[i]!) >>> 0);
        raw.p0!.push(p);
        if (raw.p1) raw.p1.push(this.s1![i]!);
      }
    }
    for (let s = 0; s < this.d0.length; s++) {
      if (this.d0[s] === EMPTY) continue;
      const p = remap(this.d0[s]!);
      if (p < 0) continue;
      raw.keys.push(this.dKeys[s]!);
      raw.p0!.push(p);
      if (raw.p1) raw.p1.push(this.d1![s]!);
    }
    this.tags = new Uint16Array(0);
    this.s0 = new Uint32Array(0);
    if (this.s1) this.s1 = new Uint32Array(0);
    this.clearDelta();
    this.buildStatic(raw);
  }

  clearDelta(): void {
    this.dMask = 1023;
    this.dKeys = new Uint32Array(1024);
    this.d0 = new Uint32Array(1024).fill(EMPTY);
    this.d1 = this.width === 2 ? new Uint32Array(1024) : null;
    this.dCount = 0;
  }

  /**
   * Replaces the static segment by `raw` (whose chunks are released as they are read, so peak memory
   * is raw + result, not twice the result). Entries end sorted by (key, p0, p1): the same entries give
   * the same arrays whatever order they came in.
   */
  buildStatic(raw: RawEntries): void {
    const n = raw.keys.length;
    // About eight entries per bucket: short linear scans, directory ≤ 64 MB.
    const dirBits = Math.max(16, Math.min(24, Math.round(Math.log2(Math.max(1, n / 8)))));
    const shift = 32 - dirBits;
    const nb = 1 << dirBits;
    const dir = new Uint32Array(nb + 1);
    for (let c = 0; c < raw.keys.chunks.length; c++) {
      const ch = raw.keys.chunks[c]!;
      const m = Math.min(ChunkedU32.CHUNK, n - c * ChunkedU32.CHUNK);
      for (let i = 0; i < m; i++) dir[(ch[i]! >>> shift) + 1]!++;
    }
    for (let b = 0; b < nb; b++) dir[b + 1]! += dir[b]!;
    const cursor = dir.slice(0, nb);
    const tags = new Uint16Array(n);
    const s0 = new Uint32Array(n);
    const s1 = raw.p1 ? new Uint32Array(n) : null;
    const tagMask = (1 << shift) - 1;
    let run = 0;
    let runLeft = 0;
    let runDoc = 0;
    for (let c = 0; c < raw.keys.chunks.length; c++) {
      const kc = raw.keys.chunks[c]!;
      const c0 = raw.p0 ? raw.p0.chunks[c]! : null;
      const c1 = raw.p1 ? raw.p1.chunks[c]! : null;
      const m = Math.min(ChunkedU32.CHUNK, n - c * ChunkedU32.CHUNK);
      for (let i = 0; i < m; i++) {
        let doc: number;
        if (c0) doc = c0[i]!;
        else {
          while (runLeft === 0) {
            runDoc = raw.runDocs!.get(run);
            runLeft = raw.runLens!.get(run);
            run++;
          }
          doc = runDoc;
          runLeft--;
        }
        const key = kc[i]!;
        const pos = cursor[key >>> shift]!++;
        tags[pos] = key & tagMask;
        s0[pos] = doc;
        if (s1) s1[pos] = c1![i]!;
      }
      raw.keys.chunks[c] = null;
      if (raw.p0) raw.p0.chunks[c] = null;
      if (raw.p1) raw.p1.chunks[c] = null;
    }
    sortBuckets(dir, tags, s0, s1);
    this.dirBits = dirBits;
    this.dir = dir;
    this.tags = tags;
    this.s0 = s0;
    this.s1 = s1;
  }

  /**
   * Static segment for width-1 entries counted beforehand: `fineCounts` holds per-key-prefix counts
   * at FINE_BITS resolution (filled by countFine), and `fill(put)` must then call put(key, p0) for
   * exactly those entries again. Used by the bulk build so the LSH entries never exist as raw arrays.
   */
  buildCounted(fineCounts: Uint32Array, n: number, fill: (put: (key: number, p0: number) => void) => void): void {
    const dirBits = Math.max(16, Math.min(FINE_BITS, Math.round(Math.log2(Math.max(1, n / 8)))));
    const shift = 32 - dirBits;
    const nb = 1 << dirBits;
    const group = 1 << (FINE_BITS - dirBits);
    const dir = new Uint32Array(nb + 1);
    for (let b = 0; b < nb; b++) {
      let c = 0;
      for (let g = 0; g < group; g++) c += fineCounts[b * group + g]!;
      dir[b + 1] = dir[b]! + c;
    }
    if (dir[nb] !== n) throw new Error('MultiMap.buildCounted: counts do not add up');
    const cursor = dir.slice(0, nb);
    const tags = new Uint16Array(n);
    const s0 = new Uint32Array(n);
    const tagMask = (1 << shift) - 1;
    fill((key, p0) => {
      const pos = cursor[key >>> shift]!++;
      tags[pos] = key & tagMask;
      s0[pos] = p0;
    });
    for (let b = 0; b < nb; b++) if (cursor[b] !== dir[b + 1]) throw new Error('MultiMap.buildCounted: fill differs from count');
    sortBuckets(dir, tags, s0, null);
    this.dirBits = dirBits;
    this.dir = dir;
    this.tags = tags;
    this.s0 = s0;
    this.s1 = null;
  }

  /** Static arrays for serialisation (call after a rebuild so the delta is empty). */
  exportStatic(): { dirBits: number; dir: Uint32Array; tags: Uint16Array; s0: Uint32Array; s1: Uint32Array | null } {
    if (this.dCount !== 0) throw new Error('MultiMap.exportStatic: merge the delta first');
    return { dirBits: this.dirBits, dir: this.dir, tags: this.tags, s0: this.s0, s1: this.s1 };
  }

  importStatic(dirBits: number, dir: Uint32Array, tags: Uint16Array, s0: Uint32Array, s1: Uint32Array | null): void {
    if (dir.length !== (1 << dirBits) + 1 || tags.length !== s0.length || dir[dir.length - 1] !== s0.length) throw new RangeError('MultiMap: inconsistent arrays');
    this.dirBits = dirBits;
    this.dir = dir;
    this.tags = tags;
    this.s0 = s0;
    this.s1 = s1;
    this.clearDelta();
  }
}

/** Resolution of the pre-counts of buildCounted (16 MB of counters). */
export const FINE_BITS = 22;

export function countFine(fineCounts: Uint32Array, key: number): void {
  fineCounts[key >>> (32 - FINE_BITS)]!++;
}

// Buckets are small: insertion sort on (tag, p0, p1) makes the order canonical.
function sortBuckets(dir: Uint32Array, tags: Uint16Array, s0: Uint32Array, s1: Uint32Array | null): void {
  const nb = dir.length - 1;
  for (let b = 0; b < nb; b++) {
    const lo = dir[b]!;
    const hi = dir[b + 1]!;
    for (let i = lo + 1; i < hi; i++) {
      const t = tags[i]!;
      const a0 = s0[i]!;
      const a1 = s1 ? s1[i]! : 0;
      let j = i - 1;
      while (j >= lo) {
        const tj = tags[j]!;
        const bj = s0[j]!;
        if (tj < t || (tj === t && (bj < a0 || (bj === a0 && (s1 ? s1[j]! : 0) <= a1)))) break;
        tags[j + 1] = tj;
        s0[j + 1] = bj;
        if (s1) s1[j + 1] = s1[j]!;
        j--;
      }
      tags[j + 1] = t;
      s0[j + 1] = a0;
      if (s1) s1[j + 1] = a1;
    }
  }
}

function slotOf(key: number): number {
  return Math.imul(key ^ (key >>> 16), 0x45d9f3b) >>> 0;
}

/** Growable Uint32 buffer reused across queries. */
export class U32Buf {
  a: Uint32Array;
  length = 0;
  constructor(cap = 256) {
    this.a = new Uint32Array(cap);
  }
  push(v: number): void {
    if (this.length === this.a.length) {
      const b = new Uint32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = v;
  }
  clear(): void {
    this.length = 0;
  }
}
