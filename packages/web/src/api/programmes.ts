/**
 * Response shapes of the programmes, calls, funding and budget endpoints and the
 * queries the pages share. Money is integer 元 here; pages show and take 万元.
 */
import type {
  budgetEntryResponse,
  budgetLedgerResponse,
  callEligibilityResponse,
  callResponse,
  fundingQuoteResponse,
  guidelineItemResponse,
  OverlapLevel,
  programmeDetailResponse,
  programmeSummaryResponse,
  programmeVersionResponse,
  versionDiffResponse,
} from '@kechuang/domain';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';

export type { BudgetEntryKind, CallPhase } from '@kechuang/domain';

// Inferred from the response schemas the server serialises through (packages/domain/src/programmes/responses.ts).
export type ProgrammeVersion = z.infer<typeof programmeVersionResponse>;
export type ProgrammeSummary = z.infer<typeof programmeSummaryResponse>;
export type ProgrammeDetail = z.infer<typeof programmeDetailResponse>;
export type VersionDiff = z.infer<typeof versionDiffResponse>;
export type CallEligibility = z.infer<typeof callEligibilityResponse>;
export type GuidelineItem = z.infer<typeof guidelineItemResponse>;
export type Call = z.infer<typeof callResponse>;
export type FundingQuoteResponse = z.infer<typeof fundingQuoteResponse>;
export type BudgetEntry = z.infer<typeof budgetEntryResponse>;
export type BudgetLedgerView = z.infer<typeof budgetLedgerResponse>;

/** What the calculator sends (the request, not a response: its schema is fundingQuoteRequestSchema's input). */
export interface FundingQuoteBody {
  programme: string;
  category: string;
  totalInvestment: number;
  requested: number;
  date: string;
  overlaps: { level: OverlapLevel; name: string; amount: number }[];
  durationMonths?: number;
}

export const programmeKeys = {
  list: ['programmes'] as const,
  detail: (code: string) => ['programmes', code] as const,
};

export const callKeys = {
  all: ['calls'] as const,
  detail: (id: string) => ['calls', id] as const,
  public: ['public', 'calls'] as const,
  publicDetail: (id: string) => ['public', 'calls', id] as const,
};

export function useProgrammes() {
  return useQuery({
    queryKey: programmeKeys.list,
    queryFn: ({ signal }) => api.get<{ items: ProgrammeSummary[] }>('/programmes', undefined, signal).then((r) => r.items),
  });
}

/** Shared by the hook and by code that must await the programme (fetchQuery) before going on. */
export const programmeQuery = (code: string) =>
  queryOptions({
    queryKey: programmeKeys.detail(code),
    queryFn: ({ signal }) => api.get<ProgrammeDetail>(`/programmes/${encodeURIComponent(code)}`, undefined, signal),
  });

export function useProgramme(code: string | undefined) {
  return useQuery({ ...programmeQuery(code ?? ''), enabled: !!code });
}

export function useCall(id: string | undefined) {
  return useQuery({
    queryKey: callKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Call>(`/calls/${id ?? ''}`, undefined, signal),
    enabled: !!id,
  });
}

/** A list of programmes as select options, `名称` labelled. */
export const programmeOptions = (items: readonly ProgrammeSummary[] | undefined) => (items ?? []).map((p) => ({ value: p.code, label: p.name }));
