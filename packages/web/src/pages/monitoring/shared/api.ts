/** Queries and writes the monitoring pages share. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, getCsrfToken, resetCsrfToken, buildUrl, type Query } from '../../../api/client';
import { ApiError, networkError, problemFromResponse } from '../../../api/errors';
import type { MonPlanDetail, MonPlanSummary, MonUnitRow } from '../../../api/types';

export const DEFAULT_PLAN = 'nb-315';
const enc = encodeURIComponent;

export const plansQuery = queryOptions({
  queryKey: ['monitoring', 'plans'],
  queryFn: ({ signal }) => api.get<{ items: MonPlanSummary[] }>('/monitoring/plans', undefined, signal).then((r) => r.items),
  staleTime: 60_000,
});

export const usePlans = () => useQuery(plansQuery);

export const planQuery = (code: string) =>
  queryOptions({
    queryKey: ['monitoring', 'plan', code],
    queryFn: ({ signal }) => api.get<MonPlanDetail>(`/monitoring/plans/${enc(code)}`, undefined, signal),
  });

export const useUnits = () =>
  useQuery({
    queryKey: ['monitoring', 'units'],
    queryFn: ({ signal }) => api.get<{ items: MonUnitRow[] }>('/monitoring/units', undefined, signal).then((r) => r.items),
    staleTime: 5 * 60_000,
  });

export const planOptions = (plans: MonPlanSummary[] | undefined) =>
  (plans ?? []).map((p) => ({ value: p.code, label: `${p.shortName || p.name}（${p.periodStart}—${p.periodEnd}）` }));

/**
 * A multipart upload through the same CSRF token the JSON client uses (refetched and retried once when the
 * server rejects it), with problem+json errors as ApiError.
 */
export async function uploadFile<T>(path: string, file: File | Blob, query?: Query, fieldName = 'file', retried = false): Promise<T> {
  const body = new FormData();
  body.append(fieldName, file, file instanceof File ? file.name : 'upload');
  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json, application/problem+json', 'x-csrf-token': await getCsrfToken() },
      body,
    });
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw networkError();
  }
  if (res.ok) {
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const problem = await problemFromResponse(res);
  if (problem.status === 403 && problem.code === 'CSRF_INVALID' && !retried) {
    resetCsrfToken();
    return uploadFile<T>(path, file, query, fieldName, true);
  }
  throw problem;
}

/** Same-origin link to an evidence file (the session cookie authorises it). */
export const evidenceHref = (id: string) => `/api/monitoring/evidence/${enc(id)}`;
