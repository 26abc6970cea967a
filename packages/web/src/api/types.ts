/**
 * Response shapes of the HTTP contract; times are ISO 8601 UTC strings. The accounts, organisations, security,
 * home and system shapes are inferred from the response schemas the server serialises through
 * (packages/domain/src/<context>/responses.ts), so a changed response fails the type check here too.
 */
import type {
  applicationCountsResponse,
  applicationDetailResponse,
  applicationListResponse,
  applicationQueueItemResponse,
  applicationQueueResponse,
  applicationStatisticsResponse,
  applicationSummaryResponse,
  csrfTokenResponse,
  invitationPreviewResponse,
  invitationResponse,
  meResponse,
  organisationResponse,
  Permission,
  Role,
  SecurityPolicy,
  securityPolicyStateResponse,
  todoResponse,
  userPageResponse,
  userRowResponse,
  UserStatus,
} from '@kechuang/domain';
import type { z } from 'zod';

export type { InvitationRole, InvitationStatus } from '@kechuang/domain';
export type { Permission, Role, SecurityPolicy, UserStatus };

/** One page of any list (the shape every paged endpoint shares). */
export type Page<T> = Omit<z.infer<typeof userPageResponse>, 'items'> & { items: T[] };

export type Organisation = z.infer<typeof organisationResponse>;
export type Me = z.infer<typeof meResponse>;

// Applications (申报书)
export type ApplicationSummary = z.infer<typeof applicationSummaryResponse>;
export type ApplicationList = z.infer<typeof applicationListResponse>;
export type ApplicationDetail = z.infer<typeof applicationDetailResponse>;
export type ApplicationQueueItem = z.infer<typeof applicationQueueItemResponse>;
export type ApplicationQueue = z.infer<typeof applicationQueueResponse>;
export type ApplicationCounts = z.infer<typeof applicationCountsResponse>;
export type ApplicationStatistics = z.infer<typeof applicationStatisticsResponse>;
export type MeUser = Me['user'];
export type TodoItem = z.infer<typeof todoResponse>;
export type UserRow = z.infer<typeof userRowResponse>;
export type Invitation = z.infer<typeof invitationResponse>;
export type InvitationPreview = z.infer<typeof invitationPreviewResponse>;
export type SecurityPolicyState = z.infer<typeof securityPolicyStateResponse>;
export type UpdatedBy = SecurityPolicyState['updatedBy'];
export type CsrfToken = z.infer<typeof csrfTokenResponse>;

// ---------------------------------------------------------------------------------------------------
// Plan monitoring (规划监测): inferred from the response schemas the server declares on its routes
// (packages/domain/src/monitoring/responses.ts), so a changed response fails the type check here.
// Values are decimal strings, dates `YYYY-MM-DD` in Asia/Shanghai, rates and shares percent strings.

export type {
  MonAcceptedPoint,
  MonComparison,
  MonDashboard,
  MonDirection,
  MonEvidence,
  MonFrequency,
  MonIndicator,
  MonIndicatorReport,
  MonLateness,
  MonLatenessRow,
  MonMilestone,
  MonPeriodOption,
  MonPlanDetail,
  MonPlanSummary,
  MonPortfolio,
  MonPortfolioMetric,
  MonPortfolioProject,
  MonPortfolioYear,
  MonReportEvent,
  MonReportHistoryItem,
  MonReporting,
  MonReportState,
  MonReviewItem,
  MonRowError,
  MonSeries,
  MonStatus,
  MonStatusCounts,
  MonTask,
  MonTaskReport,
  MonTaskReviewItem,
  MonTaskStatus,
  MonUnit,
  MonUnitRow,
  MonUploadResult,
  MonVerdict,
  MonYearValue,
} from '@kechuang/domain';

// 查重 (BL-9): the report is the domain's DuplicateReport as stored; external records from the shared schemas.
export type DuplicateReportView = import('@kechuang/domain').DuplicateReport & { applicationId: string; version: number; checkedAt: string };
export interface DuplicateReportAnswer {
  status: 'queued' | 'running' | 'done' | 'failed';
  version: number;
  queuedAt: string;
  finishedAt: string | null;
  report: DuplicateReportView;
}
export type ExternalRecordList = z.infer<typeof import('@kechuang/domain').externalRecordListResponse>;
export type ExternalRecordItem = ExternalRecordList['items'][number];
export type ExternalRecordImportResult = z.infer<typeof import('@kechuang/domain').externalRecordImportResponse>;
