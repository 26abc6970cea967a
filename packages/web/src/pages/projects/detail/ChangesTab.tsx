/**
 * 项目变更: the table of change types (approval or filing, who approves, by when) under this project's settings,
 * the request form per type, every request with its status, and the approver's decision with reasons.
 */
import {
  BUDGET_SOURCE_LABELS, BUDGET_SUBJECT_LABELS, CHANGE_STATUS_LABELS, CHANGE_TYPE_LABELS, formatWan,
  type ChangeAction, type ChangeStatus, type ChangeType, type ChangeTypeView, type ChangeView, type ProjectChanges,
} from '@kechuang/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { useCan } from '../../../app/session';
import { formatDateTime } from '../../../lib/time';
import { ChangeRequestModal } from './ChangeRequestModal';
import type { ProjectTabProps } from './tabs';

const STATUS_COLOURS: Record<ChangeStatus, string> = { submitted: 'processing', filed: 'cyan', approved: 'success', rejected: 'error', withdrawn: 'default' };
const APPROVER_SHORT: Record<ChangeView['approver'], string> = { bureau: '科技局审批', unit: '单位审批', none: '备案' };
const ACTION_LABELS: Record<ChangeAction, string> = { approve: '批准', reject: '不批准', withdraw: '撤回' };

/** One line saying what the request asks for. */
export function changeSummary(c: Pick<ChangeView, 'type' | 'payload'>): string {
  const p = c.payload as Record<string, unknown>;
  switch (c.type as ChangeType) {
    case 'extension': return `延期 ${String(p.months)} 个月`;
    case 'leader': return `负责人改为 ${String(p.name)}${p.title ? `（${String(p.title)}）` : ''}`;
    case 'undertaker': return `承担单位改为 ${String(p.name ?? p.creditCode)}（${String(p.creditCode)}）`;
    case 'indicators': return `考核指标调整为 ${(p.indicators as unknown[]).length} 项`;
    case 'content': return [p.researchContent ? '研究内容' : '', p.technicalRoute ? '技术路线' : '', p.indicators ? '考核指标' : ''].filter(Boolean).join('、') + `调整；研究方向${p.directionUnchanged ? '不变' : '改变'}`;
    case 'budgetSubjects': return (p.transfers as { from: string; to: string; source: string; amountYuan: number }[])
      .map((t) => `${BUDGET_SUBJECT_LABELS[t.from as keyof typeof BUDGET_SUBJECT_LABELS]} → ${BUDGET_SUBJECT_LABELS[t.to as keyof typeof BUDGET_SUBJECT_LABELS]}（${BUDGET_SOURCE_LABELS[t.source as keyof typeof BUDGET_SOURCE_LABELS]}）${formatWan(t.amountYuan)}`).join('；');
    case 'budgetPartners': return (p.shares as { creditCode: string; budgetSharePercent: number }[]).map((s) => `${s.creditCode} ${s.budgetSharePercent}%`).join('；');
    case 'budgetTotal': return `预算调整为 ${(p.lines as unknown[]).length} 个科目（财政经费不变）`;
  }
}

export function ChangesTab({ project, refresh }: ProjectTabProps) {
  const key = ['projects', project.id, 'changes'];
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const canUndertake = useCan('project.undertake');
  const q = useQuery({ queryKey: key, queryFn: () => api.get<ProjectChanges>(`/projects/${project.id}/changes`) });
  const [requesting, setRequesting] = useState<ChangeTypeView | null>(null);
  const [deciding, setDeciding] = useState<{ change: ChangeView; action: ChangeAction } | null>(null);
  const [form] = Form.useForm<{ reasons: string }>();
  const decide = useMutation({
    mutationFn: ({ change, action, reasons }: { change: ChangeView; action: ChangeAction; reasons: string }) =>
      api.post<ChangeView>(`/projects/${project.id}/changes/${change.id}/${action}`, action === 'withdraw' ? { reason: reasons } : { reasons }),
    onSuccess: (c) => {
      void message.success(`变更第${c.seq}号${CHANGE_STATUS_LABELS[c.status]}`);
      setDeciding(null);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: key });
      refresh();
    },
    onError: (e) => onError(e, form),
  });
  const data = q.data;
  if (!data) return <Card loading={q.isLoading} />;
  const s = data.settings;
  const used = data.approvedExtensionMonths.length;
  return (
    <>
      <Card size="small" title="执行期与延期" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={4} items={[
          { key: 'end', label: '任务书结束日期', children: data.endDate ?? '—' },
          { key: 'effective', label: '有效结束日期（含已批准延期）', children: <span data-testid="changes-effective-end">{data.effectiveEndDate ?? '—'}</span> },
          { key: 'used', label: '已批准延期', children: `${used} 次（共 ${data.approvedExtensionMonths.reduce((a, b) => a + b, 0)} 个月；上限 ${s.extensionMaxCount} 次）` },
          { key: 'by', label: '延期申请截止', children: data.types.find((t) => t.type === 'extension')?.requestBy ?? '—' },
        ]} />
      </Card>
      <Card size="small" title="变更类型表" style={{ marginBottom: 16 }} extra={canUndertake && !data.canRequest && data.cannotRequest ? <Typography.Text type="secondary">{data.cannotRequest}</Typography.Text> : null}>
        <Table<ChangeTypeView> size="small" rowKey="type" pagination={false} dataSource={data.types} columns={[
          { title: '变更类型', dataIndex: 'label', width: 180 },
          { title: '审批或备案', dataIndex: 'approverText', width: 200, render: (v: string, r) => <Tag color={r.approver === 'bureau' ? 'blue' : r.approver === 'unit' ? 'gold' : 'cyan'}>{v}</Tag> },
          { title: '条件', dataIndex: 'condition', render: (v: string | null) => v ?? '—' },
          { title: '提出期限', dataIndex: 'deadlineText', render: (v: string, r) => <>{v}{r.requestBy ? <div><Typography.Text type="secondary">不晚于 {r.requestBy}</Typography.Text></div> : null}</> },
          ...(data.canRequest ? [{ title: '', key: 'go', width: 90, render: (_: unknown, r: ChangeTypeView) => <Button size="small" type="link" onClick={() => setRequesting(r)}>申请变更</Button> }] : []),
        ]} />
      </Card>
      <Card size="small" title="变更申请">
        <Table<ChangeView> size="small" rowKey="id" pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={data.items}
          expandable={{
            rowExpandable: (r) => r.movedDeadlines.length > 0 || r.routeReasons.length > 0,
            expandedRowRender: (r) => (
              <>
                {r.routeReasons.length > 0 && <Alert type="info" showIcon style={{ marginBottom: 8 }} message="须科技局审批的原因" description={r.routeReasons.join('；')} />}
                {r.movedDeadlines.length > 0 && (
                  <Table size="small" rowKey="key" pagination={false} dataSource={r.movedDeadlines} columns={[
                    { title: '随有效结束日期移动的期限', dataIndex: 'label' },
                    { title: '原日期', dataIndex: 'before', width: 130 },
                    { title: '新日期', dataIndex: 'after', width: 130 },
                  ]} />
                )}
              </>
            ),
          }}
          columns={[
            { title: '编号', dataIndex: 'seq', width: 64, render: (v: number) => `第${v}号` },
            { title: '类型', dataIndex: 'type', width: 120, render: (v: ChangeType) => CHANGE_TYPE_LABELS[v] },
            { title: '变更内容与理由', key: 'what', render: (_, r) => <>{changeSummary(r)}<div><Typography.Text type="secondary">理由：{r.reason}</Typography.Text></div></> },
            { title: '审批', dataIndex: 'approver', width: 96, render: (v: ChangeView['approver']) => APPROVER_SHORT[v] },
            { title: '状态', dataIndex: 'status', width: 80, render: (v: ChangeStatus) => <Tag color={STATUS_COLOURS[v]}>{CHANGE_STATUS_LABELS[v]}</Tag> },
            { title: '提出', key: 'by', width: 120, render: (_, r) => <>{r.requestedBy ?? '—'}<div><Typography.Text type="secondary">{formatDateTime(r.requestedAt).slice(0, 16)}</Typography.Text></div></> },
            { title: '决定', key: 'decision', width: 170, render: (_, r) => (r.decidedAt ? <>{r.decidedBy ?? '—'} {formatDateTime(r.decidedAt).slice(0, 16)}{r.decisionReasons ? <div><Typography.Text type="secondary">{r.decisionReasons}</Typography.Text></div> : null}</> : '—') },
            { title: '操作', key: 'actions', width: 100, render: (_, r) => (
              <Space size={0}>
                {r.actions.map((a) => <Button key={a} size="small" type="link" danger={a !== 'approve'} onClick={() => setDeciding({ change: r, action: a })}>{ACTION_LABELS[a]}</Button>)}
              </Space>
            ) },
          ]} />
      </Card>
      {requesting && <ChangeRequestModal project={project} data={data} type={requesting} onClose={() => setRequesting(null)} onDone={() => { setRequesting(null); void qc.invalidateQueries({ queryKey: key }); refresh(); }} />}
      <Modal
        open={deciding !== null}
        title={deciding ? `${ACTION_LABELS[deciding.action]}变更第${deciding.change.seq}号（${CHANGE_TYPE_LABELS[deciding.change.type]}）` : ''}
        okText={deciding ? ACTION_LABELS[deciding.action] : '确定'}
        okButtonProps={{ danger: deciding?.action !== 'approve', loading: decide.isPending }}
        onCancel={() => { setDeciding(null); form.resetFields(); }}
        onOk={() => void form.validateFields().then((v) => deciding && decide.mutate({ ...deciding, reasons: v.reasons ?? '' }))}
        destroyOnHidden
      >
        {deciding && <p>{changeSummary(deciding.change)}；理由：{deciding.change.reason}</p>}
        {deciding?.change.type === 'extension' && deciding.action === 'approve' && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="批准后有效结束日期及验收申请截止、最后一期报告截止等期限随之顺延，并生成补充任务书。" />
        )}
        <Form form={form} layout="vertical">
          <Form.Item name="reasons" label={deciding?.action === 'withdraw' ? '撤回理由（可不填）' : '决定理由'} rules={deciding?.action === 'withdraw' ? [] : [{ required: true, whitespace: true, message: '请填写决定理由' }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
