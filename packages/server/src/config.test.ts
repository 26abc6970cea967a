import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';
import { anchorAuditJob } from './jobs/anchor-audit.js';

describe('AUDIT_ANCHOR_INTERVAL_MINUTES', () => {
  it('defaults to 5 minutes, scheduled as */5 in cron', () => {
    const config = readConfig({});
    expect(config.auditAnchorIntervalMinutes).toBe(5);
    expect(anchorAuditJob.schedule!(config)).toBe('*/5 * * * *');
  });

  it.each([
    ['1', '*/1 * * * *'],
    ['15', '*/15 * * * *'],
    ['60', '0 * * * *'],
  ])('%s minutes is scheduled as %s', (value, cron) => {
    expect(anchorAuditJob.schedule!(readConfig({ AUDIT_ANCHOR_INTERVAL_MINUTES: value }))).toBe(cron);
  });

  it.each(['0', '7', '90', '2.5', 'abc'])('refuses %s (not a divisor of 60) with a message naming the variable', (value) => {
    expect(() => readConfig({ AUDIT_ANCHOR_INTERVAL_MINUTES: value })).toThrow(/AUDIT_ANCHOR_INTERVAL_MINUTES 无效/);
  });
});
