import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedProperties } from '../common/test-seed.js';
import { createNormaliser, normalise, normalisedString, toOriginal } from './normalise.js';

// Fixed seed (KC_TEST_SEED overrides): the probabilistic properties give the same verdict on every run.
seedProperties(20261207);

const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
const noisy = fc.oneof(cjk, cjk, cjk, fc.constantFrom('，', ',', '。', '.', '；', '：', '“', '”', '（', '）', '、', ' ', '\n', '\t', '　', 'Ａ', 'a', 'Z', '１', '9', '％', '㈠', '①', 'ﬁ', '😀', '\u200b'));
const noisyText = fc.array(noisy, { maxLength: 80 }).map((a) => a.join(''));

describe('normalise', () => {
  it('folds full-width forms, case, punctuation and whitespace', () => {
    expect(normalisedString(normalise('ＡＢＣ　ａｂｃ１２３'))).toBe('abcabc123');
    expect(normalisedString(normalise('研究，内容。；（一）“深度学习”\n\t 方法'))).toBe('研究,内容,一,深度学习,方法');
    expect(normalisedString(normalise('，，开头和结尾。。'))).toBe('开头和结尾');
  });

  it('re-typed copies normalise identically (width, punctuation, spacing) (property)', () => {
    const toWide = (s: string) => s.replace(/[A-Za-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(fc.array(fc.oneof(cjk, fc.constantFrom('A', 'b', '7', '，', '。', '；')), { minLength: 1, maxLength: 60 }), fc.array(fc.nat(60), { maxLength: 6 }), (chars, spaces) => {
        const a = chars.join('');
        const wide = toWide(a).replace(/，/g, ',').replace(/。/g, '.').replace(/；/g, ';');
        const spaced = [...wide];
        for (const p of spaces) spaced.splice(Math.min(p, spaced.length), 0, p % 2 ? ' ' : '\n');
        expect(normalisedString(normalise(spaced.join('')))).toBe(normalisedString(normalise(a)));
      }),
      { numRuns: 200 },
    );
  });

  it('every normalised character maps back to the original characters it came from (property)', () => {
    fc.assert(
      fc.property(noisyText, (text) => {
        const n = normalise(text);
        for (let i = 0; i < n.chars.length; i++) {
          const s = n.origStart[i]!;
          const e = n.origEnd[i]!;
          expect(e).toBeGreaterThan(s);
          if (i > 0) expect(s).toBeGreaterThanOrEqual(n.origStart[i - 1]!);
          // The original range alone folds to a sequence containing this character.
          const alone = normalise(`字${text.slice(s, e)}字`).chars;
          expect(Array.from(alone)).toContain(n.chars[i]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('BL-9 removes template phrases and numbered section headings, keeping years and amounts', () => {
    const norm = createNormaliser({ templatePhrases: ['本单位承诺所提交的申报材料真实、准确、完整。'], headings: ['研究内容', '项目目标'] });
    const text = '一、研究内容\n本单位承诺所提交的申报材料真实，准确，完整！我们研究机器视觉。2025。二、项目目标：达到国际先进水平。（三）研究内容 其他';
    const n = norm(text);
    expect(normalisedString(n)).toBe('我们研究机器视觉,2025,达到国际先进水平,其他');
    const { start, end } = toOriginal(n, 0, 8);
    expect(text.slice(start, end)).toBe('我们研究机器视觉');
  });

  it('ignores template phrases too short to be boilerplate', () => {
    expect(normalisedString(normalise('无无无研究', { templatePhrases: ['无'] }))).toBe('无无无研究');
  });
});
