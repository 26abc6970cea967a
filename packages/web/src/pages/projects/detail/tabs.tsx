/**
 * The project page's tabs, one per part of execution. Each part registers its tab here (one line each), so the
 * page never changes when a part is added. A tab may name the permission it needs and the states it shows in;
 * the server checks again on every request.
 */
import type { Permission, ProjectDetail, ProjectState } from '@kechuang/domain';
import type { ReactNode } from 'react';
import { ChangesTab } from './ChangesTab';
import { MidtermTab } from './MidtermTab';
import { FundsTab } from './FundsTab';
import { AcceptanceTab } from './AcceptanceTab';
import { OverviewTab } from './OverviewTab';
import { PerformanceTab } from './PerformanceTab';
import { TaskBookTab } from './TaskBookTab';
import { ReportsTab } from './ReportsTab';
import { TimelineTab } from './TimelineTab';

export interface ProjectTabProps {
  project: ProjectDetail;
  /** Re-reads the project (after an action changed it). */
  refresh: () => void;
}

export interface ProjectTab {
  key: string;
  label: string;
  /** Sort order on the page (lower first): overview 0, task book 10, money 20, reports 30, changes 40, mid-term 50, acceptance 60, evaluation 70, timeline 90. */
  order: number;
  /** Any one of these permissions shows the tab. */
  permissions?: Permission[];
  /** Shown only in these states (absent: always). */
  states?: ProjectState[];
  /** The tab to open by default while the project is in one of these states. */
  activeIn?: ProjectState[];
  render: (props: ProjectTabProps) => ReactNode;
}

export const PROJECT_TABS: ProjectTab[] = [
  { key: 'overview', label: '概况', order: 0, render: (p) => <OverviewTab {...p} /> },
  { key: 'changes', label: '项目变更', order: 40, render: (p) => <ChangesTab {...p} /> },
  { key: 'midterm', label: '中期检查', order: 50, activeIn: ['midterm', 'rectifying', 'terminated', 'revoked'], render: (p) => <MidtermTab {...p} /> },
  { key: 'performance', label: '绩效评价', order: 70, render: (p) => <PerformanceTab {...p} /> },
  { key: 'funds', label: '资金', order: 20, render: (p) => <FundsTab {...p} /> },
  { key: 'acceptance', label: '验收', order: 60, states: ['executing', 'accepting', 'acceptanceRectifying', 'accepted', 'concluded', 'failed'], activeIn: ['accepting', 'acceptanceRectifying'], render: (p) => <AcceptanceTab {...p} /> },
  { key: 'taskBook', label: '任务书', order: 10, activeIn: ['approved'], render: (p) => <TaskBookTab {...p} /> },
  { key: 'reports', label: '进度报告', order: 30, states: ['executing', 'midterm', 'rectifying', 'accepting', 'acceptanceRectifying', 'accepted', 'concluded', 'failed', 'terminated', 'revoked'], render: (p) => <ReportsTab {...p} /> },
  { key: 'timeline', label: '大事记', order: 90, render: (p) => <TimelineTab {...p} /> },
];
