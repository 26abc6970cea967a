/**
 * The round page's tabs, one per step of BL-8. Each step's page registers its tab here (one line each), so the
 * page itself never changes when a step is added. A tab may name the permission it needs; the server checks
 * again on every request.
 */
import type { Permission, ReviewRound, ReviewStage } from '@kechuang/domain';
import type { ReactNode } from 'react';
import { AssignmentTab } from './AssignmentTab';
import { RoundApplicationsTab } from './RoundApplicationsTab';

export interface RoundTabProps {
  round: ReviewRound;
  /** Re-reads the round (after an action moved its stage). */
  refresh: () => void;
}

export interface RoundTab {
  key: string;
  label: string;
  /** The stage this tab's work belongs to (marks the tab of the current stage). */
  stage?: ReviewStage;
  permission?: Permission;
  render: (props: RoundTabProps) => ReactNode;
}

export const ROUND_TABS: RoundTab[] = [
  { key: 'applications', label: '申报书与结果', render: (p) => <RoundApplicationsTab {...p} /> },
  { key: 'assignment', label: '专家分配', stage: 'assigning', permission: 'review.observe', render: (p) => <AssignmentTab {...p} /> },
];
