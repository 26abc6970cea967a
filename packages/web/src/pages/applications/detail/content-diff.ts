/** Flattens two contents to dotted paths and lists what differs, for the conflict modal (the server compares saved versions itself). */
import type { Content } from './model';

type Flat = Map<string, string>;

function flatten(value: unknown, prefix: string, out: Flat): Flat {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, prefix ? `${prefix}.${i}` : String(i), out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else if (value !== undefined && value !== '') out.set(prefix, String(value));
  return out;
}

export interface Difference {
  path: string;
  mine: string | undefined;
  theirs: string | undefined;
}

export function differences(mine: Content, theirs: Content): Difference[] {
  const a = flatten(mine, '', new Map());
  const b = flatten(theirs, '', new Map());
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.filter((p) => a.get(p) !== b.get(p)).map((p) => ({ path: p, mine: a.get(p), theirs: b.get(p) }));
}

/** A value for the diff tables: money paths in 万元 would need the path's meaning, so show it raw but short. */
export const showValue = (v: unknown): string => {
  if (v === undefined || v === null || v === '') return '（空）';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
};
