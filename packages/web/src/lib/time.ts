/** Dates are stored in UTC and always shown in Asia/Shanghai, whatever the browser's own zone. */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);
dayjs.locale('zh-cn');

export const APP_TIME_ZONE = 'Asia/Shanghai';
export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm:ss';

/** `2026-11-23T02:05:00.000Z` → `2026-11-23 10:05:00`; empty text for no value. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.tz(APP_TIME_ZONE).format(DATE_TIME_FORMAT) : iso;
}

export function isFuture(iso: string | null | undefined): boolean {
  return !!iso && dayjs(iso).isAfter(dayjs());
}

/** "3 分钟后" / "2 天前" relative to now. */
export function fromNow(iso: string): string {
  return dayjs(iso).fromNow();
}

/**
 * A picker value (a Dayjs in the browser's zone, or the string a form produced) read as wall-clock
 * time in Asia/Shanghai, returned as ISO 8601 with its offset, e.g. `2026-11-23T08:00:00+08:00`.
 */
export function toShanghaiIso(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const wall = dayjs.isDayjs(value) ? value.format(DATE_TIME_FORMAT) : String(value);
  const d = dayjs.tz(wall, APP_TIME_ZONE);
  return d.isValid() ? d.format('YYYY-MM-DDTHH:mm:ssZ') : undefined;
}

/** Hour of day in Shanghai, for the greeting. */
export function shanghaiHour(): number {
  return dayjs().tz(APP_TIME_ZONE).hour();
}

export { dayjs };
