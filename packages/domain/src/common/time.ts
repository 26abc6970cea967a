/** Times are stored in UTC and shown to people in Asia/Shanghai. */
const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** `2026-11-23 12:05:09` in Asia/Shanghai. */
export function formatShanghai(date: Date | string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  const parts = Object.fromEntries(shanghai.formatToParts(d).map((p) => [p.type, p.value]));
  const hour = parts.hour === '24' ? '00' : parts.hour;
  return `${parts.year}-${parts.month}-${parts.day} ${hour}:${parts.minute}:${parts.second}`;
}
