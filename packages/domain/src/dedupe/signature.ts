/**
 * MinHash-family signature by one-permutation hashing (Li, Owen & Zhang 2012) with optimal
 * densification (Shrivastava 2017), and LSH band keys over it.
 *
 * One hash per shingle splits the shingle set into K = bands·rows bins and keeps each bin's minimum:
 * for two sets, a bin agrees with probability equal to their Jaccard similarity, as with K independent
 * MinHashes, at 1/K of the hashing cost. An empty bin borrows the value of the first non-empty bin on
 * a fixed pseudo-random probe sequence (the same for every document), which keeps that probability
 * exact — plain "rotation" densification does not.
 *
 * A band of `rows` bins hashes to one 32-bit key; two documents become candidates when any band key
 * agrees: P(candidate) = 1 − (1 − J^rows)^bands.
 */
import { fmix32, mix32 } from './hash.js';

const BIN_SEED = 0x2f0b9a3c;
const VAL_SEED = 0x7a1c4e55;
const PROBE_SEED = 0x51ed270b;
const BAND_SEED = 0x3c6ef372;

export class SignatureScratch {
  sig: Uint32Array;
  filled: Uint8Array;
  constructor(readonly bins: number) {
    this.sig = new Uint32Array(bins);
    this.filled = new Uint8Array(bins);
  }
}

/** Bytes of the b-bit sketch (b = 4, two bins per byte) for a signature of `bins` bins. */
export const sketchBytes = (bins: number) => (bins + 1) >> 1;

/**
 * Writes `bands` band keys for the shingle-hash set into `out` (length ≥ bands) and, when `sketch` is
 * given, the low 4 bits of every bin (a b-bit minwise sketch: two bins' nibbles agree with
 * probability J + (1 − J)/16), used to drop hopeless LSH candidates before their sets are decoded.
 * Returns false for an empty set (no signature: such a text is never a near-duplicate candidate).
 */
export function bandKeys(set: Uint32Array, bands: number, rows: number, seed: number, scratch: SignatureScratch, out: Uint32Array, sketch?: Uint8Array): boolean {
  const K = bands * rows;
  if (set.length === 0) return false;
  const sig = scratch.sig;
  const filled = scratch.filled;
  sig.fill(0xffffffff, 0, K);
  filled.fill(0, 0, K);
  const binSeed = BIN_SEED ^ seed;
  const valSeed = VAL_SEED ^ seed;
  for (let i = 0; i < set.length; i++) {
    const x = set[i]!;
    // Multiply-high range reduction: an unbiased bin for any K, not only powers of two.
    const bin = Math.floor((fmix32(x ^ binSeed) * K) / 4294967296);
    const v = fmix32((x + valSeed) | 0);
    if (v <= sig[bin]!) sig[bin] = v;
    filled[bin] = 1;
  }
  const probeSeed = PROBE_SEED ^ seed;
  for (let i = 0; i < K; i++) {
    if (filled[i] === 1) continue;
    for (let attempt = 1; ; attempt++) {
      const j = Math.floor((fmix32(mix32(mix32(probeSeed, i), attempt)) * K) / 4294967296);
      if (filled[j] === 1) {
        sig[i] = sig[j]!;
        break;
      }
    }
  }
  if (sketch) {
    sketch.fill(0, 0, sketchBytes(K));
    for (let i = 0; i < K; i++) sketch[i >> 1]! |= (sig[i]! & 0xf) << ((i & 1) * 4);
  }
  for (let b = 0; b < bands; b++) {
    let h = mix32(BAND_SEED ^ seed, b);
    for (let r = 0; r < rows; r++) h = mix32(h, sig[b * rows + r]!);
    out[b] = fmix32(h ^ rows);
  }
  return true;
}

/** Bins whose nibbles agree between two sketches. */
export function sketchAgreement(buf: Uint8Array, off: number, q: Uint8Array, bins: number): number {
  let agree = 0;
  const full = bins >> 1;
  for (let j = 0; j < full; j++) {
    const x = buf[off + j]! ^ q[j]!;
    if ((x & 0xf) === 0) agree++;
    if (x >> 4 === 0) agree++;
  }
  if (bins & 1 && ((buf[off + full]! ^ q[full]!) & 0xf) === 0) agree++;
  return agree;
}

/**
 * Fewest agreeing sketch nibbles (out of `bins`) a pair with Jaccard ≥ minJaccard shows except with
 * probability < 10^-4: four standard deviations below the binomial mean (bins agree independently
 * enough under OPH for this bound to hold in the measured range; see README).
 */
export function sketchThreshold(minJaccard: number, bins: number): number {
  const j = Math.min(1, Math.max(0, minJaccard));
  const p = j + (1 - j) / 16;
  return Math.max(0, Math.floor(bins * p - 4 * Math.sqrt(bins * p * (1 - p))));
}
