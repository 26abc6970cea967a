/** Sorted-set algebra on 32-bit shingle hashes: the exact re-rank merges these, never hash tables. */
const HIST = new Uint32Array(1024);
let radixTmp = new Uint32Array(1024);

/** Sorted distinct values of h (h is left untouched). LSD radix sort, 4 × 8 bits: ~2× V8's sort. */
export function sortedUnique(h: Uint32Array): Uint32Array {
  const n = h.length;
  if (n === 0) return new Uint32Array(0);
  if (radixTmp.length < n) radixTmp = new Uint32Array(Math.max(n, radixTmp.length * 2));
  const H = HIST;
  H.fill(0);
  for (let i = 0; i < n; i++) {
    const v = h[i]!;
    H[v & 255]!++;
    H[256 + ((v >>> 8) & 255)]!++;
    H[512 + ((v >>> 16) & 255)]!++;
    H[768 + (v >>> 24)]!++;
  }
  for (let o = 0; o < 1024; o += 256) {
    let sum = 0;
    for (let b = o; b < o + 256; b++) {
      const c = H[b]!;
      H[b] = sum;
      sum += c;
    }
  }
  const a = new Uint32Array(n);
  const t = radixTmp;
  // Four passes starting from h: h → t → a → t → a.
  for (let i = 0; i < n; i++) {
    const v = h[i]!;
    t[H[v & 255]!++] = v;
  }
  for (let i = 0; i < n; i++) {
    const v = t[i]!;
    a[H[256 + ((v >>> 8) & 255)]!++] = v;
  }
  for (let i = 0; i < n; i++) {
    const v = a[i]!;
    t[H[512 + ((v >>> 16) & 255)]!++] = v;
  }
  for (let i = 0; i < n; i++) {
    const v = t[i]!;
    a[H[768 + (v >>> 24)]!++] = v;
  }
  let m = 1;
  for (let i = 1; i < n; i++) if (a[i] !== a[m - 1]) a[m++] = a[i]!;
  return m === n ? a : a.slice(0, m);
}

/** For each position, the index of its hash in the sorted unique set. */
export function positionsInSet(sh: Uint32Array, set: Uint32Array): Uint32Array {
  const out = new Uint32Array(sh.length);
  for (let p = 0; p < sh.length; p++) {
    const v = sh[p]!;
    let lo = 0;
    let hi = set.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (set[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    out[p] = lo;
  }
  return out;
}

/** |A ∩ B| of two sorted duplicate-free arrays; marks flags[i] for each A[i] found in B. */
export function intersect(A: Uint32Array, na: number, B: Uint32Array, nb: number, flags: Uint8Array | null): number {
  let i = 0;
  let j = 0;
  let c = 0;
  while (i < na && j < nb) {
    const a = A[i]!;
    const b = B[j]!;
    if (a < b) i++;
    else if (a > b) j++;
    else {
      if (flags) flags[i] = 1;
      c++;
      i++;
      j++;
    }
  }
  return c;
}
