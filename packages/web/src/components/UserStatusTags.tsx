/** An account's state at a glance: 正常/已停用, 已锁定 (until when), 待改密. */
import { LockOutlined } from '@ant-design/icons';
import { USER_STATUS_LABELS } from '@kechuang/domain';
import { Tag, Tooltip } from 'antd';
import type { UserRow } from '../api/types';
import { formatDateTime, isFuture } from '../lib/time';

export function UserStatusTags({ user }: { user: Pick<UserRow, 'status' | 'lockedUntil' | 'mustChangePassword'> }) {
  return (
    <>
      <Tag color={user.status === 'active' ? 'success' : 'default'}>{USER_STATUS_LABELS[user.status] ?? user.status}</Tag>
      {isFuture(user.lockedUntil) && (
        <Tooltip title={`连续登录失败被锁定，${formatDateTime(user.lockedUntil)} 自动解锁`}>
          <Tag color="error" icon={<LockOutlined />}>
            已锁定
          </Tag>
        </Tooltip>
      )}
      {user.mustChangePassword && user.status === 'active' && (
        <Tooltip title="使用临时密码或密码已过期，下次登录须修改密码">
          <Tag color="warning">待改密</Tag>
        </Tooltip>
      )}
    </>
  );
}
