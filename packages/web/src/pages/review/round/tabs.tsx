/**
 * The round page's tabs, one per step of BL-8. Each step's page registers its tab here (one line each), so the
 * page itself never changes when a step is added. A tab may name the permission it needs; the server checks
 * again on every request.
 */
import type { Permission, ReviewRound, ReviewStage } from '@kechuang/domain';
import type { ReactNode } from 'react';
import { DrawTab } from './DrawTab';
import { ApprovalTab } from './ApprovalTab';
import { FundingPlanTab } from './FundingPlanTab';
import { InspectionTab } from './InspectionTab';
import { MeetingTab } from './MeetingTab';
import { NoticeTab } from './NoticeTab';
import { AssignmentTab } from './AssignmentTab';
import { RoundApplicationsTab } from './RoundApplicationsTab';
import { ScoringTab } from './ScoringTab';

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
  { key: 'draw', label: '随机抽取', stage: 'assigning', render: (p) => <DrawTab {...p} /> },
  { key: 'scoring', label: '专家评审', stage: 'scoring', permission: 'review.observe', render: (p) => <ScoringTab {...p} /> },
  { key: 'funding-plan', label: '资金方案', stage: 'planning', render: (p) => <FundingPlanTab {...p} /> },
  { key: 'inspection', label: '实地核查', stage: 'inspection', render: (p) => <InspectionTab {...p} /> },
  { key: 'partyMeeting', label: '局党组会议', stage: 'partyMeeting', render: (p) => <MeetingTab {...p} kind="party" /> },
  { key: 'executiveMeeting', label: '区政府常务会议', stage: 'executiveMeeting', render: (p) => <MeetingTab {...p} kind="executive" /> },
  { key: 'notice', label: '社会公示', stage: 'notice', render: (p) => <NoticeTab {...p} /> },
  { key: 'approval', label: '立项', stage: 'approved', render: (p) => <ApprovalTab {...p} /> },
];
