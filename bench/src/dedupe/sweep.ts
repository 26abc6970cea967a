/**
 * Band-shape sweep behind DEFAULT_PARAMS (README "How the defaults were chosen"). Because the re-rank
 * is exact, precision of the reported near-duplicates is 1 for every shape; what a shape changes is
 * recall (P[a pair becomes a candidate] as a function of its Jaccard) and cost (how many unrelated
 * documents become candidates, each costing one decode + merge, and 6 bytes per band per document).
 *
 *   npx tsx bench/src/dedupe/sweep.ts
 */
import { sortedUnique, intersect } from '../../../packages/domain/src/dedupe/engine.js';
import { shingleHashes } from '../../../packages/domain/src/dedupe/hash.js';
import { createNormaliser } from '../../../packages/domain/src/dedupe/normalise.js';
import { bandKeys, SignatureScratch } from '../../../packages/domain/src/dedupe/signature.js';
import { CorpusGenerator, HEADINGS, Rng, TEMPLATE_SENTENCES } from './generator.js';

const shapes: [number, number][] = [
  [16, 2],
  [24, 3],
  [32, 3],
  [40, 3],
  [48, 4],
  [64, 4],
];
const norm = createNormaliser({ templatePhrases: TEMPLATE_SENTENCES, headings: HEADINGS });
const gen = new CorpusGenerator({ seed: 7, minChars: Number(process.argv[2] ?? 300), maxChars: Number(process.argv[3] ?? 600) });
const setOf = (t: string) => sortedUnique(shingleHashes(norm(t).chars, 3));
const jac = (a: Uint32Array, b: Uint32Array) => {
  const i = intersect(a, a.length, b, b.length, null);
  return i / (a.length + b.length - i);
};

// Planted pairs over the whole edit range, and unrelated pairs for the background rate.
const pairs: { a: Uint32Array; b: Uint32Array; j: number }[] = [];
for (let i = 0; i < 4000; i++) {
  const rng = new Rng(1, i);
  const segs = gen.freshSegments(rng);
  const rate = 0.01 + 0.39 * rng.float();
  const a = setOf(CorpusGenerator.render(segs));
  const b = setOf(CorpusGenerator.render(gen.edit(segs, rate, rng)));
  pairs.push({ a, b, j: jac(a, b) });
}
const randoms = Array.from({ length: 3000 }, (_, i) => setOf(CorpusGenerator.render(gen.freshSegments(new Rng(2, i)))));
let bgJ = 0;
let bgPairs = 0;
for (let i = 0; i < 300; i++) for (let k = 300; k < 3000; k++, bgPairs++) bgJ += jac(randoms[i]!, randoms[k]!);

const buckets = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
console.log(JSON.stringify({ sweep: 'dedupe-bands', pairs: pairs.length, background_mean_jaccard: +(bgJ / bgPairs).toFixed(4), pairs_per_bucket: buckets.map((lo) => pairs.filter((p) => p.j >= lo && p.j < lo + 0.1).length) }));
for (const [bands, rows] of shapes) {
  const scratch = new SignatureScratch(bands * rows);
  const ka = new Uint32Array(bands);
  const kb = new Uint32Array(bands);
  const collide = (a: Uint32Array, b: Uint32Array) => {
    bandKeys(a, bands, rows, 0, scratch, ka);
    bandKeys(b, bands, rows, 0, scratch, kb);
    for (let i = 0; i < bands; i++) if (ka[i] === kb[i]) return true;
    return false;
  };
  const hit = pairs.map((p) => collide(p.a, p.b));
  const recall = (lo: number, hi = 1.01) => {
    const sel = pairs.map((p, i) => [p, hit[i]] as const).filter(([p]) => p.j >= lo && p.j < hi);
    return sel.length === 0 ? null : +(sel.filter(([, h]) => h).length / sel.length).toFixed(4);
  };
  // Background: keys of the unrelated sets once, then all pairs between the first 300 and the rest.
  const keys = randoms.map((s) => {
    const k = new Uint32Array(bands);
    bandKeys(s, bands, rows, 0, scratch, k);
    return k;
  });
  let bg = 0;
  for (let i = 0; i < 300; i++)
    for (let k = 300; k < 3000; k++) {
      for (let b = 0; b < bands; b++)
        if (keys[i]![b] === keys[k]![b]) {
          bg++;
          break;
        }
    }
  const pBg = bg / (300 * 2700);
  console.log(
    JSON.stringify({
      bands,
      rows,
      recall_j50: recall(0.5),
      recall_j70: recall(0.7),
      curve: Object.fromEntries(buckets.map((lo) => [`${lo.toFixed(1)}-${(lo + 0.1).toFixed(1)}`, recall(lo, lo + 0.1)])),
      background_candidate_rate: +pBg.toExponential(2),
      candidates_per_query_at_1e6: Math.round(pBg * 1e6),
      lsh_bytes_per_doc: bands * 6,
    }),
  );
}
