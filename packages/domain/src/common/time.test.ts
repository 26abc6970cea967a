import { describe, expect, it } from 'vitest';
import { formatShanghai } from './time.js';

describe('formatShanghai', () => {
  it('shows UTC instants in Asia/Shanghai (UTC+8, no daylight saving)', () => {
    expect(formatShanghai('2026-11-23T16:00:00.000Z')).toBe('2026-11-24 00:00:00');
    expect(formatShanghai(new Date('2026-07-01T03:04:05Z'))).toBe('2026-07-01 11:04:05');
  });
});
