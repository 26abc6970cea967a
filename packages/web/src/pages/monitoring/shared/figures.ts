/** Monitoring figures as text, through the domain's exact decimals (no floats): separators, rounding, percentages. */
import { decimalPlaces, formatCount, formatDecimal, formatIndicatorValue, formatPercent, growthRate, isCountUnit, isDecimalString, roundDecimal } from '@kechuang/domain';

/**
 * A figure as people read it, through the domain's exact decimals: thousands separators ('13000' → '13,000').
 * A computed figure (an expected value on the target path) is rounded: counts (个, 家, 人 …) to whole units,
 * other units to at most two decimals ('9.07' 个 → '9', '11784.29' 家 → '11,784', '9.117196' 亿元 → '9.12').
 * A reported figure keeps every digit the unit reported. Text that is not a decimal stays as it is.
 */
export function figureText(value: string | number | null | undefined, unit: string, computed = false): string | null {
  if (value === null || value === undefined || value === '') return null;
  const s = String(value);
  if (!isDecimalString(s)) return s;
  if (!computed) return formatDecimal(s);
  if (isCountUnit(unit)) return formatIndicatorValue(s, unit);
  return formatDecimal(roundDecimal(s, Math.min(decimalPlaces(s), 2), false));
}

/** '13000' + '家' → '13,000家'; null → null. `computed` rounds as figureText does. */
export function withUnit(value: string | number | null | undefined, unit: string, computed = false): string | null {
  const text = figureText(value, unit, computed);
  return text === null ? null : `${text}${unit}`;
}

/** A whole count (a number of units, projects, reports) with thousands separators: 11784 → '11,784'. */
export function countText(n: number | string): string {
  return formatCount(String(n));
}

/** A percent string as the server computed it, to at most two decimals: '96.5' → '96.5%', '56.149' → '56.15%'. */
export function percentText(value: string): string {
  return isDecimalString(value) ? formatPercent(value, Math.min(decimalPlaces(value), 2)) : `${value}%`;
}

/** Change from the previous value in percent, two decimals, exact (the domain's growth rate); null when the previous value is missing or not positive. */
export function changePercent(value: string | null | undefined, previous: string | null | undefined): string | null {
  return growthRate(previous, value, 2);
}

