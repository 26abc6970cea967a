/**
 * Mechanical comparison of assessment indicators (考核指标) before and after a change: which indicator would be
 * lowered. Whatever cannot be compared mechanically (a changed unit, a target that is not a number and differs)
 * counts as lowered, so a change that might lower an indicator always goes to the bureau for approval.
 */
import type { TaskBookContent } from './task-book.js';

export type Indicator = TaskBookContent['indicators'][number];

/** The first number in a target such as `≥95%`, `10项`, `0.5`; null when there is none. */
export function indicatorNumber(value: string): number | null {
  const m = /-?\d+(?:\.\d+)?/.exec(value.replace(/,/g, ''));
  return m ? Number(m[0]) : null;
}

/** Lower is better when the target says so (≤, <, 不高于, 以下) or when it lies below the current value. */
function lowerIsBetter(i: Indicator): boolean {
  const t = i.targetValue.trim();
  if (/^(≤|<|<=|不高于|不超过|低于)/.test(t) || /以下|以内$/.test(t)) return true;
  if (/^(≥|>|>=|不低于|不少于|高于)/.test(t) || /以上$/.test(t)) return false;
  const cur = indicatorNumber(i.currentValue);
  const tgt = indicatorNumber(t);
  return cur !== null && tgt !== null && tgt < cur;
}

const keyOf = (i: Pick<Indicator, 'kind' | 'name'>) => `${i.kind}:${i.name.trim()}`;

/** One Chinese sentence per indicator the new list lowers, drops or leaves uncomparable; empty when none is lowered. */
export function loweredIndicators(before: readonly Indicator[], after: readonly Indicator[]): string[] {
  const next = new Map(after.map((i) => [keyOf(i), i]));
  const out: string[] = [];
  for (const b of before) {
    const a = next.get(keyOf(b));
    const name = `指标「${b.name}」`;
    if (!a) {
      out.push(`${name}被删除`);
      continue;
    }
    if (b.core && !a.core) out.push(`${name}由核心指标改为非核心指标`);
    if (a.unit.trim() !== b.unit.trim()) {
      out.push(`${name}计量单位由「${b.unit}」改为「${a.unit}」，无法机械比较，按降低处理`);
      continue;
    }
    if (a.targetValue.trim() === b.targetValue.trim()) continue;
    const bn = indicatorNumber(b.targetValue);
    const an = indicatorNumber(a.targetValue);
    if (bn === null || an === null) {
      out.push(`${name}目标值由「${b.targetValue}」改为「${a.targetValue}」，无法机械比较，按降低处理`);
      continue;
    }
    const lowered = lowerIsBetter(b) ? an > bn : an < bn;
    if (lowered) out.push(`${name}目标值由「${b.targetValue}」降低为「${a.targetValue}」`);
  }
  return out;
}
