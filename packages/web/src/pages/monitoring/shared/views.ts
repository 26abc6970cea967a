/**
 * Fields the monitoring responses are gaining (the server's own due-day and overdue verdicts, evidence it lets the
 * caller delete, demo figures): optional here until the shared response types carry them, so the pages prefer
 * them when present and fall back to the domain's rules otherwise.
 */
import type { MonEvidence, MonIndicatorReport, MonLateness, MonLatenessRow, MonMilestone, MonPortfolioYear, MonReporting, MonReviewItem, MonTask, MonTaskReviewItem } from '../../../api/types';

export interface Verdict {
  /** `YYYY-MM-DD` in Asia/Shanghai. */
  dueDate?: string;
  overdue?: boolean;
}

export type EvidenceView = MonEvidence & { canDelete?: boolean };
export type MilestoneView = MonMilestone & { overdue?: boolean };
export type TaskView = Omit<MonTask, 'milestones'> & Verdict & { milestones: MilestoneView[] };
export type IndicatorReportView = Omit<MonIndicatorReport, 'evidence'> & { evidence: EvidenceView[]; canAddEvidence?: boolean; actions?: string[] };
export type ReportingRowView = Omit<MonReporting['indicators'][number], 'report'> & { report: IndicatorReportView | null };
export type ReportingView = Omit<MonReporting, 'indicators' | 'tasks'> &
  Verdict & {
    /** The server's today (Asia/Shanghai), so a countdown never depends on the browser's clock or zone. */
    today?: string;
    indicators: ReportingRowView[];
    tasks: { task: TaskView; report: MonReporting['tasks'][number]['report'] }[];
  };
/** `actions`: what the caller may do with the report now (the domain's workflow table, sent by the server). */
export type ReviewItemView = Omit<MonReviewItem, 'evidence'> & Verdict & { evidence?: EvidenceView[]; actions?: string[] };
export type TaskReviewItemView = MonTaskReviewItem & Verdict & { actions?: string[] };

/** May the bureau accept (or return) this report now? The server's answer when it sends one. */
export function canReview(r: { state: string; actions?: string[] | undefined }, action: 'accept' | 'return' = 'accept'): boolean {
  return r.actions ? r.actions.includes(action) : r.state === 'submitted';
}
export type LatenessView = MonLateness & { dueDate?: string; items: (MonLatenessRow & { overdue?: boolean })[] };
export type PortfolioYearView = MonPortfolioYear & { demo?: boolean };
