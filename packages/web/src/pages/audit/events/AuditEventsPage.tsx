/** 审计日志 (auditor): the append-only trail with server paging and filters, Excel export and chain verification. */
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { AUDIT_ENTITY_LABELS, auditActionGroups, ROLE_LABELS, type AuditEvent, type Role } from '@kechuang/domain';
import { Space, Tooltip, Typography } from 'antd';
import { useRef } from 'react';
import { useServerTable } from '../../../lib/use-server-table';
import { formatDateTime, toShanghaiIso } from '../../../lib/time';
import { AuditIntegrityCard } from './AuditIntegrityCard';
import { ChangesTable } from './ChangesTable';

/** The actor's role(s) at the time; several roles arrive comma-separated. */
const roleLabel = (role: string | null) =>
  role
    ? role
        .split(',')
        .map((r) => ROLE_LABELS[r.trim() as Role] ?? (r.trim() === 'system' ? '系统' : r.trim()))
        .join('、')
    : '—';

/** Every action in the domain's catalogue, grouped by context, so actions added later are filterable too. */
const actionOptions = auditActionGroups().map((g) => ({ label: g.label, title: g.label, options: g.actions }));
const entityOptions = Object.entries(AUDIT_ENTITY_LABELS).map(([value, label]) => ({ value, label }));

const columns: ProColumns<AuditEvent>[] = [
  {
    title: '时间范围',
    dataIndex: 'range',
    valueType: 'dateTimeRange',
    hideInTable: true,
    search: {
      transform: (value: unknown) => {
        const [from, to] = Array.isArray(value) ? value : [];
        return { from: toShanghaiIso(from), to: toShanghaiIso(to) };
      },
    },
  },
  { title: '操作人', dataIndex: 'actor', hideInTable: true, fieldProps: { placeholder: '姓名或用户名' } },
  {
    title: '时间',
    dataIndex: 'occurredAt',
    search: false,
    sorter: true,
    defaultSortOrder: 'descend',
    sortDirections: ['descend', 'ascend', 'descend'],
    width: 170,
    render: (_, r) => formatDateTime(r.occurredAt),
  },
  {
    title: '操作人',
    dataIndex: 'actorName',
    search: false,
    width: 130,
    render: (_, r) => (
      <>
        {r.actorName ?? <Typography.Text type="secondary">系统</Typography.Text>}
        <br />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {roleLabel(r.role)}
        </Typography.Text>
      </>
    ),
  },
  {
    title: '操作',
    dataIndex: 'action',
    valueType: 'select',
    fieldProps: { showSearch: true, optionFilterProp: 'label', options: actionOptions, popupMatchSelectWidth: 260 },
    width: 150,
    render: (_, r) => (
      <Tooltip title={r.action}>
        <span>{r.actionLabel}</span>
      </Tooltip>
    ),
  },
  {
    title: '对象类型',
    dataIndex: 'entityType',
    valueType: 'select',
    fieldProps: { showSearch: true, optionFilterProp: 'label', options: entityOptions },
    width: 120,
    render: (_, r) => r.entityTypeLabel,
  },
  {
    title: '对象编号',
    dataIndex: 'entityId',
    ellipsis: true,
    copyable: true,
    width: 150,
  },
  { title: 'IP 地址', dataIndex: 'ip', width: 130, render: (_, r) => r.ip ?? '—' },
  {
    title: '链 / 序号',
    dataIndex: 'seq',
    search: false,
    width: 90,
    render: (_, r) => `#${r.chain} · ${r.seq}`,
  },
  {
    title: '哈希',
    dataIndex: 'hash',
    search: false,
    width: 130,
    render: (_, r) => (
      <Tooltip title={r.hash}>
        <Typography.Text code copyable={{ text: r.hash, tooltips: ['复制哈希', '已复制'] }}>
          {r.hash.slice(0, 10)}
        </Typography.Text>
      </Tooltip>
    ),
  },
];

export default function AuditEventsPage() {
  const actionRef = useRef<ActionType>(null);
  const table = useServerTable<AuditEvent>({
    path: '/audit/events',
    sortable: ['occurredAt'],
    defaultSort: '-occurredAt',
    exportPath: '/audit/events/export',
    exportName: '审计日志.xlsx',
    onExported: () => void actionRef.current?.reload(),
  });

  return (
    <PageContainer title="审计日志" breadcrumbRender={false} content="平台上所有登录、账号、单位、策略、计划指南、预算和规划监测操作的不可篡改记录。审计管理员只能查看和导出，不能修改或删除。">
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <AuditIntegrityCard onChanged={() => void actionRef.current?.reload()} />
        <ProTable<AuditEvent>
          rowKey="id"
          actionRef={actionRef}
          cardBordered
          columns={columns}
          search={{ labelWidth: 'auto', defaultCollapsed: false }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
          options={{ density: true, reload: true, setting: true }}
          scroll={{ x: 1080 }}
          expandable={{
            expandedRowRender: (r) => <ChangesTable changes={r.changes} detail={r.detail} />,
            rowExpandable: (r) => Object.keys(r.changes ?? {}).length > 0 || Object.keys(r.detail ?? {}).length > 0,
          }}
          request={table.request}
          toolBarRender={() => [table.exportButton]}
        />
      </Space>
    </PageContainer>
  );
}
