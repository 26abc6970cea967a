/** The side menu, computed from the permissions the server granted the user (never from role names). */
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  HomeOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
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
}

interface MenuRule extends MenuEntry {
  permission?: Permission;
}

const MENU: MenuRule[] = [
  { path: '/', name: '首页', icon: <HomeOutlined /> },
  { path: '/organisation', name: '本单位信息', icon: <BankOutlined />, permission: 'organisation.read' },
  { path: '/organisation/members', name: '成员与邀请', icon: <TeamOutlined />, permission: 'organisation.members' },
  { path: '/users', name: '用户管理', icon: <UserSwitchOutlined />, permission: 'user.manage' },
  { path: '/organisations', name: '单位列表', icon: <ApartmentOutlined />, permission: 'organisation.readAll' },
  { path: '/security', name: '安全策略', icon: <SafetyCertificateOutlined />, permission: 'security.read' },
  { path: '/audit', name: '审计日志', icon: <AuditOutlined />, permission: 'audit.read' },
];

export const CHANGE_PASSWORD_ENTRY: MenuEntry = { path: '/account/password', name: '修改密码', icon: <KeyOutlined /> };

export function menuFor(me: Me): MenuEntry[] {
  // Until a first-login or expired password is changed, nothing else is reachable.
  if (me.user.mustChangePassword) return [CHANGE_PASSWORD_ENTRY];
  const can = new Set(me.permissions);
  return MENU.filter((m) => !m.permission || can.has(m.permission)).map(({ permission: _p, ...entry }) =>
    entry.path === '/security' && !can.has('security.manage') ? { ...entry, name: '安全策略（只读）' } : entry,
  );
}

/**
 * The one entry to highlight: the longest menu path the location is inside of, so
 * /organisation/members does not also light up /organisation.
 */
export function selectedMenuKey(entries: readonly MenuEntry[], pathname: string): string | undefined {
  const inside = (p: string) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`));
  return entries
    .filter((e) => inside(e.path))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
}
