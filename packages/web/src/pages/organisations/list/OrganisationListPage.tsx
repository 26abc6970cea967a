/** 单位列表: every registered organisation, for bureau staff; paged, searched and filtered by the server. */
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { INDUSTRY_SECTIONS, ORGANISATION_TYPE_LABELS } from '@kechuang/domain';
import { Typography } from 'antd';
import { useRef } from 'react';
import type { Organisation } from '../../../api/types';
import { useServerTable } from '../../../lib/use-server-table';
import { formatDateTime } from '../../../lib/time';
import { OrganisationRecordDrawer } from '../../integrity/shared/OrganisationRecord';
import { ConsortiaCell } from './ConsortiaEditor';

const columnsWith = (reload: () => void): ProColumns<Organisation>[] => [
  {
    title: '关键词',
    dataIndex: 'q',
    hideInTable: true,
    fieldProps: { placeholder: '单位名称、信用代码或联系人' },
  },
  {
    title: '单位名称',
    dataIndex: 'name',
    search: false,
    ellipsis: true,
    width: 240,
    sorter: true,
    // The unit's record (绩效评价 and 科研失信) opens beside the list.
    render: (_, r) => (
      <>
        <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{r.name}</div>
        <OrganisationRecordDrawer organisationId={r.id} name={r.name} />
      </>
    ),
  },
  {
    title: '统一社会信用代码',
    dataIndex: 'creditCode',
    search: false,
    copyable: true,
    width: 200,
    render: (_, r) => <Typography.Text style={{ fontFamily: 'monospace' }}>{r.creditCode}</Typography.Text>,
  },
  { title: '单位类型', dataIndex: 'type', valueType: 'select', valueEnum: ORGANISATION_TYPE_LABELS, width: 120 },
  { title: '所在地区', dataIndex: 'region', search: false, ellipsis: true },
  {
    title: '所属行业',
    dataIndex: 'industry',
    search: false,
    ellipsis: true,
    render: (_, r) => `${r.industry} ${INDUSTRY_SECTIONS[r.industry] ?? ''}`,
  },
  {
    title: '联系人',
    dataIndex: 'contactName',
    search: false,
    render: (_, r) => (
      <>
        {r.contactName}
        <br />
        <Typography.Text type="secondary">{r.contactPhone}</Typography.Text>
      </>
    ),
  },
  { title: '创新联合体', dataIndex: 'consortia', search: false, width: 180, render: (_, r) => <ConsortiaCell org={r} onSaved={reload} /> },
  { title: '注册时间', dataIndex: 'createdAt', search: false, width: 170, sorter: true, defaultSortOrder: 'descend', render: (_, r) => formatDateTime(r.createdAt) },
];

const SORTABLE = ['name', 'createdAt'] as const;

export default function OrganisationListPage() {
  const action = useRef<ActionType>(null);
  const columns = columnsWith(() => void action.current?.reload());
  const table = useServerTable<Organisation>({ path: '/organisations', sortable: SORTABLE, exportPath: '/organisations/export', exportName: '单位列表.xlsx' });
  return (
    <PageContainer title="单位列表" breadcrumbRender={false} content="平台上注册的全部申报单位。">
      <ProTable<Organisation>
        rowKey="id"
        actionRef={action}
        cardBordered
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
        options={{ density: true, reload: true, setting: true }}
        request={table.request}
        toolBarRender={() => [table.exportButton]}
      />
    </PageContainer>
  );
}
