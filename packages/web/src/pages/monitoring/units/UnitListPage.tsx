/**
 * 责任单位 (P315-2): the responsible units named by the plans, and which 责任单位 accounts report for each. A unit
 * with no account cannot file its monthly figures, so those are flagged first.
 */
import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import { ModalForm, PageContainer, ProFormText, ProTable, type ProColumns } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { MonUnitRow } from '../../../api/types';
import { formatDateTime } from '../../../lib/time';
import { useUnits } from '../shared/api';

interface Member {
  userId: string;
  username: string;
  name: string;
  status: string;
  since: string;
}

const KIND_LABELS: Record<string, string> = { department: '部门', government: '地方政府', institution: '机构', group: '议事协调机构' };
const enc = encodeURIComponent;

function Members({ code }: { code: string }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const client = useQueryClient();
  const members = useQuery({
    queryKey: ['monitoring', 'unit-members', code],
    queryFn: ({ signal }) => api.get<{ items: Member[] }>(`/monitoring/units/${enc(code)}/members`, undefined, signal).then((r) => r.items),
  });
  const remove = async (m: Member) => {
    try {
      await api.delete(`/monitoring/units/${enc(code)}/members/${enc(m.userId)}`);
      void message.success(`已移除 ${m.name}（${m.username}）`);
      await Promise.all([members.refetch(), client.invalidateQueries({ queryKey: ['monitoring', 'units'] })]);
    } catch (error) {
      onError(error);
    }
  };
  return (
    <Table<Member>
      size="small"
      rowKey="userId"
      loading={members.isPending}
      dataSource={members.data ?? []}
      pagination={false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未指定报送账号：该单位无法填报月度数据" /> }}
      columns={[
        { title: '姓名', dataIndex: 'name' },
        { title: '用户名', dataIndex: 'username' },
        { title: '账号状态', dataIndex: 'status', render: (v: string) => (v === 'active' ? <Tag color="green">正常</Tag> : <Tag>{v === 'disabled' ? '已停用' : v}</Tag>) },
        { title: '指定时间', dataIndex: 'since', render: (v: string) => formatDateTime(v) },
        {
          title: '操作',
          key: 'op',
          width: 90,
          render: (_, m) => (
            <Popconfirm title={`移除 ${m.name} 的报送权限？`} description="已填报的记录保留；移除后该账号不能再为本单位填报。" okText="移除" cancelText="取消" onConfirm={() => remove(m)}>
              <Button type="link" danger size="small" icon={<DeleteOutlined />}>
                移除
              </Button>
            </Popconfirm>
          ),
        },
      ]}
    />
  );
}

export default function UnitListPage() {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const client = useQueryClient();
  const units = useUnits();
  const [adding, setAdding] = useState<MonUnitRow | null>(null);

  const columns: ProColumns<MonUnitRow>[] = [
    { title: '责任单位', dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'), render: (_, u) => <Typography.Text strong>{u.name}</Typography.Text> },
    { title: '代码', dataIndex: 'code', width: 160, copyable: true },
    { title: '类型', dataIndex: 'kind', width: 120, filters: Object.entries(KIND_LABELS).map(([value, text]) => ({ text, value })), onFilter: (v, u) => u.kind === v, render: (_, u) => KIND_LABELS[u.kind] ?? u.kind },
    {
      title: '报送账号',
      dataIndex: 'memberCount',
      width: 130,
      defaultSortOrder: 'ascend',
      sorter: (a, b) => a.memberCount - b.memberCount,
      render: (_, u) => (u.memberCount > 0 ? `${u.memberCount} 个` : <Tag color="orange">未指定</Tag>),
    },
    {
      title: '操作',
      key: 'op',
      width: 130,
      render: (_, u) => (
        <Button size="small" icon={<UserAddOutlined />} onClick={() => setAdding(u)}>
          指定账号
        </Button>
      ),
    },
  ];

  return (
    <PageContainer title="责任单位" content="各规划任务与指标的责任单位（首位为牵头单位）。为单位指定“责任单位”角色的账号后，该账号即可为本单位填报月度数据；账号本身由系统管理员创建。">
      <ProTable<MonUnitRow>
        rowKey="code"
        headerTitle={
          <Space>
            责任单位
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              共 {units.data?.length ?? 0} 个，{units.data?.filter((u) => u.memberCount === 0).length ?? 0} 个尚未指定报送账号
            </Typography.Text>
          </Space>
        }
        search={false}
        loading={units.isPending}
        dataSource={units.data ?? []}
        columns={columns}
        options={{ density: true, reload: () => void units.refetch(), setting: true }}
        pagination={{ defaultPageSize: 50, showSizeChanger: true }}
        expandable={{ expandedRowRender: (u) => <Members code={u.code} />, rowExpandable: () => true }}
      />
      <ModalForm<{ username: string }>
        title={adding ? `为“${adding.name}”指定报送账号` : ''}
        open={!!adding}
        width={440}
        modalProps={{ destroyOnHidden: true, onCancel: () => setAdding(null) }}
        submitter={{ searchConfig: { submitText: '指定', resetText: '取消' } }}
        onFinish={async (v) => {
          if (!adding) return false;
          try {
            const r = await api.post<{ added: boolean }>(`/monitoring/units/${enc(adding.code)}/members`, { username: v.username.trim() });
            void message.success(r.added ? `已为${adding.name}指定账号 ${v.username.trim()}` : `${v.username.trim()} 已是${adding.name}的报送账号`);
            await Promise.all([client.invalidateQueries({ queryKey: ['monitoring', 'units'] }), client.invalidateQueries({ queryKey: ['monitoring', 'unit-members', adding.code] })]);
            setAdding(null);
            return true;
          } catch (error) {
            onError(error);
            return false;
          }
        }}
      >
        <ProFormText name="username" label="用户名" placeholder="角色为“责任单位”的账号" rules={[{ required: true, message: '请填写用户名' }]} />
      </ModalForm>
    </PageContainer>
  );
}
