/**
 * 科研诚信: the research-integrity records (科研失信) the bureau keeps — list with filters, exact search by ID number or
 * credit code, Excel export; the officer records, amends, handles appeals, revokes and attaches the decision document.
 * ID numbers are shown masked to everyone.
 */
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { ModalForm, PageContainer, ProFormTextArea, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import {
  INTEGRITY_APPEAL_ACTION_LABELS,
  INTEGRITY_APPEAL_LABELS,
  INTEGRITY_BEHAVIOUR_GROUPS,
  INTEGRITY_RECORD_STATUS_LABELS,
  INTEGRITY_SEVERITY_LABELS,
  INTEGRITY_SUBJECT_LABELS,
  checkFileType,
  FILE_KINDS,
  SNIFF_BYTES,
  type IntegrityAppealAction,
  type IntegrityRecordStatus,
  type IntegrityRecordView,
} from '@kechuang/domain';
import { App, Button, Space, Tag, Tooltip, Typography, Upload } from 'antd';
import { useRef } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { useCan } from '../../../app/session';
import { useServerTable } from '../../../lib/use-server-table';
import { uploadFile } from '../../monitoring/shared/api';
import { IntegrityRecordDrawer } from './IntegrityRecordDrawer';

const enumOf = (labels: Record<string, string>) => Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, { text: v }]));
const STATUS_COLORS: Record<IntegrityRecordStatus, string> = { inForce: 'red', notStarted: 'orange', expired: 'default', overturned: 'green', revoked: 'default' };
const BEHAVIOURS = Object.fromEntries(INTEGRITY_BEHAVIOUR_GROUPS.flatMap((g) => g.behaviours.map((b) => [b.code, { text: b.name }])));
const SORTABLE = ['decisionDate', 'banUntil', 'createdAt'] as const;

export function IntegrityStatusTag({ r }: { r: IntegrityRecordView }) {
  return <Tag color={STATUS_COLORS[r.status]}>{INTEGRITY_RECORD_STATUS_LABELS[r.status]}</Tag>;
}

function NoteAction({ title, label, field, onSubmit, danger }: { title: string; label: string; field: string; onSubmit: (text: string) => Promise<void>; danger?: boolean }) {
  return (
    <ModalForm<{ text: string }>
      title={title}
      width={480}
      modalProps={{ destroyOnHidden: true }}
      trigger={<Button type="link" size="small" danger={!!danger} style={{ padding: 0 }}>{label}</Button>}
      submitter={{ searchConfig: { submitText: '确定', resetText: '取消' } }}
      onFinish={async ({ text }) => {
        await onSubmit(text);
        return true;
      }}
    >
      <ProFormTextArea name="text" label={field} rules={[{ required: true, message: `请填写${field}` }]} fieldProps={{ maxLength: 1000, autoSize: { minRows: 3, maxRows: 6 } }} />
    </ModalForm>
  );
}

export default function IntegrityPage() {
  const ref = useRef<ActionType>(null);
  const table = useServerTable<IntegrityRecordView>({ path: '/integrity/records', sortable: SORTABLE, defaultSort: '-decisionDate', exportPath: '/integrity/records/export.xlsx', exportName: '科研失信记录.xlsx' });
  const canManage = useCan('integrity.manage');
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const reload = () => void ref.current?.reload();
  const act = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
      void message.success(what);
      reload();
    } catch (error) {
      onError(error);
      throw error;
    }
  };

  const columns: ProColumns<IntegrityRecordView>[] = [
    { title: '关键词', dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: '名称、文号或行为' } },
    { title: '证件号码', dataIndex: 'idNumber', hideInTable: true, tooltip: '按身份证号码或统一社会信用代码精确查找', fieldProps: { placeholder: '完整的18位号码' } },
    {
      title: '失信主体',
      dataIndex: 'subjectKind',
      valueType: 'select',
      valueEnum: enumOf(INTEGRITY_SUBJECT_LABELS),
      width: 170,
      fieldProps: { 'aria-label': '主体类型' },
      render: (_, r) => (
        <>
          <div>
            <Tag>{INTEGRITY_SUBJECT_LABELS[r.subjectKind]}</Tag>
            {r.subjectName}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.subjectKeyShown}</Typography.Text>
        </>
      ),
    },
    {
      title: '失信行为',
      dataIndex: 'behaviourCode',
      valueType: 'select',
      valueEnum: BEHAVIOURS,
      fieldProps: { 'aria-label': '失信行为' },
      render: (_, r) => (
        <>
          <div>{r.behaviour}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{INTEGRITY_SEVERITY_LABELS[r.severity]}：{r.measure}</Typography.Text>
        </>
      ),
    },
    { title: '严重程度', dataIndex: 'severity', valueType: 'select', valueEnum: enumOf(INTEGRITY_SEVERITY_LABELS), hideInTable: true, fieldProps: { 'aria-label': '严重程度' } },
    { title: '申诉状态', dataIndex: 'appealStatus', valueType: 'select', valueEnum: enumOf(INTEGRITY_APPEAL_LABELS), hideInTable: true, fieldProps: { 'aria-label': '申诉状态' } },
    { title: '处理决定', dataIndex: 'decisionDate', search: false, width: 140, sorter: true, defaultSortOrder: 'descend', render: (_, r) => (<><div>{r.decisionNo}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.decisionDate}</Typography.Text></>) },
    {
      title: '限制至',
      dataIndex: 'banUntil',
      search: false,
      width: 104,
      sorter: true,
      render: (_, r) => (r.banOverrideReason ? <Tooltip title={`默认 ${r.defaultBanUntil}；调整理由：${r.banOverrideReason}`}><span>{r.banUntil}<Typography.Text type="warning">*</Typography.Text></span></Tooltip> : r.banUntil),
    },
    {
      title: '状态',
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: enumOf(INTEGRITY_RECORD_STATUS_LABELS),
      width: 112,
      fieldProps: { 'aria-label': '状态' },
      render: (_, r) => (
        <>
          <IntegrityStatusTag r={r} />
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{INTEGRITY_APPEAL_LABELS[r.appealStatus]}</Typography.Text></div>
        </>
      ),
    },
    {
      title: '操作',
      valueType: 'option',
      width: 150,
      render: (_, r) => (
        <Space size={8} wrap>
          {r.document && <Typography.Link href={`/api/integrity/records/${r.id}/document`}>决定书</Typography.Link>}
          {r.actions.includes('edit') && <IntegrityRecordDrawer record={r} onSaved={reload} trigger={<Button type="link" size="small" style={{ padding: 0 }}>修改</Button>} />}
          {(['file', 'uphold', 'overturn'] as IntegrityAppealAction[]).filter((a) => r.actions.includes(a)).map((a) => (
            <NoteAction key={a} title={`${INTEGRITY_APPEAL_ACTION_LABELS[a]}：${r.subjectName}`} label={INTEGRITY_APPEAL_ACTION_LABELS[a].replace(/（.*）/, '')} field="办理说明" onSubmit={(note) => act('已办理申诉', () => api.post(`/integrity/records/${r.id}/appeal`, { action: a, note }))} />
          ))}
          {r.actions.includes('upload') && (
            <Upload
              accept="application/pdf"
              showUploadList={false}
              beforeUpload={async (file) => {
                const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
                const verdict = checkFileType(file.name, head, [FILE_KINDS.pdf]);
                if (!verdict.ok) {
                  void message.error(`“${file.name}”：${verdict.message}`);
                  return Upload.LIST_IGNORE;
                }
                return true;
              }}
              customRequest={async ({ file, onSuccess, onError: fail }) => {
                try {
                  onSuccess?.(await uploadFile(`/integrity/records/${r.id}/document`, file as File));
                  void message.success('已上传处理决定书');
                  reload();
                } catch (e) {
                  fail?.(e as Error);
                  onError(e);
                }
              }}
            >
              <Button type="link" size="small" icon={<UploadOutlined />} style={{ padding: 0 }}>{r.document ? '换决定书' : '传决定书'}</Button>
            </Upload>
          )}
          {r.actions.includes('revoke') && <NoteAction danger title={`撤销记录：${r.subjectName}`} label="撤销" field="撤销理由" onSubmit={(reason) => act('已撤销该记录', () => api.post(`/integrity/records/${r.id}/revoke`, { reason }))} />}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title="科研诚信" breadcrumbRender={false} content="科研失信记录：限制期内，记录所涉个人、单位或评审专家不能提交、推荐、受理申报，不能被抽取为评审专家，项目不能拨付；被阻止的操作会写明是哪一条记录。身份证号码一律脱敏显示。">
      <ProTable<IntegrityRecordView>
        rowKey="id"
        actionRef={ref}
        cardBordered
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ density: true, reload: true, setting: true }}
        request={table.request}
        toolBarRender={() => [
          canManage && <IntegrityRecordDrawer key="new" onSaved={reload} trigger={<Button type="primary" icon={<PlusOutlined />}>登记失信记录</Button>} />,
          table.exportButton,
        ]}
      />
    </PageContainer>
  );
}
