/**
 * Text normalisation for 查重 (BL-9): the same passage must compare equal however it was typed, and the
 * call's own form text must never count as copying.
 *
 * - Width and compatibility folding: NFKC per code point (full-width ASCII → ASCII, ideographic space,
 *   CJK compatibility ideographs, circled numbers …), ASCII and other capitals → lower case.
 * - Whitespace, control and format characters are dropped (re-wrapped or re-spaced copies still match).
 * - Every punctuation mark (Unicode P*) becomes one marker ','; a run of marks becomes one marker, so
 *   「，」「,」「；」「。」 and changed quotation marks all compare equal.
 * - Template phrases (anywhere) and section headings (with a directly preceding numbering such as
 *   「三、」「（二）」「1.2」) are removed, each matched after the same folding.
 *
 * Every normalised character keeps the original UTF-16 range it came from, so spans found on the
 * normalised text are reported in original-text coordinates.
 */

export interface NormaliseOptions {
  /** Boilerplate sentences of the call's form (承诺, 填写说明 …): removed wherever they occur. */
  templatePhrases?: readonly string[];
  /** Section and item titles of the form: removed together with a numbering directly before them. */
  headings?: readonly string[];
}

export interface NormalisedText {
  /** Normalised text as code points. */
  chars: Uint32Array;
  /** UTF-16 index in the original of the first code unit that produced normalised character i. */
  origStart: Uint32Array;
  /** UTF-16 index one past the last code unit that produced normalised character i. */
  origEnd: Uint32Array;
}

/** The marker every punctuation mark folds to. */
export const PUNCT_MARK = 0x2c;
const PUNCT = -1;
/** Template phrases shorter than this (after folding) are ignored: they would delete real content. */
export const MIN_TEMPLATE_CHARS = 4;
export const MIN_HEADING_CHARS = 2;

const punctRe = /^\p{P}$/u;
const dropRe = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Zl}\p{Zp}]$/u;
const upperRe = /^\p{Lu}$/u;

// Folding of one code point to zero or more tokens (code points, or PUNCT). ASCII and the main CJK
// blocks take a fast path; everything else goes through NFKC once and is cached.
const foldCache = new Map<number, Int32Array>();
const EMPTY = new Int32Array(0);

function foldSlow(cp: number): Int32Array {
  const cached = foldCache.get(cp);
  if (cached) return cached;
  const out: number[] = [];
  for (const ch of String.fromCodePoint(cp).normalize('NFKC')) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      const t = foldAscii(c);
      if (t !== null) out.push(t);
    } else if (dropRe.test(ch)) continue;
    else if (punctRe.test(ch)) out.push(PUNCT);
    else if (upperRe.test(ch)) {
      for (const l of ch.toLowerCase()) out.push(l.codePointAt(0)!);
    } else out.push(c);
  }
  const res = out.length === 0 ? EMPTY : Int32Array.from(out);
  if (foldCache.size < 65536) foldCache.set(cp, res);
  return res;
}

// ASCII punctuation in Unicode's P* categories: ! " # % & ' ( ) * , - . / : ; ? @ [ \ ] _ { }
const ASCII_PUNCT = new Uint8Array(128);
for (const ch of '!"#%&\'()*,-./:;?@[\\]_{}') ASCII_PUNCT[ch.charCodeAt(0)] = 1;

function foldAscii(c: number): number | null {
  if (c <= 0x20 || c === 0x7f) return null;
  if (ASCII_PUNCT[c] === 1) return PUNCT;
  if (c >= 0x41 && c <= 0x5a) return c + 32;
  return c;
}

// Tokens of the fold stage plus their original ranges; punctuation runs already collapsed.
interface Folded {
  tok: Int32Array;
  s: Uint32Array;
  e: Uint32Array;
  n: number;
}

function fold(text: string): Folded {
  let cap = text.length + 16;
  let tok: Int32Array = new Int32Array(cap);
  let s: Uint32Array = new Uint32Array(cap);
  let e: Uint32Array = new Uint32Array(cap);
  let n = 0;
  let lastPunct = false;
  for (let i = 0; i < text.length; ) {
    let cp = text.charCodeAt(i);
    let len = 1;
    let t: number;
    if (cp >= 0x4e00 && cp <= 0x9fff) t = cp;
    else if (cp < 0x80) {
      if (cp <= 0x20 || cp === 0x7f) {
        i++;
        continue;
      }
      t = ASCII_PUNCT[cp] === 1 ? PUNCT : cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp;
    } else {
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        const lo = text.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
          len = 2;
        }
      }
      if (cp >= 0x3400 && cp <= 0x4dbf) t = cp;
      else {
        // Zero or several tokens: rare, handled here without the fast path's single-token shortcut.
        const f = foldSlow(cp);
        for (let j = 0; j < f.length; j++) {
          const tj = f[j]!;
          if (tj === PUNCT && lastPunct) continue;
          if (n === cap) {
            cap *= 2;
            tok = growI32(tok, cap);
            s = growU32(s, cap);
            e = growU32(e, cap);
          }
          tok[n] = tj;
          s[n] = i;
          e[n] = i + len;
          n++;
          lastPunct = tj === PUNCT;
        }
        i += len;
        continue;
      }
    }
    // A run of marks keeps the first mark's range only.
    if (t === PUNCT) {
      if (lastPunct) {
        i += len;
        continue;
      }
      lastPunct = true;
    } else lastPunct = false;
    if (n === cap) {
      cap *= 2;
      tok = growI32(tok, cap);
      s = growU32(s, cap);
      e = growU32(e, cap);
    }
    tok[n] = t;
    s[n] = i;
    e[n] = i + len;
    n++;
    i += len;
  }
  return { tok, s, e, n };
}

function growI32(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

function growU32(a: Uint32Array, cap: number): Uint32Array {
  const b = new Uint32Array(cap);
  b.set(a);
  return b;
}

/** A phrase after folding, trimmed of punctuation at both ends. */
function foldPhrase(p: string): Int32Array {
  const f = fold(p);
  let a = 0;
  let b = f.n;
  while (a < b && f.tok[a] === PUNCT) a++;
  while (b > a && f.tok[b - 1] === PUNCT) b--;
  return f.tok.slice(a, b);
}

// Tokens that may form a section number in front of a heading: 「三、」「（二）」「第一章」「1.2」.
const NUMBERING = new Set<number>([PUNCT, ...'0123456789一二三四五六七八九十百零〇第章节部分条'].map((c) => (typeof c === 'number' ? c : c.codePointAt(0)!)));
const MAX_NUMBERING = 8;

/**
 * Start of a section number directly before a heading at p (p when there is none). The number must
 * open the text or follow a punctuation mark, and a digit group of three or more (a year, an amount)
 * is content, not numbering.
 */
function numberingStart(tok: Int32Array, p: number): number {
  let r = p;
  let digits = 0;
  let lastPunct = -1;
  for (let q = p - 1, c = 0; q >= 0 && c < MAX_NUMBERING; q--, c++) {
    const t = tok[q]!;
    if (!NUMBERING.has(t)) break;
    if (t >= 0x30 && t <= 0x39) {
      if (++digits > 2) {
        r = lastPunct >= 0 ? lastPunct : p;
        break;
      }
    } else digits = 0;
    if (t === PUNCT) lastPunct = q;
    r = q;
  }
  for (let q = r; q < p; q++) if (tok[q] !== PUNCT && (q === 0 || tok[q - 1] === PUNCT)) return q;
  return p;
}

interface Phrase {
  tok: Int32Array;
  heading: boolean;
}

// Small-integer key of a phrase's first two tokens (collisions are harmless: phrases are compared in
// full), with a 64 Ki-entry bit filter in front of the Map so most positions cost one array read.
const pairKey = (a: number, b: number) => (Math.imul(a + 1, 0x9e3779b1) + b + 1) & 0x3fffffff;

export type Normaliser = (text: string) => NormalisedText;

/**
 * Compiles the options once (phrases folded and indexed by their first two tokens) and returns a
 * function that normalises texts with them. The index keeps one of these.
 */
export function createNormaliser(opts: NormaliseOptions = {}): Normaliser {
  const phrases: Phrase[] = [];
  for (const p of opts.templatePhrases ?? []) {
    const tok = foldPhrase(p);
    if (tok.length >= MIN_TEMPLATE_CHARS) phrases.push({ tok, heading: false });
  }
  for (const p of opts.headings ?? []) {
    const tok = foldPhrase(p);
    if (tok.length >= MIN_HEADING_CHARS) phrases.push({ tok, heading: true });
  }
  // Longest first at each start, so the longest phrase decides where a removal ends.
  phrases.sort((x, y) => y.tok.length - x.tok.length || (x.heading === y.heading ? 0 : x.heading ? 1 : -1));
  const byPair = new Map<number, Phrase[]>();
  const filter = new Uint8Array(65536);
  for (const ph of phrases) {
    const k = pairKey(ph.tok[0]!, ph.tok[1]!);
    filter[k & 0xffff] = 1;
    const list = byPair.get(k);
    if (list) list.push(ph);
    else byPair.set(k, [ph]);
  }

  return (text: string): NormalisedText => {
    const { tok, s, e, n } = fold(text);
    let removed: Uint8Array | null = null;
    if (byPair.size > 0) {
      for (let p = 0; p + 1 < n; p++) {
        const key = pairKey(tok[p]!, tok[p + 1]!);
        if (filter[key & 0xffff] === 0) continue;
        const list = byPair.get(key);
        if (!list) continue;
        for (const ph of list) {
          const L = ph.tok.length;
          if (p + L > n) continue;
          let j = 2;
          while (j < L && tok[p + j] === ph.tok[j]) j++;
          if (j < L || ph.tok[0] !== tok[p] || ph.tok[1] !== tok[p + 1]) continue;
          removed ??= new Uint8Array(n);
          removed.fill(1, p, p + L);
          if (ph.heading) removed.fill(1, numberingStart(tok, p), p);
          break;
        }
      }
    }
    const chars = new Uint32Array(n);
    const origStart = new Uint32Array(n);
    const origEnd = new Uint32Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (removed !== null && removed[i] === 1) continue;
      const t = tok[i]!;
      if (t === PUNCT) {
        // Drop a mark at the very start and one that would follow another (a removal can leave two).
        if (m === 0 || chars[m - 1] === PUNCT_MARK) continue;
        chars[m] = PUNCT_MARK;
      } else chars[m] = t;
      origStart[m] = s[i]!;
      origEnd[m] = e[i]!;
      m++;
    }
    if (m > 0 && chars[m - 1] === PUNCT_MARK) m--;
    return { chars: chars.subarray(0, m), origStart: origStart.subarray(0, m), origEnd: origEnd.subarray(0, m) };
  };
}

/** One-off normalisation; for many texts with the same options use createNormaliser. */
export function normalise(text: string, opts: NormaliseOptions = {}): NormalisedText {
  return createNormaliser(opts)(text);
}

/** The normalised text as a string (for display and debugging). */
export function normalisedString(n: NormalisedText): string {
  let out = '';
  for (let i = 0; i < n.chars.length; i += 4096) out += String.fromCodePoint(...n.chars.subarray(i, i + 4096));
  return out;
}

/** Original UTF-16 range [start, end) of the normalised range [a, b) (b > a). */
export function toOriginal(n: NormalisedText, a: number, b: number): { start: number; end: number } {
  return { start: n.origStart[a]!, end: n.origEnd[b - 1]! };
}
