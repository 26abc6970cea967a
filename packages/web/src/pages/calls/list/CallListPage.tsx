/** 申报指南 (officer): every call in every status, with its workflow actions; new calls start here. */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { CALL_STATUS_LABELS, SELECTION_MODE_LABELS, SELECTION_MODES } from '@kechuang/domain';
import { Button, Space, Typography } from 'antd';
import { useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, type Query } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { programmeOptions, useProgrammes, type Call } from '../../../api/programmes';
import { CallPhaseTag, CallStatusTag } from '../../../components/call/CallTags';
import { formatDateTime } from '../../../lib/time';
import { CallActions } from '../shared/CallActions';

interface Filters {
  q?: string;
  status?: Call['status'];
  programme?: string;
  selectionMode?: Call['selectionMode'];
}


export default function CallListPage() {
  const navigate = useNavigate();
  const actionRef = useRef<ActionType>(null);
  const onError = useApiErrorHandler();
  /** The filters of the last request: the export repeats them. */
  const lastQuery = useRef<Query>({});
  const programmes = useProgrammes();
  const reload = () => void actionRef.current?.reload();

  const columns: ProColumns<Call>[] = [
    { title: '关键词', dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: '指南名称' } },
    {
      title: '指南名称',
      dataIndex: 'title',
      search: false,
      width: 280,
      sorter: (a, b) => a.title.localeCompare(b.title, 'zh-CN'),
      render: (_, r) => <Link to={`/calls/${r.id}`}>{r.title}</Link>,
    },
    {
      title: '计划',
      dataIndex: 'programme',
      valueType: 'select',
      fieldProps: { options: programmeOptions(programmes.data) },
      width: 200,
      ellipsis: true,
      render: (_, r) => r.programme.name,
    },
    {
      title: '遴选方式',
      dataIndex: 'selectionMode',
      valueType: 'select',
      valueEnum: Object.fromEntries(SELECTION_MODES.map((m) => [m, SELECTION_MODE_LABELS[m]])),
      width: 110,
    },
    {
      title: '申报时间（北京时间）',
      key: 'window',
      search: false,
      width: 200,
      sorter: (a, b) => a.closesAt.localeCompare(b.closesAt),
      render: (_, r) => (
        <>
          <div>起 {formatDateTime(r.opensAt)}</div>
          <div>止 {formatDateTime(r.closesAt)}</div>
        </>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: CALL_STATUS_LABELS,
      width: 150,
      render: (_, r) => (
        <Space size={0}>
          <CallStatusTag status={r.status} />
          {r.status === 'published' && <CallPhaseTag phase={r.phase} />}
        </Space>
      ),
    },
    {
      title: '政策版本',
      key: 'version',
      search: false,
      width: 150,
      render: (_, r) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.version.version}
          <br />
          {r.version.documentNo}
        </Typography.Text>
      ),
    },
    { title: '最后修改', dataIndex: 'updatedAt', search: false, width: 170, sorter: (a, b) => a.updatedAt.localeCompare(b.updatedAt), render: (_, r) => formatDateTime(r.updatedAt) },
    { title: '操作', valueType: 'option', width: 110, fixed: 'right', render: (_, r) => [<CallActions key="actions" call={r} variant="links" onChanged={reload} />] },
  ];

  return (
    <PageContainer title="申报指南" breadcrumbRender={false} content="起草、发布和管理申报指南。草稿可反复修改；发布后规则冻结，只能截止和归档。">
      <ProTable<Call, Filters>
        rowKey="id"
        actionRef={actionRef}
        cardBordered
        columns={columns}
        scroll={{ x: 1380 }}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
        options={{ density: true, reload: true, setting: true }}
        request={async (params) => {
          try {
            const query: Query = { status: params.status, programme: params.programme, q: params.q?.trim(), selectionMode: params.selectionMode };
            lastQuery.current = query;
            const { items } = await api.get<{ items: Call[] }>('/calls', query);
            return { data: items, total: items.length, success: true };
          } catch (error) {
            onError(error);
            return { data: [], total: 0, success: false };
          }
        }}
        toolBarRender={() => [
          <Button key="export" icon={<DownloadOutlined />} onClick={() => void api.download('/calls/export', lastQuery.current, '申报指南.xlsx').catch(onError)}>
            导出Excel
          </Button>,
          <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/calls/new')}>
            新建指南
          </Button>,
        ]}
      />
    </PageContainer>
  );
}
