/**
 * Response shapes of the programmes, calls, funding and budget endpoints (.tmp/API-ISSUE3.md) and the
 * queries the pages share. Money is integer 元 here; pages show and take 万元.
 */
import type {
  AppliedRule,
  AttachmentKind,
  CallStatus,
  CategoryRule,
  FieldRule,
  FormSection,
  OrganisationType,
  OverlapLevel,
  RuleSetParameters,
  SelectionMode,
} from '@kechuang/domain';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface ProgrammeVersion {
  id: string;
  version: string;
  documentNo: string;
  effectiveFrom: string;
  parameters: RuleSetParameters;
  frozen: boolean;
  frozenAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProgrammeSummary {
  id: string;
  code: string;
  name: string;
  issuer: string;
  description: string;
  versionCount: number;
  currentVersion: ProgrammeVersion | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProgrammeDetail {
  id: string;
  code: string;
  name: string;
  issuer: string;
  description: string;
  currentVersionId: string | null;
  versions: ProgrammeVersion[];
}

export interface VersionDiff {
  from: ProgrammeVersion;
  to: ProgrammeVersion;
  changes: { path: string; label: string; before: unknown; after: unknown }[];
}

/** Published calls are 'upcoming' | 'open' | 'ended'; the others repeat their status. */
export type CallPhase = 'draft' | 'upcoming' | 'open' | 'ended' | 'closed' | 'archived';

export interface CallEligibility {
  localOnly?: boolean;
  leadOrganisationTypes?: OrganisationType[];
  requireAcademicPartner?: boolean;
  maxDurationMonths?: number;
  note?: string;
}

export interface GuidelineItem {
  id: string;
  code: string;
  title: string;
  description: string;
  fieldCode: string | null;
  bountyYuan: number | null;
}

export interface Call {
  id: string;
  title: string;
  description: string;
  status: CallStatus;
  statusLabel: string;
  phase: CallPhase;
  programme: { code: string; name: string; issuer: string };
  version: { id: string; version: string; documentNo: string; effectiveFrom: string };
  selectionMode: SelectionMode;
  categories: CategoryRule[];
  fields: FieldRule[];
  guidelineItems: GuidelineItem[];
  opensAt: string;
  closesAt: string;
  formSections: FormSection[];
  requiredAttachments: AttachmentKind[];
  eligibility: CallEligibility;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  closedAt: string | null;
  archivedAt: string | null;
  actions: { edit: boolean; publish: boolean; close: boolean; archive: boolean };
}

export interface FundingQuoteResponse {
  programme: { code: string; name: string };
  version: { id: string; version: string; documentNo: string; effectiveFrom: string };
  category: string;
  eligible: boolean;
  subsidy: number;
  selfRaised: number;
  applied: AppliedRule[];
  problems: { rule: string; message: string }[];
}

export interface FundingQuoteBody {
  programme: string;
  category: string;
  totalInvestment: number;
  requested: number;
  date: string;
  overlaps: { level: OverlapLevel; name: string; amount: number }[];
  durationMonths?: number;
}

export type BudgetEntryKind = 'budget' | 'commit' | 'disburse' | 'return' | 'repay';

export interface BudgetEntry {
  id: string;
  kind: BudgetEntryKind;
  amountYuan: number;
  reference: string;
  note: string;
  createdAt: string;
}

export interface BudgetLedgerView {
  programme: { code: string; name: string };
  year: number;
  budgetYuan: number;
  committedYuan: number;
  disbursedYuan: number;
  returnedYuan: number;
  availableYuan: number;
  entries: BudgetEntry[];
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
