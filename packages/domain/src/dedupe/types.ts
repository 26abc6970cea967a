/** Parameters, query options and results of the 查重 index (BL-9). */
export interface DedupeParams {
  /** Character n-gram length of the shingles whose Jaccard similarity is measured. */
  shingleSize: number;
  /** LSH bands and rows per band: signature length = bands × rows. */
  bands: number;
  rows: number;
  /** k-gram length and winnowing window of the passage fingerprints (guarantee t = window + kgram − 1). */
  kgram: number;
  window: number;
  /** Seed of the signature hashes (fixed: changing it changes every band key). */
  seed: number;
}

/**
 * Accepted range of each parameter (inclusive). Beyond these the signature, sketch and table layouts
 * are untested and memory grows without bound; window + kgram − 1 must also be ≤ 50 (the default
 * minPassageChars), or 50-character copies would no longer be guaranteed.
 */
export const PARAM_RANGES: Readonly<Record<keyof DedupeParams, readonly [number, number]>> = Object.freeze({
  shingleSize: [1, 16],
  bands: [1, 256],
  rows: [1, 16],
  kgram: [1, 50],
  window: [1, 50],
  seed: [0, 0xffffffff],
});

/** Default of QueryOptions.minPassageChars: the passage guarantee's length. */
export const DEFAULT_MIN_PASSAGE_CHARS = 50;
/** Default of QueryOptions.maxFingerprintDocs. */
export const DEFAULT_MAX_FINGERPRINT_DOCS = 1000;

/** Defaults chosen by measurement (README: recall/precision curve and latency per band shape). */
export const DEFAULT_PARAMS: Readonly<DedupeParams> = Object.freeze({ shingleSize: 3, bands: 32, rows: 3, kgram: 12, window: 39, seed: 0 });

export interface QueryOptions {
  /** Report archived texts with Jaccard ≥ this … (default 0.5). */
  minJaccard?: number;
  /** … or with containment (either direction) ≥ this (default 0.8). */
  minContainment?: number;
  /** Report common runs of at least this many normalised characters (default 50; ≥ kgram). */
  minPassageChars?: number;
  /** Archived ids to ignore (e.g. the application's own earlier version). */
  excludeIds?: readonly string[];
  /**
   * Boilerplate cap (default 1,000): a query k-gram whose archived fingerprint occurs more than this
   * many times in live, non-excluded archived texts (a text repeating it counts once per occurrence) —
   * a widely quoted policy text, say — seeds no passages; it is counted in
   * `stats.boilerplateKgrams` instead. Keeps the passage work per query bounded by this cap rather
   * than by the number of texts sharing a passage. Use `Infinity` to switch it off.
   */
  maxFingerprintDocs?: number;
}

export interface NearDuplicate {
  docId: string;
  /** |Q ∩ D| / |Q ∪ D| over the 3-gram sets, computed exactly from the stored set. */
  jaccard: number;
  /** |Q ∩ D| / |Q|: how much of the query lies in the archived text. */
  containment: number;
  /** |Q ∩ D| / |D|: how much of the archived text lies in the query. */
  reverseContainment: number;
  sharedShingles: number;
}

export interface PassageMatch {
  docId: string;
  /** UTF-16 range in the ORIGINAL query text. */
  queryStart: number;
  queryEnd: number;
  /** UTF-16 range in the ORIGINAL archived text. */
  docStart: number;
  docEnd: number;
  /** Length in normalised characters, and the normalised ranges on both sides. */
  chars: number;
  normQueryStart: number;
  normQueryEnd: number;
  normDocStart: number;
  normDocEnd: number;
}

export interface SourceCopy {
  docId: string;
  /** Normalised query characters covered by passages from this archived text. */
  copiedChars: number;
  copyRatio: number;
}

export interface DedupeResult {
  nearDuplicates: NearDuplicate[];
  passages: PassageMatch[];
  /** Per archived text: how much of the query it covers (largest first). */
  sources: SourceCopy[];
  /** CNKI-style 文字复制比: copied characters / total characters, over the normalised query. */
  copyRatio: number;
  copiedChars: number;
  totalChars: number;
  /**
   * Work done (for benchmarks): sets decoded and re-ranked exactly; documents met in LSH buckets and
   * how many of them the sketch dismissed; documents with passage seeds.
   */
  stats: {
    candidates: number;
    lshCandidates: number;
    sketchRejected: number;
    passageDocs: number;
    /** Query k-grams whose fingerprint exceeded maxFingerprintDocs: treated as boilerplate, not expanded. */
    boilerplateKgrams: number;
  };
}
