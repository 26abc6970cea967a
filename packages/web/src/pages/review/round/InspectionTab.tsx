/**
 * 实地核查 (BL-8): the round's checklist (the platform's defaults until the officer edits it), which applications
 * are inspected (all in review, or the top N with a reason), each one's result, and finishing the step.
 */
import { CheckCircleOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { formatCenti, INSPECTION_RESULT_LABELS, type InspectionItem, type InspectionOverview } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { useCan } from '../../../app/session';
import { formatDateTime } from '../../../lib/time';
import { InspectionDrawer } from './InspectionDrawer';
import type { RoundTabProps } from './tabs';

export function InspectionTab({ round, refresh }: RoundTabProps) {
  const canManage = useCan('review.manage');
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const path = `/review/rounds/${round.id}/inspection`;
  const q = useQuery({ queryKey: ['review', 'round', round.id, 'inspection'], queryFn: () => api.get<InspectionOverview>(path) });
  const [editing, setEditing] = useState<'checklist' | 'selection' | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [finishing, setFinishing] = useState(false);
  const o = q.data;
  const live = round.stage === 'inspection';
  const writable = canManage && live;
  const checklistWritable = canManage && ['assigning', 'scoring', 'inspection'].includes(round.stage);

  const finish = async () => {
    setFinishing(true);
    try {
      await api.post(`${path}/finish`);
      void message.success('实地核查已完成，进入资金方案阶段');
      await q.refetch();
      refresh();
    } catch (e) {
      onError(e);
    } finally {
      setFinishing(false);
    }
  };

  const columns: ProColumns<InspectionItem>[] = [
    { title: '排名', dataIndex: 'rank', width: 60, render: (_, r) => r.rank ?? '—' },
    { title: '申报编号', dataIndex: 'applicationNo', width: 150 },
    { title: '项目名称', dataIndex: 'title', ellipsis: true },
    { title: '申报单位', dataIndex: 'organisationName', width: 190, ellipsis: true },
    { title: '得分', dataIndex: 'scoreCenti', width: 70, render: (_, r) => (r.scoreCenti === null ? '—' : formatCenti(r.scoreCenti)) },
    { title: '核查日期', dataIndex: ['record', 'inspectedOn'], width: 110, render: (_, r) => r.record?.inspectedOn ?? '—' },
    { title: '照片', dataIndex: 'photos', width: 60, render: (_, r) => r.photos.length },
    {
      title: '核查结论',
      dataIndex: ['record', 'result'],
      width: 100,
      filters: [{ text: '通过', value: 'passed' }, { text: '不通过', value: 'failed' }, { text: '未核查', value: 'none' }],
      onFilter: (v, r) => (r.record?.result ?? 'none') === v,
      render: (_, r) => (r.record ? <Tag color={r.record.result === 'passed' ? 'green' : 'red'}>{INSPECTION_RESULT_LABELS[r.record.result]}</Tag> : <Tag>未核查</Tag>),
    },
    { title: '操作', valueType: 'option', width: 90, render: (_, r) => <Button type="link" size="small" onClick={() => setOpen(r.applicationId)}>{writable ? (r.record ? '修改' : '记录核查') : '查看'}</Button> },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {o?.finishedAt && <Alert type="success" showIcon message={`实地核查已于 ${formatDateTime(o.finishedAt)} 完成`} />}
      <Card
        size="small"
        title={<Space>核查清单{o?.checklistIsDefault && <Tag color="gold">平台默认清单，可按本局要求修改</Tag>}</Space>}
        extra={checklistWritable && <Button size="small" icon={<EditOutlined />} onClick={() => setEditing('checklist')}>编辑清单</Button>}
      >
        <List size="small" dataSource={o?.checklist ?? []} renderItem={(c, i) => <List.Item>{i + 1}. {c.label}</List.Item>} />
      </Card>
      <Card
        size="small"
        title="核查范围"
        extra={writable && <Button size="small" icon={<EditOutlined />} onClick={() => setEditing('selection')}>调整范围</Button>}
      >
        {o && (o.topN === null
          ? <Typography.Text>全部在评申报书（按排名顺序，共 {o.items.length} 份）</Typography.Text>
          : <Typography.Text>按排名前 {o.topN} 名核查（共 {o.items.length} 份，另有 {o.excluded} 份不在范围内）。理由：{o.selectionReason}</Typography.Text>)}
      </Card>
      <ProTable<InspectionItem>
        rowKey="applicationId"
        headerTitle="核查结果"
        columns={columns}
        dataSource={o?.items ?? []}
        loading={q.isLoading}
        search={false}
        options={false}
        pagination={{ pageSize: 20, showSizeChanger: true }}
        toolBarRender={() => [
          <Button key="export" icon={<DownloadOutlined />} onClick={() => void api.download(`${path}/export.xlsx`, undefined, '实地核查结果.xlsx').catch(onError)}>导出 Excel</Button>,
          ...(writable && o ? [
          <Popconfirm key="finish" title="完成实地核查？" description="完成后核查结果不能再修改，评审进入资金方案阶段。" okText="完成" cancelText="取消" onConfirm={finish} disabled={o.missing > 0}>
            <Button type="primary" icon={<CheckCircleOutlined />} loading={finishing} disabled={o.missing > 0} title={o.missing > 0 ? `还有 ${o.missing} 份未核查` : undefined}>
              完成实地核查{o.missing > 0 ? `（还有 ${o.missing} 份未核查）` : ''}
            </Button>
          </Popconfirm>,
        ] : []),
        ]}
      />
      {editing === 'checklist' && o && <ChecklistModal path={path} overview={o} onClose={() => setEditing(null)} onSaved={() => void q.refetch()} />}
      {editing === 'selection' && o && <SelectionModal path={path} overview={o} onClose={() => setEditing(null)} onSaved={() => void q.refetch()} />}
      {open && o && <InspectionDrawer path={path} overview={o} item={o.items.find((i) => i.applicationId === open)!} writable={writable} onClose={() => setOpen(null)} onSaved={() => void q.refetch()} />}
    </Space>
  );
}

interface ModalProps {
  path: string;
  overview: InspectionOverview;
  onClose: () => void;
  onSaved: () => void;
}

function ChecklistModal({ path, overview, onClose, onSaved }: ModalProps) {
  const [form] = Form.useForm<{ items: { key?: string; label: string }[] }>();
  const onError = useApiErrorHandler();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return; // the form shows what is missing under each field
    setSaving(true);
    try {
      await api.put(`${path}/checklist`, { items: values.items.map((i) => ({ ...(i.key ? { key: i.key } : {}), label: i.label })) });
      onSaved();
      onClose();
    } catch (e) {
      onError(e, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title="编辑核查清单" width={640} okText="保存" cancelText="取消" onOk={save} confirmLoading={saving} onCancel={onClose}>
      <Form form={form} initialValues={{ items: overview.checklist }} layout="vertical">
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'key']} hidden><Input /></Form.Item>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, whitespace: true, message: '请填写核查事项' }]} style={{ width: 520, marginBottom: 8 }}>
                    <Input aria-label={`核查事项${i + 1}`} placeholder="核查事项" maxLength={100} />
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(f.name)} disabled={fields.length <= 1}>删除</Button>
                </Space>
              ))}
              <Button type="dashed" block onClick={() => add({ label: '' })}>增加一项</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function SelectionModal({ path, overview, onClose, onSaved }: ModalProps) {
  const [form] = Form.useForm<{ topN: number | null; reason: string }>();
  const onError = useApiErrorHandler();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return; // the form shows what is missing under each field
    setSaving(true);
    try {
      await api.put(`${path}/selection`, { topN: values.topN ?? null, reason: values.reason ?? '' });
      onSaved();
      onClose();
    } catch (e) {
      onError(e, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title="调整核查范围" okText="保存" cancelText="取消" onOk={save} confirmLoading={saving} onCancel={onClose}>
      <Form form={form} layout="vertical" initialValues={{ topN: overview.topN, reason: overview.selectionReason }}>
        <Form.Item name="topN" label="只核查排名前 N 名（留空：全部在评申报书）">
          <InputNumber aria-label="核查前 N 名" min={1} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item noStyle dependencies={['topN']}>
          {({ getFieldValue }) => (
            <Form.Item name="reason" label="理由" rules={[{ required: getFieldValue('topN') != null, whitespace: true, message: '请说明只核查前若干名的理由' }]}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
