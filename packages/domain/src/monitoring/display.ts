/**
 * Display strings for monitoring figures, shared by the server (exports, labels) and the web, so a share or a
 * count reads the same everywhere. Every function takes the exact DecimalString and rounds once, half away from
 * zero (四舍五入); none goes through a float.
 */
import { formatDecimal, isDecimalString } from './decimal.js';
import type { DecimalString } from './types.js';

/** A percentage string ('56.15' = 56.15%) as shown: ('56.149', 2) → '56.15%', ('12345.6', 1) → '12,345.6%'. */
export function formatPercent(value: DecimalString, places = 2): string {
  return `${formatDecimal(value, places)}%`;
}

/** A count as shown: whole units with thousands separators ('11784.29' → '11,784', '9.5' → '10'). */
export function formatCount(value: DecimalString): string {
  return formatDecimal(value, 0);
}

/**
 * Units that count whole things (企业 家, 项目 项, 人才 人, 专利 件 …). An indicator in one of these units is a
 * count: its expected value on a straight-line path may be fractional (9.07个), but people see whole units.
 * Compound units ('件/万人', '人年/万人') are ratios, not counts.
 */
export const COUNT_UNITS = ['个', '家', '项', '人', '件', '名', '所', '座', '家次', '人次', '项次', '台', '套', '篇', '次'] as const;

/** True when an indicator of this unit counts whole things. */
export function isCountUnit(unit: string): boolean {
  return (COUNT_UNITS as readonly string[]).includes(unit.trim());
}

/**
 * An indicator figure as shown beside its unit: counts rounded to whole units with separators; other figures
 * with separators and the fraction as computed. Null stays null (a missing figure is shown as such by the caller).
 */
export function formatIndicatorValue(value: DecimalString | null, unit: string): string | null {
  if (value === null) return null;
  if (!isDecimalString(value)) throw new RangeError(`“${String(value)}”不是有效的数值`);
  return isCountUnit(unit) ? formatCount(value) : formatDecimal(value);
}
