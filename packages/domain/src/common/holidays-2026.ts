/**
 * The 2026 public holidays and make-up working days as the State Council's General Office (国务院办公厅)
 * arranged them in 《国务院办公厅关于2026年部分节假日安排的通知》 of 2025-11-04 (published by Xinhua the same
 * day). Seeded into the editable calendar; later years are entered or imported by officers when each year's
 * notice appears, never guessed.
 */
import { calendarRange, type CalendarDay } from './working-days.js';

export const OFFICIAL_CALENDAR_SOURCE_2026 = '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）';

export const OFFICIAL_CALENDAR_2026: readonly CalendarDay[] = [
  // 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
  ...calendarRange('元旦', 'holiday', '2026-01-01', '2026-01-03'),
  { date: '2026-01-04', kind: 'workday', name: '元旦' },
  // 二、春节：2月15日（腊月二十八、周日）至23日（正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
  { date: '2026-02-14', kind: 'workday', name: '春节' },
  ...calendarRange('春节', 'holiday', '2026-02-15', '2026-02-23'),
  { date: '2026-02-28', kind: 'workday', name: '春节' },
  // 三、清明节：4月4日（周六）至6日（周一）放假，共3天。
  ...calendarRange('清明节', 'holiday', '2026-04-04', '2026-04-06'),
  // 四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
  ...calendarRange('劳动节', 'holiday', '2026-05-01', '2026-05-05'),
  { date: '2026-05-09', kind: 'workday', name: '劳动节' },
  // 五、端午节：6月19日（周五）至21日（周日）放假，共3天。
  ...calendarRange('端午节', 'holiday', '2026-06-19', '2026-06-21'),
  // 六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
  ...calendarRange('中秋节', 'holiday', '2026-09-25', '2026-09-27'),
  // 七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
  { date: '2026-09-20', kind: 'workday', name: '国庆节' },
  ...calendarRange('国庆节', 'holiday', '2026-10-01', '2026-10-07'),
  { date: '2026-10-10', kind: 'workday', name: '国庆节' },
];
