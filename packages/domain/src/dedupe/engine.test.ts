import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedProperties } from '../common/test-seed.js';
import { ByteWriter, checksum64, decodeRice, riceCount } from './codec.js';
import { DedupeIndex, intersect, sortedUnique, type DedupeResult } from './engine.js';
import { kgramHashes } from './hash.js';
import { normalise, normalisedString } from './normalise.js';
import { winnow } from './winnow.js';

// Fixed seed (KC_TEST_SEED overrides): the probabilistic properties give the same verdict on every run.
seedProperties(20261206);

/** Deterministic PRNG for test corpora (fast-check drives the seeds). */
function rng(seed: number): () => number {
  let s = seed | 0 || 1;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random Chinese text of n characters from the code point block [lo, lo + span), commas inside. */
function hanzi(r: () => number, n: number, lo = 0x4e00, span = 0x1000, commas = true): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    s += String.fromCharCode(lo + Math.floor(r() * span));
    if (commas && i < n - 1 && r() < 0.05) s += '，';
  }
  return s;
}

/** Word-level Chinese text over a Zipf-ish vocabulary, for near-duplicate tests. */
function vocabulary(r: () => number, size: number): string[] {
  return Array.from({ length: size }, () => hanzi(r, 1 + Math.floor(r() * 3), 0x4e00, 0x800).replace(/，/g, ''));
}
function words(r: () => number, vocab: string[], n: number): string[] {
  return Array.from({ length: n }, () => vocab[Math.floor(vocab.length * r() ** 2)]!);
}
function edit(r: () => number, ws: string[], vocab: string[], rate: number): string[] {
  const out: string[] = [];
  for (const w of ws) {
    if (r() >= rate) out.push(w);
    else if (r() < 1 / 3) out.push(vocab[Math.floor(r() * vocab.length)]!);
    else if (r() < 0.5) out.push(vocab[Math.floor(r() * vocab.length)]!, w);
  }
  return out;
}

/** Exact Jaccard and containment of the character 3-gram sets of two normalised texts. */
function brute(a: string, b: string): { j: number; c: number; r: number } {
  const g = (s: string) => {
    const cps = [...normalisedString(normalise(s))];
    const set = new Set<string>();
    for (let i = 0; i + 3 <= cps.length; i++) set.add(cps.slice(i, i + 3).join(''));
    return set;
  };
  const A = g(a);
  const B = g(b);
  let inter = 0;
  for (const x of A) if (B.has(x)) inter++;
  const u = A.size + B.size - inter;
  return { j: u === 0 ? 0 : inter / u, c: A.size === 0 ? 0 : inter / A.size, r: B.size === 0 ? 0 : inter / B.size };
}

describe('codecs and building blocks', () => {
  it('Rice coding round-trips any sorted set (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 600 }), fc.nat(8), (vals, pad) => {
        const a = Uint32Array.from(vals.sort((x, y) => x - y));
        const w = new ByteWriter(4);
        for (let i = 0; i < pad; i++) w.u8(0xff);
        w.rice(a);
        w.u8(0xab);
        const bytes = w.finish();
        const out = new Uint32Array(a.length);
        const { n, next } = decodeRice(bytes, pad, out);
        expect(n).toBe(a.length);
        expect(Array.from(out)).toEqual(Array.from(a));
        expect(bytes[next]).toBe(0xab);
      }),
      { numRuns: 300 },
    );
  });

  it('sortedUnique and intersect agree with Set arithmetic (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 300 }), fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 300 }), (xs, ys) => {
        const shared = xs.slice(0, 50);
        const a = sortedUnique(Uint32Array.from(xs));
        const b = sortedUnique(Uint32Array.from([...ys, ...shared]));
        expect(Array.from(a)).toEqual([...new Set(xs)].sort((x, y) => x - y));
        const inB = new Set(b);
        expect(intersect(a, a.length, b, b.length, null)).toBe([...new Set(xs)].filter((x) => inB.has(x)).length);
      }),
      { numRuns: 200 },
    );
  });

  it('winnowing selects in every window of w hashes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 12 }), (hs, w) => {
        const h = Uint32Array.from(hs);
        const sel = new Set(winnow(h, w));
        const win = Math.min(w, h.length);
        for (let i = 0; i + win <= h.length; i++) {
          let found = false;
          for (let j = i; j < i + win; j++) if (sel.has(j)) found = true;
          expect(found).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('k-gram hashes depend on the k characters only', () => {
    const a = normalise('甲乙丙丁戊己庚辛壬癸子丑寅卯').chars;
    const b = normalise('天地玄黄丙丁戊己庚辛壬癸子丑').chars;
    const ha = kgramHashes(a, 5);
    const hb = kgramHashes(b, 5);
    expect(ha[2]).toBe(hb[4]); // 丙丁戊己庚
    expect(ha[0]).not.toBe(ha[1]);
  });
});

describe('BL-9 copied passages', () => {
  it('BL-9 a planted passage of ≥ 50 characters inside unrelated Chinese text is always found, with exact spans on both sides (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 50, max: 400 }), fc.nat(300), fc.nat(300), fc.nat(200), (seed, len, before, after, docPad) => {
        const r = rng(seed);
        // Archive text and query surroundings use disjoint character blocks and no punctuation, so
        // the true maximal common run is exactly the passage: spans must match it exactly.
        const passage = hanzi(r, len, 0x4e00, 0x1000);
        const archived = `${hanzi(r, docPad, 0x6000, 0x1000, false)}${passage}${hanzi(r, 100, 0x6000, 0x1000, false)}`;
        const index = new DedupeIndex();
        index.add('other-1', hanzi(r, 500, 0x7000, 0x1000));
        index.add('archived', archived);
        index.add('other-2', hanzi(r, 300, 0x5000, 0x800));
        const query = `${hanzi(r, before, 0x8000, 0x1000, false)}${passage}${hanzi(r, after, 0x8000, 0x1000, false)}`;
        const res = index.query(query);
        const hits = res.passages.filter((p) => p.docId === 'archived');
        expect(hits).toHaveLength(1);
        const p = hits[0]!;
        const qa = query.indexOf(passage);
        const da = archived.indexOf(passage);
        expect([p.queryStart, p.queryEnd, p.docStart, p.docEnd]).toEqual([qa, qa + passage.length, da, da + passage.length]);
        expect(p.chars).toBeGreaterThanOrEqual(50);
        expect(res.copiedChars).toBe(p.chars);
        expect(res.copyRatio).toBe(p.chars / res.totalChars);
      }),
      { numRuns: 60 },
    );
  });

  it('BL-9 the guarantee holds at its threshold t = window + kgram − 1 even over a tiny alphabet (property)', () => {
    // Small parameters and a 6-letter alphabet: many coincidental k-gram matches, runs of exactly t.
    fc.assert(
      fc.property(fc.integer(), fc.nat(40), (seed, pad) => {
        const r = rng(seed);
        const params = { kgram: 5, window: 8 };
        const t = 12;
        const letters = '甲乙丙丁戊己';
        const rand = (n: number) => Array.from({ length: n }, () => letters[Math.floor(r() * 6)]).join('');
        const run = rand(t);
        const archived = `${rand(pad)}子${run}丑${rand(30)}`;
        const query = `${rand(20)}寅${run}卯${rand(pad)}`;
        const index = new DedupeIndex(params);
        index.add('a', archived);
        expect(index.guaranteeChars).toBe(t);
        const res = index.query(query, { minPassageChars: t });
        const qa = query.indexOf(`寅${run}`) + 1;
        const da = archived.indexOf(`子${run}`) + 1;
        const hit = res.passages.find((p) => p.normQueryStart - p.normDocStart === qa - da && p.queryStart <= qa && p.queryEnd >= qa + t);
        expect(hit).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });

  it('BL-9 template phrases and headings of the form do not count as copying', () => {
    const templatePhrases = ['本单位承诺所提交的申报材料真实、准确、完整，如有虚假愿承担相应责任。', '项目承担单位须按照有关规定对专项资金实行单独核算、专款专用。'];
    const headings = ['项目所在领域发展背景分析', '主要研究开发内容以及考核目标（包含技术指标）'];
    const r = rng(7);
    const boiler = `一、项目所在领域发展背景分析\n${templatePhrases[0]}\n二、主要研究开发内容以及考核目标（包含技术指标）\n${templatePhrases[1]}`;
    const a = `${boiler}\n${hanzi(r, 300)}`;
    const b = `${hanzi(r, 200)}\n${boiler}\n${hanzi(r, 200)}`;
    const withForm = new DedupeIndex({}, { templatePhrases, headings });
    withForm.add('a', a);
    const res = withForm.query(b);
    expect(res.passages).toEqual([]);
    expect(res.copyRatio).toBe(0);
    // Control: without the form text the same boilerplate is reported as copied.
    const plain = new DedupeIndex();
    plain.add('a', a);
    expect(plain.query(b).passages.length).toBeGreaterThan(0);
  });
});

describe('BL-9 near-duplicates', () => {
  it('BL-9 near-duplicates at 2–25 % word edit rates are found; exact re-rank equals brute force', () => {
    const r = rng(2024);
    const vocab = vocabulary(r, 3000);
    const bases = Array.from({ length: 120 }, () => words(r, vocab, 120 + Math.floor(r() * 200)));
    const index = new DedupeIndex();
    bases.forEach((ws, i) => index.add(`B${i}`, ws.join('')));
    let n50 = 0;
    let hit50 = 0;
    let n70 = 0;
    let hit70 = 0;
    for (let i = 0; i < bases.length; i++) {
      const rate = 0.02 + (0.23 * i) / bases.length;
      const q = edit(r, bases[i]!, vocab, rate).join('');
      const b = brute(q, bases[i]!.join(''));
      const res = index.query(q, { minJaccard: 0.3 });
      const got = res.nearDuplicates.find((d) => d.docId === `B${i}`);
      if (b.j >= 0.5) {
        n50++;
        if (got) hit50++;
      }
      if (b.j >= 0.7) {
        n70++;
        if (got) hit70++;
      }
      // Every reported figure is the exact one.
      for (const d of res.nearDuplicates) {
        const e = brute(q, bases[Number(d.docId.slice(1))]!.join(''));
        expect(d.jaccard).toBe(e.j);
        expect(d.containment).toBe(e.c);
        expect(d.reverseContainment).toBe(e.r);
      }
    }
    expect(n50).toBeGreaterThan(40);
    expect(n70).toBeGreaterThan(20);
    expect(hit70).toBe(n70);
    expect(hit50 / n50).toBeGreaterThanOrEqual(0.95);
  });

  it('BL-9 on small archives the reported set equals brute force above the threshold (property)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const r = rng(seed);
        const vocab = vocabulary(r, 400);
        const base = words(r, vocab, 150);
        const docs = Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? edit(r, base, vocab, 0.02 * i) : words(r, vocab, 100 + Math.floor(r() * 100))).join(''));
        const index = new DedupeIndex();
        docs.forEach((d, i) => index.add(`d${i}`, d));
        const q = edit(r, base, vocab, 0.03).join('');
        const opts = { minJaccard: 0.8, minContainment: Infinity };
        const expected = docs
          .map((d, i) => ({ id: `d${i}`, ...brute(q, d) }))
          .filter((x) => x.j >= 0.8)
          .map((x) => x.id)
          .sort();
        const got = index
          .query(q, opts)
          .nearDuplicates.map((d) => d.docId)
          .sort();
        expect(got).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });
});

describe('BL-9 brute force over the whole reporting range', () => {
  /** Longest common run of the two normalised texts (code points), by dynamic programming. */
  function longestCommonRun(a: string, b: string): number {
    const A = [...normalisedString(normalise(a))];
    const B = [...normalisedString(normalise(b))];
    let best = 0;
    let prev = new Uint16Array(B.length + 1);
    let cur = new Uint16Array(B.length + 1);
    for (let i = 1; i <= A.length; i++) {
      for (let j = 1; j <= B.length; j++) {
        cur[j] = A[i - 1] === B[j - 1] ? prev[j - 1]! + 1 : 0;
        if (cur[j]! > best) best = cur[j]!;
      }
      [prev, cur] = [cur, prev];
    }
    return best;
  }

  it('BL-9 Jaccard 0.5–0.8 and containment: reported values equal brute force; every pair ≥ 0.65 found, ≥ 90 % of 0.5–0.65', () => {
    let mid = 0;
    let midFound = 0;
    let high = 0;
    let contOnly = 0;
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const r = rng(seed);
        const vocab = vocabulary(r, 400);
        const base = words(r, vocab, 150);
        // Graded edit rates from 5 % to 40 %: Jaccard from ≈ 0.85 down to ≈ 0.3.
        const docs = Array.from({ length: 12 }, (_, i) => (i < 8 ? edit(r, base, vocab, 0.05 + 0.05 * i) : words(r, vocab, 100 + Math.floor(r() * 100))).join(''));
        // Containment-only pairs: a short archived text inside the longer query, and vice versa.
        const q = edit(r, base, vocab, 0.02).join('');
        docs.push(q.slice(40, 40 + 60 + Math.floor(r() * 60)));
        docs.push(`${words(r, vocab, 200).join('')}${q}`);
        const index = new DedupeIndex();
        docs.forEach((d, i) => index.add(`d${i}`, d));
        const res = index.query(q, { minJaccard: 0.5, minContainment: 0.8 });
        const got = new Map(res.nearDuplicates.map((d) => [d.docId, d]));
        docs.forEach((d, i) => {
          const b = brute(q, d);
          const x = got.get(`d${i}`);
          const want = b.j >= 0.5 || b.c >= 0.8 || b.r >= 0.8;
          if (x) {
            // Precision: everything reported qualifies, with the exact values.
            expect(want).toBe(true);
            expect(x.jaccard).toBeCloseTo(b.j, 12);
            expect(x.containment).toBeCloseTo(b.c, 12);
            expect(x.reverseContainment).toBeCloseTo(b.r, 12);
          }
          if (!want) return;
          if (b.j >= 0.65) {
            high++;
            expect(x, `d${i} J=${b.j}`).toBeDefined();
          } else if (b.j >= 0.5) {
            mid++;
            if (x) midFound++;
          } else {
            // Containment-only: guaranteed when the pair shares a common run ≥ t (README).
            contOnly++;
            if (longestCommonRun(q, d) >= index.guaranteeChars) expect(x, `d${i} C=${b.c} R=${b.r}`).toBeDefined();
          }
        });
      }),
      { numRuns: 25, seed: 20261123 },
    );
    expect(high).toBeGreaterThan(25);
    expect(mid).toBeGreaterThan(10);
    expect(midFound / mid).toBeGreaterThanOrEqual(0.9);
    expect(contOnly).toBeGreaterThan(25);
  });
});

describe('BL-9 input validation and boilerplate cap', () => {
  it('BL-9 rejects NaN and out-of-range query options and parameters with Chinese messages', () => {
    const index = new DedupeIndex();
    index.add('a', '研究开发新一代人工智能芯片的设计方法');
    for (const o of [{ minJaccard: Number.NaN }, { minJaccard: -0.1 }, { minJaccard: 1.5 }, { minContainment: Number.NaN }, { minContainment: 2 }, { minPassageChars: Number.NaN }, { minPassageChars: 0 }, { minPassageChars: 12.5 }, { maxFingerprintDocs: 0 }])
      expect(() => index.query('研究开发', o), JSON.stringify(o)).toThrow(/须为/);
    expect(index.query('研究开发', { minContainment: Infinity, maxFingerprintDocs: Infinity }).totalChars).toBe(4);
    for (const p of [{ bands: 0 }, { bands: 100000 }, { rows: 64 }, { window: 1000 }, { kgram: 2 }, { kgram: 60 }, { shingleSize: 40 }, { window: 40, kgram: 12 }, { bands: Number.NaN }])
      expect(() => new DedupeIndex(p), JSON.stringify(p)).toThrow(/查重索引参数/);
    expect(new DedupeIndex({ window: 39, kgram: 12 }).guaranteeChars).toBe(50);
  });

  it('BL-9 a passage shared by thousands of texts is boilerplate: counted, not expanded; below the cap it is reported', () => {
    const r = rng(5);
    const policy = hanzi(r, 200, 0x4e00, 0x1000, false);
    const docs = Array.from({ length: 1500 }, (_, i) => ({ id: `P${i}`, text: `${hanzi(r, 80, 0x6000, 0x1000, false)}${policy}${hanzi(r, 80, 0x7000, 0x1000, false)}` }));
    const unique = hanzi(r, 120, 0x8000, 0x1000, false);
    docs.push({ id: 'SRC', text: `${hanzi(r, 60, 0x9000, 0x500, false)}${unique}` });
    const index = DedupeIndex.build(docs);
    const q = `${policy}${unique}`;
    const res = index.query(q, { minJaccard: 0.9 });
    expect(res.stats.boilerplateKgrams).toBeGreaterThan(0);
    expect(res.stats.passageDocs).toBe(1);
    expect(res.passages.map((p) => p.docId)).toEqual(['SRC']);
    expect(res.copiedChars).toBeGreaterThanOrEqual(120);
    // Under a higher cap every copy is expanded (the linear work the cap avoids).
    const all = index.query(q, { minJaccard: 0.9, maxFingerprintDocs: 5000 });
    expect(all.stats.boilerplateKgrams).toBe(0);
    expect(all.stats.passageDocs).toBe(1501);
  });
});

describe('BL-9 index lifecycle', () => {
  const r = rng(99);
  const vocab = vocabulary(r, 800);
  const base = words(r, vocab, 200);
  const docs = Array.from({ length: 40 }, (_, i) => ({ id: `APP-${String(i).padStart(3, '0')}`, text: (i % 4 === 0 ? edit(r, base, vocab, 0.01 * i) : words(r, vocab, 150)).join('') }));
  const passageSrc = docs[5]!.text.slice(20, 110);
  const queries = [edit(r, base, vocab, 0.05).join(''), `${hanzi(r, 100, 0x9000, 0x500)}${passageSrc}${hanzi(r, 100, 0x9000, 0x500)}`, words(r, vocab, 100).join('')];
  const run = (index: DedupeIndex): DedupeResult[] => queries.map((q) => index.query(q, { minJaccard: 0.2 }));

  it('BL-9 identical inputs give identical output: bulk or one at a time, twice, byte for byte', () => {
    const bulk = DedupeIndex.build(docs);
    const one = new DedupeIndex();
    for (const d of docs) one.add(d.id, d.text);
    const a = run(bulk);
    expect(run(one)).toEqual(a);
    expect(run(bulk)).toEqual(a);
    expect(a[0]!.nearDuplicates.length).toBeGreaterThan(1);
    expect(a[1]!.passages.some((p) => p.docId === 'APP-005')).toBe(true);
    expect(Buffer.from(one.serialise()).equals(Buffer.from(bulk.serialise()))).toBe(true);
  });

  it('BL-9 serialise → deserialise preserves every query result (also with pending additions and removals)', () => {
    const index = DedupeIndex.build(docs.slice(0, 30), {}, { templatePhrases: ['这是一个模板句子不计入'] });
    for (const d of docs.slice(30)) index.add(d.id, d.text);
    index.remove('APP-008');
    const before = run(index);
    const bytes = index.serialise();
    const copy = DedupeIndex.deserialise(bytes);
    expect(run(copy)).toEqual(before);
    expect(copy.size).toBe(39);
    expect(copy.normaliseOptions.templatePhrases).toEqual(['这是一个模板句子不计入']);
    expect(Buffer.from(copy.serialise()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('BL-9 any single-byte change anywhere in a serialised index throws a clear error (never hangs, never accepted)', () => {
    const index = DedupeIndex.build(docs.slice(0, 6), {}, { templatePhrases: ['这是一个模板句子不计入'] });
    const bytes = index.serialise();
    expect(DedupeIndex.deserialise(bytes).size).toBe(6);
    // Every position, a single-bit and an all-bits flip each; the checksum makes each one a detected error.
    let cases = 0;
    for (let pos = 0; pos < bytes.length; pos++) {
      for (const x of [1 << (pos % 8), 0xff]) {
        const corrupt = bytes.slice();
        corrupt[pos]! ^= x;
        const t0 = performance.now();
        expect(() => DedupeIndex.deserialise(corrupt), `byte ${pos} ^ ${x}`).toThrow(/查重索引/);
        expect(performance.now() - t0).toBeLessThan(1000);
        cases++;
      }
    }
    expect(cases).toBe(bytes.length * 2);
    // Truncation and extension too.
    for (const cut of [1, 7, 16, bytes.length >> 1, bytes.length - 1]) expect(() => DedupeIndex.deserialise(bytes.slice(0, cut))).toThrow(/查重索引/);
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(() => DedupeIndex.deserialise(longer)).toThrow(/查重索引/);
  });

  it('BL-9 behind the checksum, the parser itself never hangs or crashes on corrupt data (checksum forged)', () => {
    const index = DedupeIndex.build(docs.slice(0, 4));
    const bytes = index.serialise();
    let threw = 0;
    let cases = 0;
    // Every 7th payload byte (each case allocates a 2^16-bucket directory, ≈ 7 ms): ≈ 270 cases.
    for (let pos = 16; pos < bytes.length; pos += 7) {
      cases++;
      const corrupt = bytes.slice();
      corrupt[pos]! ^= 0xff;
      const [c0, c1] = checksum64(corrupt, 16, corrupt.length);
      new DataView(corrupt.buffer).setUint32(8, c0, true);
      new DataView(corrupt.buffer).setUint32(12, c1, true);
      const t0 = performance.now();
      let copy: DedupeIndex | null = null;
      try {
        copy = DedupeIndex.deserialise(corrupt);
      } catch (e) {
        expect(e, `byte ${pos}`).toBeInstanceOf(RangeError);
        expect((e as Error).message).toMatch(/^查重索引反序列化失败/);
        threw++;
      }
      // What structure cannot tell apart (an id's letters, sketch nibbles, tags) loads, and still answers.
      if (copy) for (const q of queries) copy.query(q, { minJaccard: 0.2 });
      expect(performance.now() - t0, `byte ${pos}`).toBeLessThan(1000);
    }
    expect(threw).toBeGreaterThan(cases / 4);
  }, 30_000);

  it('BL-9 corrupt Rice blocks and varints throw instead of looping (bounds-checked reads)', () => {
    // A count whose continuation bits never stop, then a block of zero bits: both used to loop forever.
    expect(() => riceCount(new Uint8Array([0x80, 0x80, 0x80]), 0)).toThrow(/查重索引/);
    const w = new ByteWriter();
    w.rice(Uint32Array.from([5, 900, 70000, 4000000]));
    const good = w.finish();
    const zeroed = good.slice();
    zeroed.fill(0, 2);
    expect(() => decodeRice(zeroed, 0, new Uint32Array(4))).toThrow(/查重索引/);
    expect(() => decodeRice(good.slice(0, 3), 0, new Uint32Array(4))).toThrow(/查重索引/);
    const big = good.slice();
    big[0] = 0xff; // claims far more values than the block holds
    expect(() => decodeRice(big, 0, new Uint32Array(1 << 16))).toThrow(/查重索引/);
  });

  it('BL-9 remove really removes: never reported again, gone from the serialised bytes', () => {
    const index = DedupeIndex.build(docs);
    const target = index.query(queries[0]!, { minJaccard: 0.2 }).nearDuplicates[0]!.docId;
    expect(index.remove(target)).toBe(true);
    expect(index.remove(target)).toBe(false);
    expect(index.has(target)).toBe(false);
    expect(index.shingleSet(target)).toBeNull();
    for (const res of run(index)) {
      expect(res.nearDuplicates.map((d) => d.docId)).not.toContain(target);
      expect(res.passages.map((p) => p.docId)).not.toContain(target);
    }
    const bytes = index.serialise();
    expect(new TextDecoder().decode(bytes).includes(target)).toBe(false);
    expect(run(DedupeIndex.deserialise(bytes))).toEqual(run(index));
    // Removing most documents compacts; the survivors still answer the same.
    const keep = docs.filter((d) => d.id !== target).slice(0, 5);
    for (const d of docs) if (!keep.some((k) => k.id === d.id)) index.remove(d.id);
    const fresh = DedupeIndex.build(keep);
    expect(run(index)).toEqual(run(fresh));
  });

  it('BL-9 add with an existing id replaces the document', () => {
    const index = DedupeIndex.build(docs.slice(0, 10));
    index.add('APP-005', docs[20]!.text);
    expect(index.size).toBe(10);
    const res = index.query(docs[20]!.text);
    expect(res.nearDuplicates[0]).toMatchObject({ docId: 'APP-005', jaccard: 1 });
    expect(index.query(docs[5]!.text).nearDuplicates.map((d) => d.docId)).not.toContain('APP-005');
  });

  it('BL-9 excludeIds leaves the application’s own earlier version out', () => {
    const index = DedupeIndex.build(docs);
    const res = index.query(docs[3]!.text, { excludeIds: ['APP-003'] });
    expect(res.nearDuplicates.map((d) => d.docId)).not.toContain('APP-003');
    expect(index.query(docs[3]!.text).nearDuplicates[0]!.docId).toBe('APP-003');
  });

  it('BL-9 handles empty and tiny texts', () => {
    const index = new DedupeIndex();
    index.add('empty', '');
    index.add('tiny', '研究');
    const res = index.query('研究');
    expect(res).toMatchObject({ nearDuplicates: [], passages: [], copyRatio: 0, totalChars: 2 });
    expect(index.query('').totalChars).toBe(0);
    expect(DedupeIndex.deserialise(index.serialise()).size).toBe(2);
  });
});
