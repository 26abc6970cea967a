/**
 * Serialise / deserialise timings of the 查重 index (checksum over the whole payload, bounds-checked
 * and validated parse). `npx tsx bench/src/dedupe-serialise.bench.ts [docs] [minChars] [maxChars]`.
 */
import { checksum64 } from '../../packages/domain/src/dedupe/codec.js';
import { DedupeIndex } from '../../packages/domain/src/dedupe/index.js';
import { Corpus } from './dedupe/corpus.js';
import { HEADINGS, TEMPLATE_SENTENCES } from './dedupe/generator.js';

const docs = Number(process.argv[2] ?? 100000);
const minChars = Number(process.argv[3] ?? 400);
const maxChars = Number(process.argv[4] ?? 2000);
const opts = { templatePhrases: TEMPLATE_SENTENCES, headings: HEADINGS };
const probe = new DedupeIndex({}, opts);
const corpus = new Corpus({ seed: 7, docs, minChars, maxChars, nearFraction: 0.03, passageFraction: 0.02 }, (t) => probe.normalise(t));
let t = performance.now();
const index = DedupeIndex.build(
  (function* () {
    for (let i = 0; i < docs; i++) yield { id: corpus.id(i), text: corpus.text(i) };
  })(),
  {},
  opts,
);
const buildS = (performance.now() - t) / 1000;
const ser: number[] = [];
const de: number[] = [];
let bytes: Uint8Array = new Uint8Array(0);
for (let rep = 0; rep < 3; rep++) {
  t = performance.now();
  bytes = index.serialise();
  ser.push((performance.now() - t) / 1000);
  t = performance.now();
  const again = DedupeIndex.deserialise(bytes);
  de.push((performance.now() - t) / 1000);
  if (again.size !== index.size) throw new Error('size mismatch');
}
t = performance.now();
checksum64(bytes, 16, bytes.length);
const sumS = (performance.now() - t) / 1000;
const med = (a: number[]) => [...a].sort((x, y) => x - y)[1]!;
console.log(
  JSON.stringify({
    bench: 'dedupe-serialise',
    docs,
    minChars,
    maxChars,
    build_s: +buildS.toFixed(1),
    bytes_mb: +(bytes.length / 2 ** 20).toFixed(1),
    serialise_s_median: +med(ser).toFixed(3),
    deserialise_s_median: +med(de).toFixed(3),
    checksum_only_s: +sumS.toFixed(3),
    checksum_mb_per_s: Math.round(bytes.length / 2 ** 20 / sumS),
    loadavg_1m: (await import('node:os')).loadavg()[0]!.toFixed(1),
  }),
);
