/** The side menu, computed from the permissions the server granted the user (never from role names). */
import {
  CalendarOutlined,
  ClusterOutlined,
  FundProjectionScreenOutlined,
  EnvironmentOutlined,
  AccountBookOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  EditOutlined,
  EyeOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FundOutlined,
  HomeOutlined,
  IdcardOutlined,
  ProfileOutlined,
  KeyOutlined,
  OrderedListOutlined,
  PieChartOutlined,
  ProjectOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  NodeIndexOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { Permission } from '@kechuang/domain';
import type { ReactNode } from 'react';
import type { Me } from '../api/types';

export interface MenuEntry {
  path: string;
  name: string;
  icon: ReactNode;
  /** A group's entries; the group's own path is only its menu key, never a page. */
  children?: MenuEntry[];
}

interface MenuRule extends Omit<MenuEntry, 'children'> {
  permission?: Permission;
  children?: MenuRule[];
}

const MENU: MenuRule[] = [
  { path: '/', name: '首页', icon: <HomeOutlined /> },
  { path: '/applications', name: '申报书', icon: <FileDoneOutlined />, permission: 'application.read' },
  // The bureau's views across organisations (the API counts only what a caller may see, so others gain nothing).
  { path: '/applications/counts', name: '条目申报数', icon: <OrderedListOutlined />, permission: 'application.review' },
  { path: '/applications/statistics', name: '申报统计', icon: <BarChartOutlined />, permission: 'application.review' },
  { path: '/dedupe/external-records', name: '查重外部记录', icon: <FileSearchOutlined />, permission: 'application.review' },
  {
    // 评审与立项 (BL-8): every part of review adds its entry here.
    path: '/review-group',
    name: '评审与立项',
    icon: <SolutionOutlined />,
    children: [
      { path: '/review', name: '评审轮次', icon: <NodeIndexOutlined />, permission: 'review.observe' },
      { path: '/experts', name: '专家库', icon: <IdcardOutlined />, permission: 'expert.manage' },
      { path: '/projects', name: '立项项目', icon: <FundProjectionScreenOutlined />, permission: 'project.read' },
      { path: '/integrity', name: '科研诚信', icon: <SafetyOutlined />, permission: 'integrity.read' },
      { path: '/project-reports', name: '进度报告', icon: <FileProtectOutlined />, permission: 'project.manage' },
      { path: '/working-calendar', name: '节假日日历', icon: <CalendarOutlined />, permission: 'review.manage' },
      { path: '/review/witness', name: '抽取见证', icon: <EyeOutlined />, permission: 'review.witness' },
      { path: '/expert/reviews', name: '我的评审', icon: <AuditOutlined />, permission: 'review.score' },
      { path: '/expert/acceptance-reviews', name: '验收评审', icon: <AuditOutlined />, permission: 'acceptance.review' },
      { path: '/expert/profile', name: '我的专家信息', icon: <ProfileOutlined />, permission: 'expert.profile' },
    ],
  },
  { path: '/organisation', name: '本单位信息', icon: <BankOutlined />, permission: 'organisation.read' },
  { path: '/organisation/members', name: '成员与邀请', icon: <TeamOutlined />, permission: 'organisation.members' },
  { path: '/users', name: '用户管理', icon: <UserSwitchOutlined />, permission: 'user.manage' },
  { path: '/organisations', name: '单位列表', icon: <ApartmentOutlined />, permission: 'organisation.readAll' },
  {
    // Grouped so /calls and /calls/new never both light up (STACK.md); a leader sees only the ledger here.
    path: '/plan',
    name: '计划与指南',
    icon: <ProjectOutlined />,
    children: [
      { path: '/programmes', name: '计划管理', icon: <ProjectOutlined />, permission: 'programme.manage' },
      { path: '/calls', name: '申报指南', icon: <FileTextOutlined />, permission: 'call.manage' },
      { path: '/budget', name: '预算台账', icon: <AccountBookOutlined />, permission: 'budget.read' },
    ],
  },
  {
    // A group, so /monitoring and /monitoring/plans never both light up (STACK.md).
    path: '/monitoring-group',
    name: '规划监测',
    icon: <FundOutlined />,
    children: [
      { path: '/monitoring', name: '监测总览', icon: <DashboardOutlined />, permission: 'monitoring.read' },
      { path: '/monitoring/plans', name: '指标体系', icon: <OrderedListOutlined />, permission: 'monitoring.read' },
      { path: '/monitoring/report', name: '月度填报', icon: <EditOutlined />, permission: 'monitoring.report' },
      { path: '/monitoring/review', name: '报送审核', icon: <CarryOutOutlined />, permission: 'monitoring.manage' },
      { path: '/monitoring/tasks', name: '任务清单', icon: <ScheduleOutlined />, permission: 'monitoring.read' },
      { path: '/monitoring/portfolio', name: '项目统计', icon: <PieChartOutlined />, permission: 'monitoring.read' },
      { path: '/monitoring/towns', name: '镇街评价', icon: <EnvironmentOutlined />, permission: 'monitoring.read' },
      { path: '/monitoring/units', name: '责任单位', icon: <ClusterOutlined />, permission: 'monitoring.manage' },
    ],
  },
  { path: '/security', name: '安全策略', icon: <SafetyCertificateOutlined />, permission: 'security.read' },
  { path: '/audit', name: '审计日志', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/admin-recovery', name: '管理员密码找回', icon: <KeyOutlined />, permission: 'admin.recover' },
];

export const CHANGE_PASSWORD_ENTRY: MenuEntry = { path: '/account/password', name: '修改密码', icon: <KeyOutlined /> };

export function menuFor(me: Me): MenuEntry[] {
  // Until a first-login or expired password is changed, nothing else is reachable.
  if (me.user.mustChangePassword) return [CHANGE_PASSWORD_ENTRY];
  const can = new Set(me.permissions);
  const allowed = (rules: MenuRule[]): MenuEntry[] =>
    rules.flatMap(({ permission, children, ...entry }): MenuEntry[] => {
      if (permission && !can.has(permission)) return [];
      if (!children) return [entry.path === '/security' && !can.has('security.manage') ? { ...entry, name: '安全策略（只读）' } : entry];
      const kids = allowed(children);
      return kids.length ? [{ ...entry, children: kids }] : [];
    });
  return allowed(MENU);
}

/** Groups opened up into their entries. */
export function flatMenu(entries: readonly MenuEntry[]): MenuEntry[] {
  return entries.flatMap((e) => (e.children ? flatMenu(e.children) : [e]));
}

/**
 * The one entry to highlight: the longest menu path the location is inside of, so
 * /organisation/members does not also light up /organisation.
 */
export function selectedMenuKey(entries: readonly MenuEntry[], pathname: string): string | undefined {
  const inside = (p: string) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`));
  return flatMenu(entries)
    .filter((e) => inside(e.path))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
}
