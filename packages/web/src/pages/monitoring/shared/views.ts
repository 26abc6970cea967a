/**
 * Fields the monitoring responses are gaining (the server's own due-day and overdue verdicts, evidence it lets the
 * caller delete, demo figures): optional here until the shared response types carry them, so the pages prefer
 * them when present and fall back to the domain's rules otherwise.
 */
import type { MonEvidence, MonIndicatorReport, MonLateness, MonLatenessRow, MonMilestone, MonPortfolioYear, MonReporting, MonReviewItem, MonTask } from '../../../api/types';

export interface Verdict {
  /** `YYYY-MM-DD` in Asia/Shanghai. */
  dueDate?: string;
  overdue?: boolean;
}

export type EvidenceView = MonEvidence & { canDelete?: boolean };
export type MilestoneView = MonMilestone & { overdue?: boolean };
export type TaskView = Omit<MonTask, 'milestones'> & Verdict & { milestones: MilestoneView[] };
export type IndicatorReportView = Omit<MonIndicatorReport, 'evidence'> & { evidence: EvidenceView[] };
export type ReportingRowView = Omit<MonReporting['indicators'][number], 'report'> & { report: IndicatorReportView | null };
export type ReportingView = Omit<MonReporting, 'indicators' | 'tasks'> &
  Verdict & {
    /** The server's today (Asia/Shanghai), so a countdown never depends on the browser's clock or zone. */
    today?: string;
    indicators: ReportingRowView[];
    tasks: { task: TaskView; report: MonReporting['tasks'][number]['report'] }[];
  };
export type ReviewItemView = Omit<MonReviewItem, 'evidence'> & Verdict & { evidence?: EvidenceView[] };
export type LatenessView = MonLateness & { dueDate?: string; items: (MonLatenessRow & { overdue?: boolean })[] };
export type PortfolioYearView = MonPortfolioYear & { demo?: boolean };
