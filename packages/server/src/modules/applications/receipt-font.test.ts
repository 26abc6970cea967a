/**
 * The committed receipt font must draw every character the platform prints: the 通用规范汉字表, the seed
 * documents and the demo data. A missing glyph would print as a blank box in a legal document.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROPOSAL_TEMPLATE, exampleBeilunContent, SEED_PROGRAMMES } from '@kechuang/domain';
import { RECEIPT_FONT_PATH } from './receipt.js';

const repo = fileURLToPath(new URL('../../../../../', import.meta.url));
// The Chinese originals live beside the repository in the project's shared folder (see POLICY.md); a
// worktree sits one level deeper than the main checkout.
const seedDir = [path.resolve(repo, '../shared/seeds'), path.resolve(repo, '../../shared/seeds')].find((d) => fs.existsSync(d)) ?? path.resolve(repo, '../shared/seeds');
const font = fontkit.openSync(RECEIPT_FONT_PATH) as fontkit.Font;

function lacking(text: string): string[] {
  const out = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x7f || cp === 0xfeff) continue; // control characters and the BOM are never drawn
    if (!font.hasGlyphForCodePoint(cp)) out.add(ch);
  }
  return [...out];
}

/** Every source file of the demo and reference data, read as text: its string literals are what gets printed. */
function demoDataText(): string {
  const dirs = ['packages/server/src/db/seed', 'packages/domain/src/programmes/data', 'packages/domain/src/monitoring/data', 'packages/domain/src/programmes', 'packages/domain/src/applications'];
  return dirs
    .flatMap((d) => fs.readdirSync(path.join(repo, d)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => fs.readFileSync(path.join(repo, d, f), 'utf8')))
    .join('\n');
}

describe('receipt font (NotoSansSC-Regular-Subset.otf)', () => {
  it('is a few MB with its OFL licence beside it', () => {
    expect(fs.statSync(RECEIPT_FONT_PATH).size).toBeLessThan(5 * 1024 * 1024);
    expect(fs.readFileSync(path.join(path.dirname(RECEIPT_FONT_PATH), 'OFL.txt'), 'utf8')).toContain('SIL OPEN FONT LICENSE Version 1.1');
  });

  it('has a glyph for each of the 8,105 characters of the 通用规范汉字表', () => {
    const han = fs.readFileSync(path.join(repo, 'scripts/data/general-standard-chinese-characters-8105.txt'), 'utf8').split(/\s+/).filter(Boolean);
    expect(han).toHaveLength(8105);
    expect(lacking(han.join(''))).toEqual([]);
  });

  it('has a glyph for every character of the demo data, programmes, template and example application', () => {
    const text = [demoDataText(), JSON.stringify(SEED_PROGRAMMES), JSON.stringify(DEFAULT_PROPOSAL_TEMPLATE), JSON.stringify(exampleBeilunContent())].join('\n');
    expect(lacking(text)).toEqual([]);
  });

  const seedsPresent = fs.existsSync(seedDir);
  it.skipIf(!seedsPresent)(`has a glyph for every character of the seed documents in ${seedDir}${seedsPresent ? '' : ' — SKIPPED: folder not present on this machine'}`, () => {
    const files = fs.readdirSync(seedDir).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThan(0);
    const text = files.map((f) => fs.readFileSync(path.join(seedDir, f), 'utf8')).join('\n');
    expect(lacking(text)).toEqual([]);
  });
});
