import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedProperties, testSeed } from './test-seed.js';

describe('test seed', () => {
  it('is the fixed default unless KC_TEST_SEED overrides it; a malformed override is refused', () => {
    expect(testSeed(42, {})).toBe(42);
    expect(testSeed(42, { KC_TEST_SEED: ' ' })).toBe(42);
    expect(testSeed(42, { KC_TEST_SEED: '7' })).toBe(7);
    expect(() => testSeed(42, { KC_TEST_SEED: 'abc' })).toThrow(/KC_TEST_SEED/);
  });

  it('makes two runs of a property draw the same values', () => {
    const seed = seedProperties(99);
    expect(fc.readConfigureGlobal().seed).toBe(seed);
    const draw = () => fc.sample(fc.integer(), { numRuns: 5 });
    expect(draw()).toEqual(draw());
  });
});
