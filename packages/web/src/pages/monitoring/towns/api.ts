/** Queries and writes of the town evaluation pages. */
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { TownEvaluationBody, TownEvaluationDetail, TownEvaluationSummary } from './types';

const enc = encodeURIComponent;
const BASE = '/monitoring/town-evaluations';

export const townKeys = {
  all: ['monitoring', 'town-evaluations'] as const,
  detail: (id: string) => ['monitoring', 'town-evaluations', id] as const,
};

export const townListQuery = queryOptions({
  queryKey: townKeys.all,
  queryFn: ({ signal }) => api.get<{ items: TownEvaluationSummary[] }>(BASE, undefined, signal).then((r) => r.items),
});

export const townDetailQuery = (id: string) =>
  queryOptions({
    queryKey: townKeys.detail(id),
    queryFn: ({ signal }) => api.get<TownEvaluationDetail>(`${BASE}/${enc(id)}`, undefined, signal),
  });

export const saveTownEvaluation = (id: string | null, body: TownEvaluationBody) =>
  id ? api.put<{ id: string }>(`${BASE}/${enc(id)}`, body) : api.post<{ id: string }>(BASE, body);

export const downloadTownTemplate = (id: string) => api.download(`${BASE}/${enc(id)}/template`, undefined, '镇街数据模板.xlsx');

export const exportTownRanking = (e: Pick<TownEvaluationDetail, 'id' | 'title'>) => api.download(`${BASE}/${enc(e.id)}/export`, undefined, `${e.title}-排名.xlsx`);

/** Multipart upload with the CSRF header (and one retry on a rejected token), like the other monitoring imports. */
export const townImportPath = (id: string) => `${BASE}/${enc(id)}/import`;
