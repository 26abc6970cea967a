/**
 * One annual progress report: the undertaker's form (inside its window only; indicators against the task book in
 * force, spending in 万元 sent as integer 元), or the submitted report read-only with the officer's actions —
 * accept, return with reasons and a new date, reopen a locked one with a reason and a new date.
 */
import { ModalForm, ProFormDatePicker, ProFormTextArea } from '@ant-design/pro-components';
import { type ProjectReportDetail, type ReportDraft } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Popconfirm, Space, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { formatDateTime } from '../../../lib/time';
import { WanInput, wanRules, wanText, wanValueToYuan, yuanToWanValue } from '../../../lib/wan';
import { LateDays, ReportStateTag } from './report-labels';

const SOURCES = [
  ['fiscalCityYuan', '市级财政资金'],
  ['fiscalDistrictYuan', '区级财政资金'],
  ['selfRaisedYuan', '自筹资金'],
  ['otherYuan', '其他资金'],
] as const;

type SpendingKey = (typeof SOURCES)[number][0];
type FormValues = Omit<ReportDraft, 'spending'> & { spending: Partial<Record<SpendingKey, string>> };

const toForm = (c: ReportDraft): FormValues => ({ ...c, spending: Object.fromEntries(SOURCES.map(([k]) => [k, yuanToWanValue(c.spending[k])])) });
const toDraft = (v: FormValues): ReportDraft => ({
  progress: v.progress ?? '',
  indicators: (v.indicators ?? []).map((i) => ({ ...i, currentValue: i.currentValue ?? '', note: i.note ?? '' })),
  milestones: (v.milestones ?? []).map((m) => ({ ...m, reached: m.reached ?? false, note: m.note ?? '' })),
  spending: Object.fromEntries(SOURCES.flatMap(([k]) => { const y = wanValueToYuan(v.spending?.[k]); return y === undefined ? [] : [[k, y]]; })),
  problems: v.problems ?? '',
  nextSteps: v.nextSteps ?? '',
});
/** Server paths are `content.<field>`; the form's fields are the content's. */
const mapField = (f: string) => f.replace(/^content\./, '');

export function ReportPanel({ projectId, reportId, onChanged }: { projectId: string; reportId: string; onChanged: () => void }) {
  const url = `/projects/${projectId}/reports/${reportId}`;
  const q = useQuery({ queryKey: ['projects', projectId, 'reports', reportId], queryFn: () => api.get<ProjectReportDetail>(url) });
  if (q.isLoading) return <Spin />;
  if (!q.data) return null;
  const d = q.data;
  const done = (next: ProjectReportDetail) => {
    q.refetch().catch(() => undefined);
    onChanged();
    return next;
  };
  const editable = d.actions.includes('submit');
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={<Space>{`第${d.periodNo}年度进展报告（${d.periodStart} 至 ${d.periodEnd}）`}<ReportStateTag state={d.state} /></Space>}
      extra={<OfficerActions detail={d} url={url} onDone={done} />}
    >
      <Descriptions size="small" column={4} style={{ marginBottom: 12 }} items={[
        { key: 'window', label: '填报窗口', children: `${d.opensOn} 至 ${d.closesOn}` },
        { key: 'due', label: '截止日', children: d.dueDate },
        { key: 'late', label: '逾期', children: <LateDays days={d.lateDays} /> },
        { key: 'submitted', label: '提交时间', children: d.submittedAt ? formatDateTime(d.submittedAt) : '—' },
      ]} />
      {d.decisionNote && (d.state === 'returned' || d.state === 'reopened' || d.state === 'accepted') && (
        <Alert type={d.state === 'accepted' ? 'success' : 'warning'} showIcon style={{ marginBottom: 12 }} title={d.state === 'returned' ? '退回理由' : d.state === 'reopened' ? '重新开放的理由' : '审核意见'} description={<Typography.Paragraph style={{ whiteSpace: 'pre-line', marginBottom: 0 }}>{d.decisionNote}</Typography.Paragraph>} />
      )}
      {!editable && d.windowRefusal && d.state !== 'submitted' && d.state !== 'accepted' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={d.windowRefusal} />}
      {editable ? <ReportForm detail={d} url={url} onDone={done} /> : <ReportView detail={d} />}
    </Card>
  );
}

function ReportForm({ detail: d, url, onDone }: { detail: ProjectReportDetail; url: string; onDone: (d: ProjectReportDetail) => void }) {
  const [form] = Form.useForm<FormValues>();
  const onError = useApiErrorHandler();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const baseline = new Map((d.taskBook?.indicators ?? []).map((i) => [i.name, i.currentValue]));
  const send = async (kind: 'save' | 'submit') => {
    setBusy(kind);
    try {
      if (kind === 'submit') await form.validateFields();
      const content = toDraft(form.getFieldsValue(true) as FormValues);
      const next = kind === 'save' ? await api.put<ProjectReportDetail>(url, { content }) : await api.post<ProjectReportDetail>(`${url}/submit`, { content });
      void message.success(kind === 'save' ? '草稿已保存' : '报告已提交，等待经办人审核');
      onDone(next);
    } catch (error) {
      if (error && typeof error === 'object' && 'errorFields' in error) return;
      onError(error, form, { mapField });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Form<FormValues> form={form} layout="vertical" initialValues={toForm(d.content)} requiredMark>
      <Form.Item name="progress" label="年度进展情况" rules={[{ required: true, whitespace: true, message: '请填写年度进展情况' }]}>
        <Input.TextArea rows={4} maxLength={5000} showCount placeholder="本报告年度完成的研究开发、试制、应用等工作" />
      </Form.Item>
      <Typography.Title level={5}>指标完成情况（对照任务书{d.taskBook ? `第${d.taskBook.versionNo}版` : ''}）</Typography.Title>
      <Form.List name="indicators">
        {(fields) => (
          <Table
            size="small"
            pagination={false}
            style={{ marginBottom: 16 }}
            rowKey="key"
            dataSource={fields}
            columns={[
              { title: '指标', key: 'name', render: (_, f) => d.content.indicators[f.name]?.name },
              { title: '立项时', key: 'base', width: 110, render: (_, f) => `${baseline.get(d.content.indicators[f.name]?.name ?? '') ?? '—'}` },
              { title: '目标值', key: 'target', width: 140, render: (_, f) => `${d.content.indicators[f.name]?.targetValue ?? ''} ${d.content.indicators[f.name]?.unit ?? ''}` },
              {
                title: '当前值',
                key: 'current',
                width: 160,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'currentValue']} rules={[{ required: true, whitespace: true, message: '请填写当前值' }]} style={{ marginBottom: 0 }}>
                    <Input aria-label={`${d.content.indicators[f.name]?.name ?? ''} 当前值`} suffix={d.content.indicators[f.name]?.unit} maxLength={100} />
                  </Form.Item>
                ),
              },
              { title: '说明', key: 'note', render: (_, f) => <Form.Item name={[f.name, 'note']} style={{ marginBottom: 0 }}><Input aria-label={`${d.content.indicators[f.name]?.name ?? ''} 说明`} maxLength={500} /></Form.Item> },
            ]}
          />
        )}
      </Form.List>
      {d.content.milestones.length > 0 && (
        <>
          <Typography.Title level={5}>里程碑（任务书中截至本报告期末的节点）</Typography.Title>
          <Form.List name="milestones">
            {(fields) => (
              <Table
                size="small"
                pagination={false}
                style={{ marginBottom: 16 }}
                rowKey="key"
                dataSource={fields}
                columns={[
                  { title: '节点日期', key: 'date', width: 110, render: (_, f) => d.content.milestones[f.name]?.date },
                  { title: '节点内容', key: 'desc', render: (_, f) => d.content.milestones[f.name]?.description },
                  { title: '完成', key: 'reached', width: 80, render: (_, f) => <Form.Item name={[f.name, 'reached']} valuePropName="checked" style={{ marginBottom: 0 }}><Checkbox aria-label={`${d.content.milestones[f.name]?.description ?? ''} 已完成`}>已完成</Checkbox></Form.Item> },
                  { title: '说明', key: 'note', render: (_, f) => <Form.Item name={[f.name, 'note']} style={{ marginBottom: 0 }}><Input aria-label={`${d.content.milestones[f.name]?.description ?? ''} 说明`} maxLength={500} /></Form.Item> },
                ]}
              />
            )}
          </Form.List>
        </>
      )}
      <Typography.Title level={5}>经费累计支出（万元）</Typography.Title>
      <Typography.Paragraph type="secondary">截至目前已拨付财政资金 {wanText(d.netPaidYuan)}；财政资金累计支出不能超过已拨付金额。</Typography.Paragraph>
      <Space size="middle" wrap style={{ marginBottom: 8 }}>
        {SOURCES.map(([k, label]) => (
          <Form.Item key={k} name={['spending', k]} label={label} rules={wanRules(label, { required: `请填写${label}支出（无则填0）` })} style={{ width: 200 }}>
            <WanInput aria-label={`${label}支出（万元）`} />
          </Form.Item>
        ))}
      </Space>
      <Form.Item name="problems" label="存在的问题">
        <Input.TextArea rows={3} maxLength={3000} showCount />
      </Form.Item>
      <Form.Item name="nextSteps" label="下一步工作计划" rules={[{ required: true, whitespace: true, message: '请填写下一步工作计划' }]}>
        <Input.TextArea rows={3} maxLength={3000} showCount />
      </Form.Item>
      <Space>
        <Button onClick={() => void send('save')} loading={busy === 'save'} disabled={busy !== null}>保存草稿</Button>
        <Button type="primary" onClick={() => void send('submit')} loading={busy === 'submit'} disabled={busy !== null}>提交报告</Button>
        <Typography.Text type="secondary">请于 {d.closesOn} 前提交</Typography.Text>
      </Space>
    </Form>
  );
}

function ReportView({ detail: d }: { detail: ProjectReportDetail }) {
  const c = d.content;
  if (!d.submittedAt) return null;
  return (
    <>
      <Descriptions size="small" column={1} bordered items={[
        { key: 'progress', label: '年度进展情况', children: <span style={{ whiteSpace: 'pre-line' }}>{c.progress || '—'}</span> },
        { key: 'problems', label: '存在的问题', children: <span style={{ whiteSpace: 'pre-line' }}>{c.problems || '—'}</span> },
        { key: 'next', label: '下一步工作计划', children: <span style={{ whiteSpace: 'pre-line' }}>{c.nextSteps || '—'}</span> },
        { key: 'spending', label: '经费累计支出', children: SOURCES.map(([k, label]) => `${label} ${wanText(c.spending[k] ?? null)}`).join('；') },
      ]} />
      <Table size="small" pagination={false} style={{ marginTop: 12 }} rowKey="name" dataSource={c.indicators} columns={[
        { title: '指标', dataIndex: 'name' },
        { title: '目标值', key: 'target', render: (_, i) => `${i.targetValue} ${i.unit}` },
        { title: '当前值', key: 'current', render: (_, i) => (i.currentValue ? `${i.currentValue} ${i.unit}` : '—') },
        { title: '说明', dataIndex: 'note' },
      ]} />
      {c.milestones.length > 0 && (
        <Table size="small" pagination={false} style={{ marginTop: 12 }} rowKey={(m) => `${m.date}${m.description}`} dataSource={c.milestones} columns={[
          { title: '节点日期', dataIndex: 'date', width: 110 },
          { title: '节点内容', dataIndex: 'description' },
          { title: '完成', key: 'reached', width: 80, render: (_, m) => (m.reached ? '已完成' : '未完成') },
          { title: '说明', dataIndex: 'note' },
        ]} />
      )}
    </>
  );
}

function OfficerActions({ detail: d, url, onDone }: { detail: ProjectReportDetail; url: string; onDone: (d: ProjectReportDetail) => void }) {
  const onError = useApiErrorHandler();
  const { message } = App.useApp();
  const [modal, setModal] = useState<'return' | 'reopen' | null>(null);
  const [form] = Form.useForm();
  if (d.actions.every((a) => a === 'submit')) return null;
  const act = async (path: string, body: unknown, done: string) => {
    try {
      onDone(await api.post<ProjectReportDetail>(`${url}/${path}`, body));
      void message.success(done);
      return true;
    } catch (error) {
      onError(error, form);
      return false;
    }
  };
  return (
    <Space>
      {d.actions.includes('accept') && (
        <Popconfirm title="审核通过后报告内容不可更改，确认通过？" okText="通过" cancelText="取消" onConfirm={() => act('accept', {}, '报告已审核通过')}>
          <Button type="primary">审核通过</Button>
        </Popconfirm>
      )}
      {d.actions.includes('return') && <Button danger onClick={() => setModal('return')}>退回修改</Button>}
      {d.actions.includes('reopen') && <Button type="primary" onClick={() => setModal('reopen')}>重新开放</Button>}
      <ModalForm
        title={modal === 'return' ? '退回进展报告' : '重新开放逾期报告'}
        form={form}
        open={modal !== null}
        modalProps={{ destroyOnHidden: true, onCancel: () => setModal(null) }}
        onFinish={async (v: { reasons?: string; reason?: string; closesOn: string }) => {
          const ok = modal === 'return'
            ? await act('return', { reasons: (v.reasons ?? '').split('\n').map((s) => s.trim()).filter(Boolean), closesOn: v.closesOn }, '报告已退回，已通知承担单位')
            : await act('reopen', { reason: v.reason ?? '', closesOn: v.closesOn }, '报告已重新开放，已通知承担单位');
          if (ok) setModal(null);
          return ok;
        }}
      >
        <ProFormTextArea
          name={modal === 'return' ? 'reasons' : 'reason'}
          label={modal === 'return' ? '退回理由（每行一条）' : '重新开放的理由'}
          fieldProps={{ maxLength: 1000, showCount: true, rows: 4 }}
          rules={[{ required: true, whitespace: true, message: modal === 'return' ? '请至少填写一条退回理由' : '请填写重新开放的理由' }]}
        />
        <ProFormDatePicker name="closesOn" label="新的截止日期" rules={[{ required: true, message: '请选择新的截止日期' }]} fieldProps={{ format: 'YYYY-MM-DD' }} />
      </ModalForm>
    </Space>
  );
}
