/**
 * The benchmark archive and query set built on the generator: which archived documents are planted
 * near-duplicates or passage copies of which, and the queries with their planted ground truth.
 */
import type { NormalisedText } from '../../../packages/domain/src/dedupe/index.js';
import { CorpusGenerator, plant, Rng, type DocKind, type Segment } from './generator.js';

export interface CorpusOptions {
  seed: number;
  docs: number;
  minChars: number;
  maxChars: number;
  /** Fractions of archived documents that are near-duplicates / passage copies of earlier ones. */
  nearFraction: number;
  passageFraction: number;
}

export type QueryKind =
  | { kind: 'fresh' }
  | { kind: 'near'; base: number; editRate: number }
  | {
      kind: 'passage';
      from: number;
      /** Planted normalised ranges: query [qStart, qStart + length) ≡ archived [dStart, dStart + length). */
      qStart: number;
      dStart: number;
      length: number;
    };

export interface BenchQuery {
  text: string;
  info: QueryKind;
}

export class Corpus {
  readonly gen: CorpusGenerator;
  private readonly families = new Map<number, number[]>();

  constructor(
    readonly opts: CorpusOptions,
    private readonly normalise: (t: string) => NormalisedText,
  ) {
    this.gen = new CorpusGenerator({ seed: opts.seed, minChars: opts.minChars, maxChars: opts.maxChars });
    for (let i = 0; i < opts.docs; i++) {
      const k = this.kind(i);
      if (k.kind !== 'near') continue;
      const f = this.families.get(k.of);
      if (f) f.push(i);
      else this.families.set(k.of, [i]);
    }
  }

  id(i: number): string {
    return `D${i}`;
  }

  private cls(i: number): number {
    if (i === 0) return 1;
    return new Rng(this.opts.seed, i, 1).float();
  }

  private isFresh(i: number): boolean {
    return this.cls(i) >= this.opts.nearFraction + this.opts.passageFraction;
  }

  private freshBelow(i: number, rng: Rng): number {
    let j = rng.int(i);
    while (j > 0 && !this.isFresh(j)) j--;
    return j;
  }

  kind(i: number): DocKind {
    const u = this.cls(i);
    const rng = new Rng(this.opts.seed, i, 2);
    if (u < this.opts.nearFraction) return { kind: 'near', of: this.freshBelow(i, rng), editRate: 0.02 + 0.23 * rng.float() };
    if (u < this.opts.nearFraction + this.opts.passageFraction) return { kind: 'passage', from: this.freshBelow(i, rng), length: 50 + rng.int(451) };
    return { kind: 'fresh' };
  }

  isFreshDoc(i: number): boolean {
    return this.isFresh(i);
  }

  /** Archived near-duplicates planted from fresh document j (j itself first). */
  family(j: number): number[] {
    return [j, ...(this.families.get(j) ?? [])];
  }

  private freshSegs(i: number): Segment[] {
    return this.gen.freshSegments(new Rng(this.opts.seed, i, 3));
  }

  text(i: number): string {
    const k = this.kind(i);
    if (k.kind === 'fresh') return CorpusGenerator.render(this.freshSegs(i));
    if (k.kind === 'near') return CorpusGenerator.render(this.gen.edit(this.freshSegs(k.of), k.editRate, new Rng(this.opts.seed, i, 4)));
    const host = CorpusGenerator.render(this.freshSegs(i));
    const p = this.passage(k.from, k.length, new Rng(this.opts.seed, i, 5));
    return plant(host, p.text, new Rng(this.opts.seed, i, 6)).text;
  }

  /** A passage of `length` normalised characters of archived document j (shorter if j is short). */
  passage(j: number, length: number, rng: Rng): { text: string; dStart: number; length: number } {
    const src = this.text(j);
    const n = this.normalise(src);
    const L = Math.min(length, n.chars.length - 1);
    // Both ends on a character, not a punctuation mark: a mark next to the host's 「。」 would merge
    // with it and the planted range would no longer be L characters on both sides.
    let s = rng.int(n.chars.length - L + 1);
    for (let tries = 0; tries < 50 && (n.chars[s] === 0x2c || n.chars[s + L - 1] === 0x2c); tries++) s = rng.int(n.chars.length - L + 1);
    return { text: src.slice(n.origStart[s]!, n.origEnd[s + L - 1]!), dStart: s, length: L };
  }

  /** Query qi: 40 % near-duplicates (2–25 % word edits), 40 % planted passages, 20 % unrelated. */
  query(qi: number, minPassage = 50, maxPassage = 500): BenchQuery {
    const rng = new Rng(this.opts.seed, 0x51, qi);
    const u = rng.float();
    const pickFresh = () => {
      let j = rng.int(this.opts.docs);
      while (j > 0 && !this.isFresh(j)) j--;
      return j;
    };
    if (u < 0.4) {
      const base = pickFresh();
      const editRate = 0.02 + 0.23 * rng.float();
      const segs = this.gen.edit(this.freshSegs(base), editRate, new Rng(this.opts.seed, 0x52, qi));
      return { text: CorpusGenerator.render(segs), info: { kind: 'near', base, editRate } };
    }
    const host = CorpusGenerator.render(this.gen.freshSegments(new Rng(this.opts.seed, 0x53, qi)));
    if (u < 0.8) {
      const from = pickFresh();
      const want = minPassage + rng.int(maxPassage - minPassage + 1);
      const p = this.passage(from, want, rng);
      const planted = plant(host, p.text, rng);
      // Where the inserted original range landed in the normalised query.
      const nq = this.normalise(planted.text);
      const end = planted.at + p.text.length;
      let qa = 0;
      while (qa < nq.chars.length && nq.origEnd[qa]! <= planted.at) qa++;
      let qb = qa;
      while (qb < nq.chars.length && nq.origStart[qb]! < end) qb++;
      return { text: planted.text, info: { kind: 'passage', from, qStart: qa, dStart: p.dStart, length: qb - qa === p.length ? p.length : -1 } };
    }
    return { text: host, info: { kind: 'fresh' } };
  }
}
