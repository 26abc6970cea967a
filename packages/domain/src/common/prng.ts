/**
 * mulberry32: a small, fast, seeded PRNG for generated fixtures (demo data, test and benchmark instances) that must
 * come out the same on every machine. Not for anything that decides a result people rely on: draws use ChaCha20.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
