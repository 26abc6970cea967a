/**
 * Non-cryptographic 32-bit hashing for shingles, k-grams and LSH keys. Only integer ops (Math.imul,
 * shifts), so every engine — Node or browser — gives the same bits. Quality matters only for spread
 * (winnowing minima, bins, table slots); equal inputs always hash equal, which is all the passage
 * guarantee relies on.
 */

/** murmur3's finaliser: full avalanche of a 32-bit word. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One murmur3 mixing round: folds a 32-bit word into the running state. */
export function mix32(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

const SHINGLE_SEED = 0x9e3779b9;

/**
 * Hashes of every character n-gram (n = `n`) of `cps`, one per start position (length cps.length-n+1,
 * empty when the text is shorter than n). Murmur3 over the code points, so the hash of an n-gram
 * depends on its characters only.
 */
export function shingleHashes(cps: Uint32Array, n: number): Uint32Array {
  const m = cps.length - n + 1;
  if (m <= 0) return new Uint32Array(0);
  const out = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    let h = SHINGLE_SEED;
    for (let j = 0; j < n; j++) h = mix32(h, cps[i + j]!);
    out[i] = fmix32(h ^ n);
  }
  return out;
}

/** Odd multiplier for the polynomial rolling hash (mod 2^32). */
const ROLL_BASE = 0x01000193;

/**
 * Hashes of every k-gram by a polynomial rolling hash mod 2^32 finalised by fmix32: O(n) however long
 * k is. Equal k-grams ⇒ equal hashes, so winnowing's guarantee holds; unequal k-grams collide with
 * probability about 2^-32 each (collisions only create candidates that the 3-gram check then rejects).
 */
export function kgramHashes(cps: Uint32Array, k: number): Uint32Array {
  const m = cps.length - k + 1;
  if (m <= 0) return new Uint32Array(0);
  const out = new Uint32Array(m);
  let top = 1; // ROLL_BASE^(k-1)
  for (let j = 1; j < k; j++) top = Math.imul(top, ROLL_BASE);
  let h = 0;
  for (let j = 0; j < k; j++) h = (Math.imul(h, ROLL_BASE) + cpMix(cps[j]!)) | 0;
  out[0] = fmix32(h);
  for (let i = 1; i < m; i++) {
    h = (h - Math.imul(cpMix(cps[i - 1]!), top)) | 0;
    h = (Math.imul(h, ROLL_BASE) + cpMix(cps[i + k - 1]!)) | 0;
    out[i] = fmix32(h);
  }
  return out;
}

// Spreads a code point over all 32 bits before it enters the polynomial, so CJK code points (which
// differ only in their low 16 bits) do not leave the high bits of the rolling state correlated.
function cpMix(cp: number): number {
  return Math.imul(cp ^ 0x5bd1e995, 0x27d4eb2f) | 0;
}

/** FNV-1a over UTF-16 code units: identifies the normalisation options inside a serialised index. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
