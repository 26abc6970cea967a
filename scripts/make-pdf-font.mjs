#!/usr/bin/env node
/**
 * Makes the one Chinese font the PDF receipts (申报书) embed, so a fresh machine needs nothing beyond
 * `npm install` (see STACK.md, "PDFs with Chinese text"). Run once by a maintainer, on a machine with
 * Debian's fonts-noto-cjk; the output is committed:
 *
 *   node scripts/make-pdf-font.mjs [path/to/NotoSansCJK-Regular.ttc]
 *
 * It takes the Simplified Chinese face out of the Noto Sans CJK collection and subsets it with subset-font
 * (harfbuzz hb-subset) to the 8,105 characters of the 通用规范汉字表 (2013) plus ASCII, Latin-1, general and CJK
 * punctuation, full-width forms and a few symbols that forms use. The character list comes from
 * github.com/iDvel/The-Table-of-General-Standard-Chinese-Characters (1-8105纯汉字), checked to hold 8,105
 * distinct characters.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourcePath = process.argv[2] ?? '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const FACE = 'NotoSansCJKsc-Regular';
const outDir = path.join(root, 'packages/server/assets/fonts');
const outFile = path.join(outDir, 'NotoSansSC-Regular-Subset.otf');

/** The characters the subset keeps; exported through the file so the glyph test reads the same list. */
export function subsetCharacters() {
  const han = fs.readFileSync(path.join(root, 'scripts/data/general-standard-chinese-characters-8105.txt'), 'utf8').split(/\s+/).filter(Boolean);
  if (han.length !== 8105 || new Set(han).size !== 8105) throw new Error(`expected 8,105 distinct characters, found ${han.length}`);
  const ranges = [
    [0x20, 0x7e], // ASCII
    [0xa0, 0xff], // Latin-1: ° ± × ÷ · ¥ …
    [0x2010, 0x2027], // dashes, quotes, … ‧
    [0x2030, 0x203b], // ‰ ′ ″ ※
    [0x2103, 0x2103], // ℃
    [0x2116, 0x2116], // №
    [0x2160, 0x216b], // Ⅰ–Ⅻ
    [0x2190, 0x2199], // arrows ← ↑ → ↓ ↔ ↕
    [0x2212, 0x2212], // minus
    [0x2248, 0x2248], // ≈
    [0x2260, 0x2260], // ≠
    [0x2264, 0x2265], // ≤ ≥
    [0x2460, 0x2473], // ①–⑳
    [0x2474, 0x2487], // ⑴–⒇
    [0x25a0, 0x25a1], // ■ □
    [0x25b2, 0x25b3], // ▲ △
    [0x25cb, 0x25cf], // ○ ● ◎
    [0x2605, 0x2606], // ★ ☆
    [0x3000, 0x303f], // CJK symbols and punctuation: 、。〈〉《》「」『』【】〔〕
    [0x3220, 0x3229], // ㈠–㈩
    [0xfe30, 0xfe4f], // CJK compatibility forms
    [0xff01, 0xff5e], // full-width ASCII forms
    [0xffe0, 0xffe5], // ￠ ￡ ￢ ￣ ￤ ￥
  ];
  const extra = ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i)));
  return [...han, ...extra].join('');
}

/** One face of a TrueType/OpenType collection as a standalone font: its table directory with the tables copied. */
function faceOfCollection(ttc, postscriptName, fontkit) {
  if (ttc.toString('latin1', 0, 4) !== 'ttcf') return ttc;
  const count = ttc.readUInt32BE(8);
  for (let f = 0; f < count; f++) {
    const at = ttc.readUInt32BE(12 + 4 * f);
    const numTables = ttc.readUInt16BE(at + 4);
    const header = Buffer.alloc(12 + 16 * numTables);
    ttc.copy(header, 0, at, at + 12);
    const tables = [];
    for (let t = 0; t < numTables; t++) {
      const rec = at + 12 + 16 * t;
      tables.push({ rec, offset: ttc.readUInt32BE(rec + 8), length: ttc.readUInt32BE(rec + 12) });
    }
    let offset = header.length;
    const chunks = [header];
    tables.forEach((t, i) => {
      ttc.copy(header, 12 + 16 * i, t.rec, t.rec + 16);
      header.writeUInt32BE(offset, 12 + 16 * i + 8);
      const padded = Buffer.alloc((t.length + 3) & ~3);
      ttc.copy(padded, 0, t.offset, t.offset + t.length);
      chunks.push(padded);
      offset += padded.length;
    });
    const face = Buffer.concat(chunks);
    if (fontkit.create(face).postscriptName === postscriptName) return face;
  }
  throw new Error(`${postscriptName} is not in the collection`);
}

async function main() {
  const fontkit = await import('fontkit');
  const face = faceOfCollection(fs.readFileSync(sourcePath), FACE, fontkit);
  const source = fontkit.create(face);
  const han = new Set(fs.readFileSync(path.join(root, 'scripts/data/general-standard-chinese-characters-8105.txt'), 'utf8').split(/\s+/).filter(Boolean));
  const lacking = [...subsetCharacters()].filter((c) => !source.hasGlyphForCodePoint(c.codePointAt(0)));
  if (lacking.some((c) => han.has(c))) throw new Error(`the source face lacks characters of the 通用规范汉字表: ${lacking.join('')}`);
  // A few rare punctuation marks of the ranges above are not in the face; they are left out, not faked.
  const text = [...subsetCharacters()].filter((c) => !lacking.includes(c)).join('');
  // Layout features are kept only where Chinese text needs them (vertical forms and full-width punctuation
  // are chosen by code point here), which keeps the file small.
  const out = await subsetFont(face, text, { targetFormat: 'sfnt', keepFeatures: [], noHinting: true });
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(outFile, out);
  const font = fontkit.create(out);
  const missing = [...text].filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)));
  console.log(`${path.relative(root, outFile)}: ${(out.length / 1024 / 1024).toFixed(2)} MB, ${font.numGlyphs} glyphs, ${[...text].length} characters asked, ${missing.length} without a glyph${missing.length ? `: ${missing.join('')}` : ''}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
