/** Response shapes of the HTTP contract (see .tmp/API-CONTRACT.md); times are ISO 8601 UTC strings. */
import type { IndustrySection, OrganisationType, Permission, Role, SecurityPolicy, UserStatus } from '@kechuang/domain';

export type { Permission, Role, SecurityPolicy, UserStatus };

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Organisation {
  id: string;
  name: string;
  creditCode: string;
  type: OrganisationType;
  region: string;
  industry: IndustrySection;
  address: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  createdAt: string;
  updatedAt: string;
  actions?: { update: boolean; manageMembers: boolean };
}

export interface MeUser {
  id: string;
  username: string;
  name: string;
  phone: string;
  email: string;
  roles: Role[];
  mustChangePassword: boolean;
  passwordExpiresInDays: number | null;
  lastLoginAt: string | null;
  /** The sign-in before this one, shown so a user notices a login that was not theirs. */
  previousLoginAt?: string | null;
  previousLoginIp?: string | null;
}

export interface Me {
  user: MeUser;
  organisation: Organisation | null;
  permissions: Permission[];
}

export interface TodoItem {
  key: string;
  title: string;
  description: string;
  link: string | null;
  level: 'info' | 'warning' | 'error';
}

export interface UserRow {
  id: string;
  username: string;
  name: string;
  phone: string;
  email: string;
  roles: Role[];
  status: UserStatus;
  organisation: { id: string; name: string } | null;
  lockedUntil: string | null;
  failedLogins: number;
  lastLoginAt: string | null;
  createdAt: string;
  mustChangePassword: boolean;
}

export type InvitationRole = 'applicant' | 'unitAdmin';
export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface Invitation {
  id: string;
  name: string;
  email: string;
  role: InvitationRole;
  status: InvitationStatus;
  expiresAt: string;
  createdAt: string;
  acceptedAt: string | null;
}

export interface InvitationPreview {
  organisationName: string;
  name: string;
  role: InvitationRole;
  expiresAt: string;
}

/** `updatedBy` is not pinned down by the contract: accept a name, a user reference or nothing. */
export type UpdatedBy = string | { id?: string; name?: string; username?: string } | null;

export interface SecurityPolicyState {
  policy: SecurityPolicy;
  updatedAt: string | null;
  updatedBy: UpdatedBy;
}

export interface AuditChange {
  before?: unknown;
  after?: unknown;
}

export interface AuditEvent {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  role: string | null;
  action: string;
  actionLabel: string;
  entityType: string;
  entityId: string;
  changes: Record<string, AuditChange> | null;
  detail: Record<string, unknown> | null;
  ip: string | null;
  chain: number;
  seq: number;
  hash: string;
}

export type AuditVerifyResult =
  | { ok: true; checked: number; chains: number; anchors: number }
  | {
      ok: false;
      checked: number;
      broken: { chain: number; seq: number; eventId: string | null; reason: string; message: string };
    };

export interface AuditAnchor {
  id: string;
  createdAt: string;
  hash: string;
  heads: { chain: number; seq: number; hash: string }[];
}

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
