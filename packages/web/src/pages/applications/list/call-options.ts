/** The published calls and, across them, the guideline items, categories and fields the queue filters offer. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Call } from '../../../api/programmes';

export function usePublishedCalls() {
  return useQuery({ queryKey: ['public', 'calls'], queryFn: ({ signal }) => api.get<{ items: Call[] }>('/public/calls', undefined, signal).then((r) => r.items) });
}

type Options = Record<string, { text: string }>;

/** valueEnum maps for ProTable selects; the chosen call's own when one is chosen, else every call's. */
export function filterOptions(calls: readonly Call[] | undefined, callId?: string | null) {
  const scope = (calls ?? []).filter((c) => !callId || c.id === callId);
  const calls_: Options = {};
  const items: Options = {};
  const categories: Options = {};
  const fields: Options = {};
  for (const c of calls ?? []) calls_[c.id] = { text: c.title };
  for (const c of scope) {
    for (const i of c.guidelineItems) items[i.code] = { text: `${i.code} ${i.title}` };
    for (const k of c.categories) categories[k.code] ??= { text: k.name };
    for (const f of c.fields) fields[f.code] ??= { text: f.name };
  }
  return { calls: calls_, items, categories, fields };
}
