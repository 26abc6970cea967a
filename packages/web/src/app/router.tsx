/** Routes. Every page is its own lazily loaded chunk, so the first screen downloads only what it shows. */
import type { Permission } from '@kechuang/domain';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter } from 'react-router';
import { PageLoading } from '../components/PageLoading';
import { RequireAuth, RequirePermission, type RouteHandle } from '../components/RequireAuth';
import { RouteError } from '../components/RouteError';

// The frame (ProLayout) is only needed once signed in, so the login page does not download it.
const AppLayout = lazy(() => import('../components/AppLayout').then((m) => ({ default: m.AppLayout })));
const LoginPage = lazy(() => import('../pages/accounts/login/LoginPage'));
const RegisterPage = lazy(() => import('../pages/accounts/register/RegisterPage'));
const InvitePage = lazy(() => import('../pages/accounts/invite/InvitePage'));
const ChangePasswordPage = lazy(() => import('../pages/accounts/password/ChangePasswordPage'));
const WorkbenchPage = lazy(() => import('../pages/home/workbench/WorkbenchPage'));
const MyOrganisationPage = lazy(() => import('../pages/organisations/mine/MyOrganisationPage'));
const MembersPage = lazy(() => import('../pages/organisations/members/MembersPage'));
const OrganisationListPage = lazy(() => import('../pages/organisations/list/OrganisationListPage'));
const UserListPage = lazy(() => import('../pages/users/list/UserListPage'));
const SecurityPolicyPage = lazy(() => import('../pages/security/policy/SecurityPolicyPage'));
const AuditEventsPage = lazy(() => import('../pages/audit/events/AuditEventsPage'));
const PublicCallListPage = lazy(() => import('../pages/public/calls/PublicCallListPage'));
const PublicCallPage = lazy(() => import('../pages/public/call/PublicCallPage'));
const PublicNoticeListPage = lazy(() => import('../pages/public/notices/PublicNoticeListPage'));
const PublicNoticePage = lazy(() => import('../pages/public/notice/PublicNoticePage'));
const CalculatorPage = lazy(() => import('../pages/public/calculator/CalculatorPage'));
const ProgrammeListPage = lazy(() => import('../pages/programmes/list/ProgrammeListPage'));
const ProgrammeDetailPage = lazy(() => import('../pages/programmes/detail/ProgrammeDetailPage'));
const CallListPage = lazy(() => import('../pages/calls/list/CallListPage'));
const CallDetailPage = lazy(() => import('../pages/calls/detail/CallDetailPage'));
const CallEditPage = lazy(() => import('../pages/calls/edit/CallEditPage'));
const ApplicationListPage = lazy(() => import('../pages/applications/list/ApplicationListPage'));
const ApplicationCountsPage = lazy(() => import('../pages/applications/counts/ApplicationCountsPage'));
const ApplicationStatisticsPage = lazy(() => import('../pages/applications/statistics/ApplicationStatisticsPage'));
const DuplicateReportPage = lazy(() => import('../pages/applications/duplicate-report/DuplicateReportPage'));
const ExternalRecordsPage = lazy(() => import('../pages/dedupe/external-records/ExternalRecordsPage'));
const ReviewRoundListPage = lazy(() => import('../pages/review/rounds/ReviewRoundListPage'));
const ReviewRoundPage = lazy(() => import('../pages/review/round/ReviewRoundPage'));
const WitnessPage = lazy(() => import('../pages/review/witness/WitnessPage'));
const PublicDrawListPage = lazy(() => import('../pages/public/draws/PublicDrawListPage'));
const PublicDrawPage = lazy(() => import('../pages/public/draw/PublicDrawPage'));
const ProjectListPage = lazy(() => import('../pages/projects/list/ProjectListPage'));
const ProjectPage = lazy(() => import('../pages/projects/detail/ProjectPage'));
const IntegrityPage = lazy(() => import('../pages/integrity/list/IntegrityPage'));
const ProjectReportsPage = lazy(() => import('../pages/projects/reports/ProjectReportsPage'));
const ExpertListPage = lazy(() => import('../pages/review/experts/ExpertListPage'));
const ExpertDetailPage = lazy(() => import('../pages/review/expert-detail/ExpertDetailPage'));
const MyExpertProfilePage = lazy(() => import('../pages/review/expert-profile/MyExpertProfilePage'));
const MyReviewsPage = lazy(() => import('../pages/expert/reviews/MyReviewsPage'));
const MyAcceptanceReviewsPage = lazy(() => import('../pages/expert/acceptance/MyAcceptanceReviewsPage'));
const AcceptanceReviewPage = lazy(() => import('../pages/expert/acceptance/AcceptanceReviewPage'));
const ExpertReviewPage = lazy(() => import('../pages/expert/review/ExpertReviewPage'));
const WorkingCalendarPage = lazy(() => import('../pages/review/calendar/WorkingCalendarPage'));
const ApplicationDetailPage = lazy(() => import('../pages/applications/detail/ApplicationDetailPage'));
const BudgetLedgerPage = lazy(() => import('../pages/budget/ledger/BudgetLedgerPage'));
const MonitoringOverviewPage = lazy(() => import('../pages/monitoring/overview/MonitoringOverviewPage'));
const MonitoringPlanListPage = lazy(() => import('../pages/monitoring/plans/PlanListPage'));
const MonitoringPlanDetailPage = lazy(() => import('../pages/monitoring/plans/PlanDetailPage'));
const MonitoringIndicatorPage = lazy(() => import('../pages/monitoring/indicator/IndicatorDetailPage'));
const MonitoringReportPage = lazy(() => import('../pages/monitoring/report/ReportPage'));
const MonitoringReviewPage = lazy(() => import('../pages/monitoring/review/ReviewPage'));
const MonitoringTaskListPage = lazy(() => import('../pages/monitoring/tasks/TaskListPage'));
const MonitoringPortfolioPage = lazy(() => import('../pages/monitoring/portfolio/PortfolioPage'));
const TownEvaluationListPage = lazy(() => import('../pages/monitoring/towns/TownEvaluationListPage'));
const TownEvaluationPage = lazy(() => import('../pages/monitoring/towns/TownEvaluationPage'));
const MonitoringUnitListPage = lazy(() => import('../pages/monitoring/units/UnitListPage'));
const AdminRecoveryPage = lazy(() => import('../pages/accounts/recovery/AdminRecoveryPage'));
const ForbiddenPage = lazy(() => import('../pages/errors/ForbiddenPage'));
const NotFoundPage = lazy(() => import('../pages/errors/NotFoundPage'));

type Page = LazyExoticComponent<ComponentType>;

/** A page outside the frame (login, registration, invitation, the public portal). */
const standalone = (Page: Page) => (
  <Suspense fallback={<PageLoading fullScreen />}>
    <Page />
  </Suspense>
);

/** A page inside the frame; the frame's own Suspense shows the loading state. */
const guarded = (Page: Page, permission?: Permission) =>
  permission ? (
    <RequirePermission permission={permission}>
      <Page />
    </RequirePermission>
  ) : (
    <Page />
  );

export const router = createBrowserRouter([
  { path: '/login', element: standalone(LoginPage), errorElement: <RouteError /> },
  { path: '/register', element: standalone(RegisterPage), errorElement: <RouteError /> },
  { path: '/invite/:token', element: standalone(InvitePage), errorElement: <RouteError /> },
  // The public portal: no login, its own light frame (PublicShell) inside each page.
  { path: '/public/calls', element: standalone(PublicCallListPage), errorElement: <RouteError /> },
  { path: '/public/calls/:id', element: standalone(PublicCallPage), errorElement: <RouteError /> },
  { path: '/public/draws', element: standalone(PublicDrawListPage), errorElement: <RouteError /> },
  { path: '/public/draws/:id', element: standalone(PublicDrawPage), errorElement: <RouteError /> },
  { path: '/public/notices', element: standalone(PublicNoticeListPage), errorElement: <RouteError /> },
  { path: '/public/notices/:id', element: standalone(PublicNoticePage), errorElement: <RouteError /> },
  { path: '/calculator', element: standalone(CalculatorPage), errorElement: <RouteError /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Suspense fallback={<PageLoading fullScreen />}>
          <AppLayout />
        </Suspense>
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: guarded(WorkbenchPage) },
      { path: 'organisation', element: guarded(MyOrganisationPage, 'organisation.read') },
      { path: 'organisation/members', element: guarded(MembersPage, 'organisation.members') },
      { path: 'organisations', element: guarded(OrganisationListPage, 'organisation.readAll') },
      { path: 'users', element: guarded(UserListPage, 'user.manage') },
      { path: 'security', element: guarded(SecurityPolicyPage, 'security.read') },
      { path: 'audit', element: guarded(AuditEventsPage, 'audit.read') },
      { path: 'admin-recovery', element: guarded(AdminRecoveryPage, 'admin.recover') },
      { path: 'programmes', element: guarded(ProgrammeListPage, 'programme.manage') },
      { path: 'programmes/:code', element: guarded(ProgrammeDetailPage, 'programme.manage') },
      { path: 'calls', element: guarded(CallListPage, 'call.manage') },
      { path: 'calls/new', element: guarded(CallEditPage, 'call.manage') },
      { path: 'calls/:id', element: guarded(CallDetailPage, 'call.manage') },
      { path: 'calls/:id/edit', element: guarded(CallEditPage, 'call.manage') },
      { path: 'applications', element: guarded(ApplicationListPage, 'application.read') },
      { path: 'applications/counts', element: guarded(ApplicationCountsPage, 'application.read') },
      { path: 'applications/statistics', element: guarded(ApplicationStatisticsPage, 'application.read') },
      { path: 'applications/:id/duplicate-report', element: guarded(DuplicateReportPage, 'application.review') },
      { path: 'dedupe/external-records', element: guarded(ExternalRecordsPage, 'application.review') },
      { path: 'applications/:id', element: guarded(ApplicationDetailPage, 'application.read') },
      { path: 'review', element: guarded(ReviewRoundListPage, 'review.observe') },
      { path: 'review/witness', element: guarded(WitnessPage, 'review.witness') },
      { path: 'working-calendar', element: guarded(WorkingCalendarPage, 'review.manage') },
      { path: 'review/:roundId', element: guarded(ReviewRoundPage, 'review.observe') },
      { path: 'projects', element: guarded(ProjectListPage, 'project.read') },
      { path: 'projects/:projectId', element: guarded(ProjectPage, 'project.read') },
      { path: 'integrity', element: guarded(IntegrityPage, 'integrity.read') },
      { path: 'project-reports', element: guarded(ProjectReportsPage, 'project.manage') },
      { path: 'experts', element: guarded(ExpertListPage, 'expert.manage') },
      { path: 'experts/:id', element: guarded(ExpertDetailPage, 'expert.manage') },
      { path: 'expert/profile', element: guarded(MyExpertProfilePage, 'expert.profile') },
      { path: 'expert/reviews', element: guarded(MyReviewsPage, 'review.score') },
      { path: 'expert/acceptance-reviews', element: guarded(MyAcceptanceReviewsPage, 'acceptance.review') },
      { path: 'expert/acceptance-reviews/:id', element: guarded(AcceptanceReviewPage, 'acceptance.review') },
      { path: 'expert/reviews/:assignmentId', element: guarded(ExpertReviewPage, 'review.score') },
      { path: 'budget', element: guarded(BudgetLedgerPage, 'budget.read') },
      { path: 'monitoring', element: guarded(MonitoringOverviewPage, 'monitoring.read') },
      { path: 'monitoring/plans', element: guarded(MonitoringPlanListPage, 'monitoring.read') },
      { path: 'monitoring/plans/:code', element: guarded(MonitoringPlanDetailPage, 'monitoring.read') },
      { path: 'monitoring/indicators/:id', element: guarded(MonitoringIndicatorPage, 'monitoring.read') },
      { path: 'monitoring/report', element: guarded(MonitoringReportPage, 'monitoring.report') },
      { path: 'monitoring/review', element: guarded(MonitoringReviewPage, 'monitoring.manage') },
      { path: 'monitoring/tasks', element: guarded(MonitoringTaskListPage, 'monitoring.read') },
      { path: 'monitoring/portfolio', element: guarded(MonitoringPortfolioPage, 'monitoring.read') },
      { path: 'monitoring/towns', element: guarded(TownEvaluationListPage, 'monitoring.read') },
      { path: 'monitoring/towns/:id', element: guarded(TownEvaluationPage, 'monitoring.read') },
      { path: 'monitoring/units', element: guarded(MonitoringUnitListPage, 'monitoring.manage') },
      { path: 'account/password', element: guarded(ChangePasswordPage) },
      { path: '403', element: guarded(ForbiddenPage) },
      { path: '*', element: guarded(NotFoundPage), handle: { notFound: true } satisfies RouteHandle },
    ],
  },
]);
