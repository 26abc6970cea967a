/**
 * Every limit that keeps an uploaded Excel workbook (.xlsx, a zip of XML parts) from exhausting the server, in one
 * place. The figures come from measuring the largest legitimate upload the imports accept: a 20,000-row project
 * import (the biggest row limit) is a 0.65 MB file whose sheet part inflates to 5.1 MB and shared strings to 2.3 MB,
 * and ExcelJS needs about 80 MB of heap and 1.7 s to read it. Everything below leaves several times that headroom
 * and refuses what only a crafted file ("zip bomb") needs.
 */
export const WORKBOOK_LIMITS = {
  /** Parts in the archive: a workbook has a dozen, a few hundred with many sheets and pictures. */
  maxEntries: 500,
  /** Declared inflated size of one part: six times the biggest legitimate sheet part. */
  maxEntryBytes: 32 * 1024 * 1024,
  /** Declared inflated size of all parts together. */
  maxTotalBytes: 64 * 1024 * 1024,
  /**
   * Inflated ÷ compressed size of one part. Real sheets compress 10–25×; deflate's ceiling is about 1,030×, which is
   * what bombs use. Small parts (styles, empty sheets) can legitimately compress far better, so the ratio is only
   * checked from `ratioFloorBytes` of inflated size up.
   */
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  /** Folder depth and name length of a part name: real parts are `xl/worksheets/_rels/sheet1.xml.rels` (4 levels). */
  maxPathDepth: 8,
  maxNameLength: 255,
  /**
   * The parse itself runs in a worker thread with its own heap: a file that passes the checks above but still
   * needs more (or a central directory that lies) kills only that worker, never the server.
   */
  workerHeapMb: 256,
  workerYoungGenerationMb: 32,
  /** Wall-clock budget of one parse (the 20,000-row import takes under 2 s alone, more on a busy machine). */
  parseTimeoutMs: 20_000,
  /** A worker left without work this long is ended, so an idle server holds no parser heap. */
  workerIdleMs: 60_000,
  /** Parses at once: the machines have two cores, and the event loop must keep one. */
  concurrentParses: 2,
  /** Uploads waiting for a parse slot; beyond this the server answers 503 with Retry-After. */
  queuedParses: 8,
  retryAfterSeconds: 10,
} as const;

export type WorkbookLimits = Record<keyof typeof WORKBOOK_LIMITS, number>;
