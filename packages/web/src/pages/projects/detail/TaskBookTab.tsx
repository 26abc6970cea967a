/**
 * 任务书: the version in force or being prepared, readable in full; every version with its status and signatures;
 * a version beside its predecessor; the officer's draft editor and 提交签署; 签署 for the parties the signed-in
 * user may sign for (the content hash they saw goes with the signature); the PDF of any version.
 */
import { FilePdfOutlined } from '@ant-design/icons';
import { compareTaskBooks, formatShanghai, TASK_BOOK_KIND_LABELS, TASK_BOOK_PARTY_LABELS, TASK_BOOK_STATUS_LABELS, type TaskBookComparisonRow, type TaskBookOverview, type TaskBookParty, type TaskBookVersionView } from '@kechuang/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { ApiError } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { ProjectTabProps } from './tabs';
import { TaskBookContentView } from './TaskBookContentView';
import { TaskBookEditor } from './TaskBookEditor';

const STATUS_COLOR = { draft: 'default', signing: 'blue', signed: 'green', superseded: 'default' } as const;
const CHANGE_LABEL = { changed: ['orange', '修改'], added: ['green', '新增'], removed: ['red', '删除'] } as const;

export function TaskBookTab({ project, refresh }: ProjectTabProps) {
  const key = ['projects', project.id, 'task-book'];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<TaskBookOverview>(`/projects/${project.id}/task-book/versions`) });
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const onError = useApiErrorHandler();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [comparing, setComparing] = useState<TaskBookVersionView | null>(null);
  const [refused, setRefused] = useState<ApiError | null>(null);
  const [department, setDepartment] = useState<TaskBookVersionView | null>(null);
  const [busy, setBusy] = useState(false);

  if (q.isLoading) return <Spin />;
  const o = q.data;
  if (!o || o.versions.length === 0) return <Empty description="尚无任务书" />;
  const versions = o.versions;
  const v = versions.find((x) => x.id === selected) ?? versions[versions.length - 1]!;
  const previous = (x: TaskBookVersionView) => versions.filter((y) => y.versionNo < x.versionNo && y.status !== 'draft').at(-1) ?? null;
  const update = (next: TaskBookOverview) => {
    client.setQueryData(key, next);
    refresh();
  };
  const act = async (work: () => Promise<TaskBookOverview>, done: string) => {
    setBusy(true);
    try {
      update(await work());
      void message.success(done);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'TASK_BOOK_CHECK_FAILED') setRefused(e);
      else onError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const freeze = () => modal.confirm({
    title: `提交签署任务书第${v.versionNo}版？`,
    content: '提交后内容冻结，各方按此内容签署；此后只能通过项目变更生成补充任务书。',
    okText: '提交签署',
    onOk: async () => {
      setRefused(null);
      await act(() => api.post<TaskBookOverview>(`/projects/${project.id}/task-book/versions/${v.id}/freeze`), '已提交签署，内容已冻结');
    },
  });
  const sign = (party: TaskBookParty) => {
    if (party === 'department') return setDepartment(v);
    modal.confirm({
      title: `以${TASK_BOOK_PARTY_LABELS[party]}签署任务书第${v.versionNo}版`,
      content: <><p>您签署的是以下内容摘要（SHA-256）所对应的任务书，签署后不可撤回：</p><code style={{ wordBreak: 'break-all' }}>{v.contentHash}</code></>,
      okText: '确认签署',
      onOk: () => act(() => api.post<TaskBookOverview>(`/projects/${project.id}/task-book/versions/${v.id}/sign`, { party, contentHash: v.contentHash }), '已签署'),
    });
  };
  const pdf = (x: TaskBookVersionView) => void api.download(`/projects/${project.id}/task-book/versions/${x.id}/pdf`, undefined, `任务书-第${x.versionNo}版.pdf`).catch(onError);

  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}
        title={<Space wrap><span>{TASK_BOOK_KIND_LABELS[v.kind]}第{v.versionNo}版</span><Tag color={STATUS_COLOR[v.status]}>{TASK_BOOK_STATUS_LABELS[v.status]}</Tag>{o.inForceId === v.id && <Tag color="green">现行</Tag>}</Space>}
        extra={
          <Space wrap>
            {v.actions.edit && <Button onClick={() => setEditing(true)}>编辑草稿</Button>}
            {v.actions.edit && <Button type="primary" loading={busy} onClick={freeze}>提交签署</Button>}
            {v.actions.sign.map((p) => <Button key={p} type="primary" loading={busy} onClick={() => sign(p)}>{p === 'department' ? '登记主管部门签署' : `签署（${TASK_BOOK_PARTY_LABELS[p]}）`}</Button>)}
            {previous(v) && <Button onClick={() => setComparing(v)}>与上一版对照</Button>}
            <Button icon={<FilePdfOutlined />} onClick={() => pdf(v)}>下载 PDF</Button>
          </Space>
        }>
        <Typography.Text type="secondary">内容摘要（SHA-256）：<code>{v.contentHash}</code></Typography.Text>
        {v.status === 'signing' && (
          <Alert type="info" showIcon style={{ marginTop: 8 }} title={`待签署：${v.requiredParties.filter((p) => !v.signatures.some((s) => s.party === p)).map((p) => TASK_BOOK_PARTY_LABELS[p]).join('、')}`} />
        )}
        {(v.status === 'draft' || v.status === 'signing') && v.problems.length === 0 && v.baseline && (
          <Alert type="success" showIcon style={{ marginTop: 8 }} title={`已与${v.baseline === 'application' ? '申报书' : '现行任务书'}逐项核对：指标未降低、内容未缩减、财政经费与立项金额及市区分担一致、实施期不超过 5 年。`} />
        )}
        {v.problems.length > 0 && <Alert type="error" showIcon style={{ marginTop: 8 }} title={`核对发现 ${v.problems.length} 处问题，解决后才能提交签署`} description={<ul style={{ margin: 0, paddingLeft: 20 }}>{v.problems.map((p) => <li key={`${p.field}${p.message}`}>{p.message}</li>)}</ul>} />}
        {refused && <Alert type="error" showIcon closable onClose={() => setRefused(null)} style={{ marginTop: 8 }} title={refused.title} description={<ul style={{ margin: 0, paddingLeft: 20 }}>{refused.errors.map((e) => <li key={`${e.field}${e.message}`}>{e.message}</li>)}</ul>} />}
      </Card>

      <TaskBookContentView content={v.content} problems={v.problems} />

      <Card size="small" title="版本与签署" style={{ marginBottom: 12 }}>
        <Table<TaskBookVersionView> size="small" rowKey="id" pagination={false} dataSource={[...versions].reverse()}
          rowClassName={(x) => (x.id === v.id ? 'ant-table-row-selected' : '')}
          columns={[
            { title: '版本', dataIndex: 'versionNo', width: 70, render: (n: number) => `第${n}版` },
            { title: '类型', dataIndex: 'kind', width: 100, render: (k: TaskBookVersionView['kind']) => TASK_BOOK_KIND_LABELS[k] },
            { title: '状态', dataIndex: 'status', width: 150, render: (s: TaskBookVersionView['status']) => <Tag color={STATUS_COLOR[s]}>{TASK_BOOK_STATUS_LABELS[s]}</Tag> },
            { title: '签署', render: (_, x) => x.requiredParties.map((p) => {
              const s = x.signatures.find((y) => y.party === p);
              return <div key={p}>{TASK_BOOK_PARTY_LABELS[p]}：{s ? `${s.signerName}${s.recordedByName ? `（${s.recordedByName}登记）` : ''} ${formatShanghai(s.signedAt)}` : <Typography.Text type="secondary">未签署</Typography.Text>}</div>;
            }) },
            { title: '生效时间', dataIndex: 'signedAt', width: 170, render: (s: string | null) => (s ? formatShanghai(s) : '—') },
            { title: '操作', width: 200, render: (_, x) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setSelected(x.id)}>查看</Button>
                {previous(x) && <Button type="link" size="small" onClick={() => setComparing(x)}>对照</Button>}
                <Button type="link" size="small" onClick={() => pdf(x)}>PDF</Button>
              </Space>
            ) },
          ]} />
      </Card>

      {v.actions.edit && <TaskBookEditor projectId={project.id} version={v} open={editing} onClose={() => setEditing(false)} onSaved={update} />}
      {comparing && <Comparison version={comparing} previous={previous(comparing)!} onClose={() => setComparing(null)} />}
      {department && <DepartmentSignature version={department} onClose={() => setDepartment(null)} onSign={(signerName) => act(() => api.post<TaskBookOverview>(`/projects/${project.id}/task-book/versions/${department.id}/sign`, { party: 'department', contentHash: department.contentHash, signerName }), '已登记主管部门签署').then((ok) => ok && setDepartment(null))} />}
    </>
  );
}

function Comparison({ version, previous, onClose }: { version: TaskBookVersionView; previous: TaskBookVersionView; onClose: () => void }) {
  const rows = compareTaskBooks(previous.content, version.content);
  const [onlyChanges, setOnlyChanges] = useState(true);
  const shown = onlyChanges ? rows.filter((r) => r.change !== 'same') : rows;
  const cell = (t: string | null) => (t === null ? <Typography.Text type="secondary">（无）</Typography.Text> : <span style={{ whiteSpace: 'pre-wrap' }}>{t}</span>);
  return (
    <Modal open width={1100} onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} title={`第${version.versionNo}版与第${previous.versionNo}版对照`}>
      <Space style={{ marginBottom: 8 }}>
        <Button size="small" type={onlyChanges ? 'primary' : 'default'} onClick={() => setOnlyChanges(true)}>只看变化（{rows.filter((r) => r.change !== 'same').length}）</Button>
        <Button size="small" type={onlyChanges ? 'default' : 'primary'} onClick={() => setOnlyChanges(false)}>全部内容</Button>
      </Space>
      <Table<TaskBookComparisonRow> size="small" rowKey="key" pagination={false} dataSource={shown} scroll={{ y: 480 }} columns={[
        { title: '部分', dataIndex: 'group', width: 110 },
        { title: '项目', dataIndex: 'label', width: 160, render: (l: string, r) => <Space direction="vertical" size={0}>{l}{r.change !== 'same' && <Tag color={CHANGE_LABEL[r.change][0]}>{CHANGE_LABEL[r.change][1]}</Tag>}</Space> },
        { title: `第${previous.versionNo}版（${TASK_BOOK_STATUS_LABELS[previous.status]}）`, dataIndex: 'before', render: cell },
        { title: `第${version.versionNo}版（${TASK_BOOK_STATUS_LABELS[version.status]}）`, dataIndex: 'after', render: (t: string | null, r) => <div style={r.change === 'same' ? undefined : { background: '#fff7e6' }}>{cell(t)}</div> },
      ]} />
    </Modal>
  );
}

function DepartmentSignature({ version, onClose, onSign }: { version: TaskBookVersionView; onClose: () => void; onSign: (signerName: string) => Promise<unknown> }) {
  const [form] = Form.useForm<{ signerName: string }>();
  return (
    <Modal open title={`登记主管部门（${version.content.parties.department}）签署`} okText="登记签署" onCancel={onClose} onOk={async () => onSign((await form.validateFields()).signerName)}>
      <p>主管部门在纸质任务书上签署后，由经办人代为登记。签署的内容摘要：</p>
      <code style={{ wordBreak: 'break-all' }}>{version.contentHash}</code>
      <Form form={form} layout="vertical" style={{ marginTop: 12 }}>
        <Form.Item name="signerName" label="主管部门签署人姓名" rules={[{ required: true, whitespace: true, message: '请填写签署人姓名' }, { max: 50 }]}><Input /></Form.Item>
      </Form>
    </Modal>
  );
}
