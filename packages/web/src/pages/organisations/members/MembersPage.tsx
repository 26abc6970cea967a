/** 成员与邀请: the unit administrator's view of the unit's accounts and outstanding invitations. */
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { ROLE_LABELS, type Role } from '@kechuang/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Popconfirm, Result, Space, Tag, Typography } from 'antd';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { errorText } from '../../../api/errors';
import type { Invitation, InvitationStatus, UserRow } from '../../../api/types';
import { useSession } from '../../../app/session';
import { RoleTags } from '../../../components/RoleTags';
import { UserStatusTags } from '../../../components/UserStatusTags';
import { formatDateTime } from '../../../lib/time';
import { InviteMemberButton } from './InviteMemberButton';

const INVITATION_STATUS: Record<InvitationStatus, { color: string; text: string }> = {
  pending: { color: 'processing', text: '待接受' },
  accepted: { color: 'success', text: '已接受' },
  revoked: { color: 'default', text: '已撤销' },
  expired: { color: 'warning', text: '已过期' },
};

const byTime = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '');

export default function MembersPage() {
  const me = useSession();
  const orgId = me.organisation?.id ?? '';
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const membersKey = ['organisations', orgId, 'members'];
  const invitationsKey = ['organisations', orgId, 'invitations'];
  const members = useQuery({
    queryKey: membersKey,
    queryFn: ({ signal }) => api.get<{ items: UserRow[] }>(`/organisations/${orgId}/members`, undefined, signal),
    enabled: !!orgId,
  });
  const invitations = useQuery({
    queryKey: invitationsKey,
    queryFn: ({ signal }) => api.get<{ items: Invitation[] }>(`/organisations/${orgId}/invitations`, undefined, signal),
    enabled: !!orgId,
  });

  const revoke = async (inv: Invitation) => {
    try {
      await api.post(`/organisations/${orgId}/invitations/${inv.id}/revoke`);
      void message.success(`已撤销对 ${inv.name} 的邀请`);
      void queryClient.invalidateQueries({ queryKey: invitationsKey });
    } catch (error) {
      onError(error);
    }
  };

  const memberColumns: ProColumns<UserRow>[] = [
    { title: '用户名', dataIndex: 'username', sorter: (a, b) => a.username.localeCompare(b.username) },
    { title: '姓名', dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (_, r) => <RoleTags roles={r.roles} />,
      filters: (['unitAdmin', 'applicant'] as Role[]).map((r) => ({ text: ROLE_LABELS[r], value: r })),
      onFilter: (value, r) => r.roles.includes(value as Role),
    },
    { title: '手机号', dataIndex: 'phone', render: (_, r) => r.phone || '—' },
    { title: '邮箱', dataIndex: 'email', render: (_, r) => r.email || '—' },
    { title: '状态', dataIndex: 'status', render: (_, r) => <UserStatusTags user={r} /> },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      sorter: (a, b) => byTime(a.lastLoginAt, b.lastLoginAt),
      render: (_, r) => (r.lastLoginAt ? formatDateTime(r.lastLoginAt) : <Typography.Text type="secondary">从未登录</Typography.Text>),
    },
  ];

  const invitationColumns: ProColumns<Invitation>[] = [
    { title: '受邀人', dataIndex: 'name' },
    { title: '邮箱', dataIndex: 'email', render: (_, r) => r.email || '—' },
    { title: '角色', dataIndex: 'role', render: (_, r) => ROLE_LABELS[r.role] },
    {
      title: '状态',
      dataIndex: 'status',
      filters: Object.entries(INVITATION_STATUS).map(([value, s]) => ({ text: s.text, value })),
      onFilter: (value, r) => r.status === value,
      render: (_, r) => {
        const s = INVITATION_STATUS[r.status] ?? { color: 'default', text: r.status };
        return <Tag color={s.color}>{s.text}</Tag>;
      },
    },
    { title: '发出时间', dataIndex: 'createdAt', sorter: (a, b) => byTime(a.createdAt, b.createdAt), defaultSortOrder: 'descend', render: (_, r) => formatDateTime(r.createdAt) },
    { title: '有效期至', dataIndex: 'expiresAt', render: (_, r) => formatDateTime(r.expiresAt) },
    { title: '接受时间', dataIndex: 'acceptedAt', render: (_, r) => (r.acceptedAt ? formatDateTime(r.acceptedAt) : '—') },
    {
      title: '操作',
      valueType: 'option',
      render: (_, r) =>
        r.status === 'pending'
          ? [
              <Popconfirm
                key="revoke"
                title="撤销这条邀请？"
                description="撤销后该邀请链接立即失效，已发出的链接将无法再使用。"
                okText="撤销"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => revoke(r)}
              >
                <a>撤销</a>
              </Popconfirm>,
            ]
          : [],
    },
  ];

  if (!me.organisation) {
    return (
      <PageContainer title="成员与邀请" breadcrumbRender={false}>
        <Result status="info" title="您的账号未关联申报单位" subTitle="成员与邀请只对申报单位的单位管理员开放。" />
      </PageContainer>
    );
  }

  return (
    <PageContainer
      title="成员与邀请"
      breadcrumbRender={false}
      content={me.organisation ? `${me.organisation.name}的账号。新成员通过邀请链接自行设置密码加入，不经由他人转交密码。` : undefined}
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {members.error && <Alert type="error" showIcon title="成员列表加载失败" description={errorText(members.error)} />}
        <ProTable<UserRow>
          headerTitle="单位成员"
          rowKey="id"
          search={false}
          cardBordered
          loading={members.isFetching}
          dataSource={members.data?.items ?? []}
          columns={memberColumns}
          options={{ reload: () => void members.refetch(), density: false, setting: true }}
          pagination={{ defaultPageSize: 10, showSizeChanger: true }}
        />
        {invitations.error && <Alert type="error" showIcon title="邀请记录加载失败" description={errorText(invitations.error)} />}
        <ProTable<Invitation>
          headerTitle="邀请记录"
          rowKey="id"
          search={false}
          cardBordered
          loading={invitations.isFetching}
          dataSource={invitations.data?.items ?? []}
          columns={invitationColumns}
          options={{ reload: () => void invitations.refetch(), density: false, setting: false }}
          pagination={{ defaultPageSize: 10, showSizeChanger: true }}
          toolBarRender={() => [
            <InviteMemberButton
              key="invite"
              organisationId={orgId}
              onInvited={() => void queryClient.invalidateQueries({ queryKey: invitationsKey })}
            />,
          ]}
        />
      </Space>
    </PageContainer>
  );
}
