/** Row actions on an account: edit, disable/enable, unlock (only while locked), reset the password. */
import { App, Popconfirm, Space, Tooltip, Typography } from 'antd';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { UserRow } from '../../../api/types';
import { isFuture } from '../../../lib/time';

interface Props {
  user: UserRow;
  isSelf: boolean;
  onEdit: () => void;
  onChanged: () => void;
  onPasswordReset: (user: UserRow, temporaryPassword: string) => void;
}

export function UserRowActions({ user, isSelf, onEdit, onChanged, onPasswordReset }: Props) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const act = async (verb: 'disable' | 'enable' | 'unlock', done: string) => {
    try {
      await api.post<UserRow>(`/users/${user.id}/${verb}`);
      void message.success(done);
      onChanged();
    } catch (error) {
      onError(error);
    }
  };
  const resetPassword = async () => {
    try {
      const res = await api.post<{ user: UserRow; temporaryPassword: string }>(`/users/${user.id}/reset-password`);
      onPasswordReset(res.user, res.temporaryPassword);
      onChanged();
    } catch (error) {
      onError(error);
    }
  };
  const who = `${user.name}（${user.username}）`;
  // 三员分立: these accounts are out of the system administrator's reach; the server refuses too.
  if (user.roles.some((r) => r === 'secadmin' || r === 'auditor')) {
    return (
      <Tooltip title="三员分立：系统管理员不能修改、重置、停用或解锁安全管理员和审计管理员的账号">
        <Typography.Text type="secondary">三员分立</Typography.Text>
      </Tooltip>
    );
  }
  return (
    <Space size={12} wrap={false}>
      <a onClick={onEdit}>编辑</a>
      {!isSelf &&
        (user.status === 'active' ? (
          <Popconfirm
            title={`停用 ${who}？`}
            description="停用后该用户无法登录，已登录的会话立即失效。可随时重新启用。"
            okText="停用"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => act('disable', `已停用 ${who}`)}
          >
            <a style={{ color: '#cf1322' }}>停用</a>
          </Popconfirm>
        ) : (
          <Popconfirm title={`启用 ${who}？`} okText="启用" cancelText="取消" onConfirm={() => act('enable', `已启用 ${who}`)}>
            <a>启用</a>
          </Popconfirm>
        ))}
      {isFuture(user.lockedUntil) && (
        <Popconfirm title={`解除 ${who} 的登录锁定？`} okText="解锁" cancelText="取消" onConfirm={() => act('unlock', `已解除 ${who} 的锁定`)}>
          <a>解锁</a>
        </Popconfirm>
      )}
      {!isSelf && (
        <Popconfirm
          title={`重置 ${who} 的密码？`}
          description="将生成一次性临时密码，原密码立即失效，用户下次登录须修改密码。"
          okText="重置"
          cancelText="取消"
          onConfirm={resetPassword}
        >
          <a>重置密码</a>
        </Popconfirm>
      )}
    </Space>
  );
}
