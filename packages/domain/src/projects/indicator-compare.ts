/**
 * Mechanical comparison of assessment indicators (考核指标) before and after a change: which indicator would be
 * lowered. Whatever cannot be compared mechanically (a changed unit, a target that is not a number and differs)
 * counts as lowered, so a change that might lower an indicator always goes to the bureau for approval.
 */
import type { TaskBookContent } from './task-book.js';
import { targetNotLower } from './task-book-checks.js';

export type Indicator = TaskBookContent['indicators'][number];

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
    // One comparison for the whole platform: the task book's exact-decimal rule, with its direction words.
    const r = targetNotLower(b.targetValue, a.targetValue);
    if (!r.ok) out.push(`${name}：${r.reason}，按降低处理`);
  }
  return out;
}
