import { describe, expect, it } from 'vitest';
import { AGGREGATION_LABELS, DIRECTION_LABELS, FREQUENCY_LABELS, PROGRESS_STATUS_LABELS, REPORT_STATE_LABELS, TARGET_KIND_LABELS, TASK_STATUS_LABELS, VERDICT_LABELS } from './labels.js';
import { AGGREGATIONS, DIRECTIONS, FREQUENCIES, PROGRESS_STATUSES, REPORT_STATES, TARGET_KINDS, TASK_STATUSES, VERDICTS } from './types.js';

describe('labels', () => {
  it('cover every enumeration value', () => {
    const pairs: [readonly string[], Record<string, string>][] = [
      [DIRECTIONS, DIRECTION_LABELS],
      [FREQUENCIES, FREQUENCY_LABELS],
      [TARGET_KINDS, TARGET_KIND_LABELS],
      [AGGREGATIONS, AGGREGATION_LABELS],
      [PROGRESS_STATUSES, PROGRESS_STATUS_LABELS],
      [VERDICTS, VERDICT_LABELS],
      [REPORT_STATES, REPORT_STATE_LABELS],
      [TASK_STATUSES, TASK_STATUS_LABELS],
    ];
    for (const [values, labels] of pairs) expect(Object.keys(labels).sort()).toEqual([...values].sort());
  });

  it('use the bureau’s words', () => {
    expect(PROGRESS_STATUS_LABELS).toEqual({ ahead: '超前', onTrack: '正常', lagging: '滞后', unknown: '无法判断' });
    expect(VERDICT_LABELS).toEqual({ met: '已完成', notMet: '未完成', unknown: '无法判断' });
    expect(REPORT_STATE_LABELS).toEqual({ draft: '草稿', submitted: '待审核', accepted: '已采纳', returned: '已退回' });
    expect(FREQUENCY_LABELS.monthly).toBe('月度');
  });
});
