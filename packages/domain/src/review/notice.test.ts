import { describe, expect, it } from 'vitest';
import { OFFICIAL_CALENDAR_2026 } from '../common/holidays-2026.js';
import { workingCalendar } from '../common/working-days.js';
import { isObjectorContact, noticeCountdown, noticePeriod, objectionSubmissionSchema, objectionWindowOpen } from './notice.js';

const cal = workingCalendar(OFFICIAL_CALENDAR_2026);

describe('public notice period (BL-8)', () => {
  it('BL-8: a 5-working-day notice chosen to start on a holiday starts on the next working day (the make-up Saturday counts)', () => {
    expect(noticePeriod(cal, '2026-10-03', 5)).toEqual({ startsOn: '2026-10-08', endsOn: '2026-10-13', workingDays: 5 });
  });

  it('BL-8: counts down in Asia/Shanghai calendar days, receives objections only within the period', () => {
    const p = { startsOn: '2026-12-07', endsOn: '2026-12-11' };
    expect(noticeCountdown(cal, p, '2026-12-05')).toMatchObject({ phase: 'upcoming', days: 2, workingDays: 5 });
    expect(noticeCountdown(cal, p, '2026-12-10')).toMatchObject({ phase: 'open', days: 2, workingDays: 2 });
    expect(noticeCountdown(cal, p, '2026-12-12')).toMatchObject({ phase: 'ended', days: 0 });
    expect([objectionWindowOpen(p, '2026-12-06'), objectionWindowOpen(p, '2026-12-07'), objectionWindowOpen(p, '2026-12-11'), objectionWindowOpen(p, '2026-12-12')]).toEqual([false, true, true, false]);
  });

  it('an objection needs a real name and a phone or email; an organisation needs its name', () => {
    expect(['13800000000', '0574-55550101', 'a@b.cn', '12345', 'x@', ''].map(isObjectorContact)).toEqual([true, true, true, false, false, false]);
    const base = { itemId: '6f1c1a9e-0000-4000-8000-000000000001', objectorKind: 'person', name: '演示', contact: '13800000000', text: '该项目申报材料中的研发投入数据与实际情况明显不符，请核查。' };
    expect(objectionSubmissionSchema.safeParse(base).success).toBe(true);
    const org = objectionSubmissionSchema.safeParse({ ...base, objectorKind: 'organisation' });
    expect(org.success).toBe(false);
    expect(org.error?.issues.map((i) => i.path.join('.'))).toEqual(['organisationName']);
    const short = objectionSubmissionSchema.safeParse({ ...base, name: '王', contact: 'abc', text: '太短' });
    expect(short.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['contact', 'name', 'text']);
  });
});
