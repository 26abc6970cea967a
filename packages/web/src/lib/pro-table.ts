/** Glue between ProTable's request callback and the server's Page<T> / sort parameters. */
import type { SortOrder } from 'antd/es/table/interface';
import type { Page } from '../api/types';

export interface TableParams {
  current?: number;
  pageSize?: number;
  [key: string]: unknown;
}

/** ProTable's `{ field: 'ascend' }` → the API's `field` / `-field`; only the listed fields are sortable. */
export function sortParam(sort: Record<string, SortOrder>, allowed: readonly string[], fallback?: string): string | undefined {
  for (const [field, order] of Object.entries(sort)) {
    if (order && allowed.includes(field)) return order === 'descend' ? `-${field}` : field;
  }
  return fallback;
}

/** The search form's values without ProTable's own keys and empty entries. */
export function filtersOf(params: TableParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key === 'current' || key === 'pageSize' || key === 'keyword') continue;
    if (value === undefined || value === null || value === '') continue;
    out[key] = typeof value === 'string' ? value.trim() : String(value);
  }
  return out;
}

/** Runs a page request and turns its result (or failure) into what ProTable expects. */
export async function toTableResult<T>(
  load: () => Promise<Page<T>>,
  onError: (error: unknown) => void,
): Promise<{ data: T[]; total: number; success: boolean }> {
  try {
    const page = await load();
    return { data: page.items, total: page.total, success: true };
  } catch (error) {
    onError(error);
    return { data: [], total: 0, success: false };
  }
}
