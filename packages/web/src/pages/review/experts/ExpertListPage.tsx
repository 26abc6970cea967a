/**
 * 专家库 (P315-4), officers: every expert with server paging, sorting and filters (status, field, text, availability),
 * Excel export of the filtered list, import from the template, add and edit, activate and suspend with a reason.
 */
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { EXPERT_STATUS_LABELS, formatCenti, type Expert, type ExpertStatus } from '@kechuang/domain';
import { App, Button, Form, Input, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { useServerTable } from '../../../lib/use-server-table';
import { ExpertFormDrawer } from './ExpertFormDrawer';
import { ExpertImportModal } from './ExpertImportModal';
import { useExpertTaxonomy, useFieldNames } from './ExpertProfileFields';

const STATUS_COLORS: Record<ExpertStatus, string> = { pending: 'gold', active: 'green', suspended: 'red' };
const SORTABLE = ['name', 'createdAt', 'updatedAt'] as const;

export function ExpertStatusTag({ status }: { status: ExpertStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{EXPERT_STATUS_LABELS[status]}</Tag>;
}

/** 暂停 needs a reason (shown in the expert's history); 启用 takes an optional one. */
export function useExpertTransition(onDone: (e: Expert) => void) {
  const { modal, message } = App.useApp();
  const onError = useApiErrorHandler();
  return (expert: Expert, event: 'activate' | 'suspend') => {
    let reason = '';
    modal.confirm({
      title: `${event === 'suspend' ? '暂停' : '启用'}专家：${expert.name}`,
      content: (
        <Form layout="vertical" style={{ marginTop: 12 }}>
          <Form.Item label={event === 'suspend' ? '暂停原因（必填）' : '说明（选填）'} required={event === 'suspend'}>
            <Input.TextArea aria-label="原因" rows={3} maxLength={200} onChange={(e) => (reason = e.target.value)} />
          </Form.Item>
        </Form>
      ),
      okText: event === 'suspend' ? '暂停' : '启用',
      okButtonProps: { danger: event === 'suspend' },
      onOk: async () => {
        try {
          const saved = await api.post<Expert>(`/experts/${expert.id}/${event}`, event === 'suspend' ? { reason } : reason.trim() ? { reason } : {});
          void message.success(`${saved.name}：${EXPERT_STATUS_LABELS[saved.status]}`);
          onDone(saved);
        } catch (error) {
          onError(error);
          throw error;
        }
      },
    });
  };
}

export default function ExpertListPage() {
  const actionRef = useRef<ActionType>(null);
  const [editing, setEditing] = useState<Expert | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [importing, setImporting] = useState(false);
  const taxonomy = useExpertTaxonomy();
  const fieldName = useFieldNames();
  const table = useServerTable<Expert>({ path: '/experts', sortable: SORTABLE, exportPath: '/experts/export.xlsx', exportName: '专家库.xlsx' });
  const reload = () => void actionRef.current?.reload();
  const transition = useExpertTransition(reload);

  const columns: ProColumns<Expert>[] = [
    { title: '关键词', dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: '姓名、单位、信用代码或关键词' } },
    { title: '评审领域', dataIndex: 'field', hideInTable: true, valueType: 'select', valueEnum: Object.fromEntries((taxonomy.data?.items ?? []).map((f) => [f.code, f.name])), fieldProps: { 'aria-label': '评审领域' } },
    { title: '可参评', dataIndex: 'available', hideInTable: true, valueType: 'select', valueEnum: { true: '可参加', false: '暂不参加' }, fieldProps: { 'aria-label': '可参评' } },
    { title: '姓名', dataIndex: 'name', search: false, sorter: true, width: 90, render: (_, r) => <Link to={`/experts/${r.id}`}>{r.name}</Link> },
    { title: '职称', dataIndex: 'title', search: false, width: 120, ellipsis: true },
    { title: '工作单位', dataIndex: 'organisationName', search: false, ellipsis: true, minWidth: 160 },
    { title: '地区', dataIndex: 'region', key: 'region', search: false, width: 150, ellipsis: true },
    { title: '领域', dataIndex: 'fields', search: false, width: 150, render: (_, r) => r.fields.map((f) => <Tag key={f}>{fieldName(f)}</Tag>) },
    { title: '关键词', dataIndex: 'keywords', search: false, width: 150, ellipsis: true, render: (_, r) => r.keywords.join('、') || '—' },
    { title: '状态', dataIndex: 'status', valueType: 'select', width: 140, valueEnum: EXPERT_STATUS_LABELS, fieldProps: { 'aria-label': '状态' }, render: (_, r) => <Space size={4}><ExpertStatusTag status={r.status} />{r.available ? null : <Tag>暂不参评</Tag>}</Space> },
    { title: '任务', key: 'load', search: false, width: 80, render: (_, r) => (r.assignments ? `${r.openAssignments}/${r.assignments}` : '—') },
    { title: '评价', key: 'rating', search: false, width: 90, render: (_, r) => (r.ratingCenti === null ? <Typography.Text type="secondary">—</Typography.Text> : `${formatCenti(r.ratingCenti)}（${r.ratingCount}）`) },
    { title: '更新时间', dataIndex: 'updatedAt', search: false, sorter: true, hideInTable: true },
    {
      title: '操作',
      valueType: 'option',
      width: 100,
      render: (_, r) => [
        <a key="edit" onClick={() => (setEditing(r), setFormOpen(true))}>编辑</a>,
        r.status === 'active' ? <a key="suspend" onClick={() => transition(r, 'suspend')}>暂停</a> : <a key="activate" onClick={() => transition(r, 'activate')}>启用</a>,
      ],
    },
  ];

  return (
    <PageContainer title="专家库" breadcrumbRender={false} content="评审专家的领域、关键词、单位与回避信息。导入或新增的专家为“待审核”，启用后方参与分配；暂停须说明原因。">
      <ProTable<Expert>
        rowKey="id"
        actionRef={actionRef}
        cardBordered
        columns={columns}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
        options={{ density: true, reload: true, setting: true }}
        request={table.request}
        columnsState={{ persistenceKey: 'kc-experts-columns', persistenceType: 'localStorage', defaultValue: { region: { show: false } } }}
        toolBarRender={() => [
          table.exportButton,
          <Button key="import" icon={<ImportOutlined />} onClick={() => setImporting(true)}>
            导入专家
          </Button>,
          <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => (setEditing(null), setFormOpen(true))}>
            新增专家
          </Button>,
        ]}
      />
      <ExpertFormDrawer expert={editing} open={formOpen} onOpenChange={setFormOpen} onSaved={() => (setFormOpen(false), reload())} />
      <ExpertImportModal open={importing} onClose={() => setImporting(false)} onImported={reload} />
    </PageContainer>
  );
}
