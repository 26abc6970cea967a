/** 用户管理 (sysadmin): every account, with server paging, sorting and filters, Excel export and account actions. */
import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { ROLE_LABELS, USER_STATUS_LABELS } from '@kechuang/domain';
import { Button, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { UserRow } from '../../../api/types';
import { useSession } from '../../../app/session';
import { OneTimeSecretModal } from '../../../components/OneTimeSecretModal';
import { RoleTags } from '../../../components/RoleTags';
import { UserStatusTags } from '../../../components/UserStatusTags';
import { useServerTable } from '../../../lib/use-server-table';
import { formatDateTime } from '../../../lib/time';
import { UserFormModal } from './UserFormModal';
import { UserRowActions } from './UserRowActions';

const SORTABLE = ['username', 'createdAt', 'lastLoginAt'] as const;
/** The status filter also offers 已锁定 (locked by failed logins, whatever the status). */
const STATUS_FILTER = { ...USER_STATUS_LABELS, locked: '已锁定' };
/** Filters a link may preset, e.g. the home page's "locked accounts" to-do links to /users?status=locked. */
const URL_FILTERS = ['q', 'role', 'status'] as const;

export default function UserListPage() {
  const me = useSession();
  const [searchParams] = useSearchParams();
  const initialFilters = Object.fromEntries(URL_FILTERS.flatMap((k) => (searchParams.get(k) ? [[k, searchParams.get(k)]] : [])));
  const actionRef = useRef<ActionType>(null);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [secret, setSecret] = useState<{ user: UserRow; password: string; created: boolean } | null>(null);
  const table = useServerTable<UserRow>({ path: '/users', sortable: SORTABLE, exportPath: '/users/export', exportName: '用户列表.xlsx' });
  const reload = () => void actionRef.current?.reload();

  const openForm = (user: UserRow | null) => {
    setEditing(user);
    setFormOpen(true);
  };

  const columns: ProColumns<UserRow>[] = [
    { title: '关键词', dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: '用户名、姓名、手机号或邮箱' } },
    { title: '角色', dataIndex: 'role', hideInTable: true, valueType: 'select', valueEnum: ROLE_LABELS },
    { title: '用户名', dataIndex: 'username', search: false, sorter: true, render: (_, r) => <Typography.Text strong>{r.username}</Typography.Text> },
    { title: '姓名', dataIndex: 'name', search: false },
    { title: '角色', dataIndex: 'roles', search: false, render: (_, r) => <RoleTags roles={r.roles} /> },
    { title: '所属单位', dataIndex: ['organisation', 'name'], search: false, ellipsis: true, width: 180, render: (_, r) => r.organisation?.name ?? '—' },
    { title: '联系方式', key: 'contact', dataIndex: 'phone', search: false, render: (_, r) => [r.phone, r.email].filter(Boolean).join(' / ') || '—' },
    { title: '状态', dataIndex: 'status', valueType: 'select', valueEnum: STATUS_FILTER, render: (_, r) => <UserStatusTags user={r} /> },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      search: false,
      sorter: true,
      width: 170,
      render: (_, r) => (r.lastLoginAt ? formatDateTime(r.lastLoginAt) : <Typography.Text type="secondary">从未登录</Typography.Text>),
    },
    { title: '创建时间', dataIndex: 'createdAt', search: false, sorter: true, width: 170, render: (_, r) => formatDateTime(r.createdAt) },
    {
      title: '操作',
      valueType: 'option',
      width: 200,
      render: (_, r) => [
        <UserRowActions
          key="actions"
          user={r}
          isSelf={r.id === me.user.id}
          onEdit={() => openForm(r)}
          onChanged={reload}
          onPasswordReset={(user, password) => setSecret({ user, password, created: false })}
        />,
      ],
    },
  ];

  return (
    <PageContainer title="用户管理" breadcrumbRender={false} content="创建和维护平台账号、分配角色。按三员分立要求，系统管理员不能查看审计日志，也不能修改安全策略。">
      <ProTable<UserRow>
        rowKey="id"
        actionRef={actionRef}
        cardBordered
        columns={columns}
        columnsState={{ persistenceKey: 'kc-users-columns', persistenceType: 'localStorage', defaultValue: { contact: { show: false } } }}
        search={{ labelWidth: 'auto', defaultCollapsed: Object.keys(initialFilters).length === 0 }}
        form={{ initialValues: initialFilters }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
        options={{ density: true, reload: true, setting: true }}
        request={table.request}
        toolBarRender={() => [
          table.exportButton,
          <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)}>
            新建用户
          </Button>,
        ]}
      />
      <UserFormModal
        user={editing}
        open={formOpen}
        onOpenChange={setFormOpen}
        onSaved={(user, temporaryPassword) => {
          setFormOpen(false);
          reload();
          if (temporaryPassword) setSecret({ user, password: temporaryPassword, created: true });
        }}
      />
      <OneTimeSecretModal
        open={secret !== null}
        title={secret?.created ? '用户已创建' : '密码已重置'}
        label="临时密码"
        value={secret?.password ?? ''}
        description={
          secret && (
            <>
              用户 <b>{secret.user.name}（{secret.user.username}）</b>的临时密码如下。请通过安全渠道告知本人；该用户首次登录时必须修改密码。
            </>
          )
        }
        onClose={() => setSecret(null)}
      />
    </PageContainer>
  );
}
