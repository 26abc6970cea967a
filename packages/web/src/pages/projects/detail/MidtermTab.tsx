/**
 * 中期检查 (YZ-7, BL-10): whether the check is mandatory, each check with its outcome, basis and rolling decision,
 * the forms to open a check, record its outcome and its rectification (终止 with the reallocation preview), the
 * 终止 / 撤销 actions, and the reallocation this project's money went to or came from.
 */
import {
  MIDTERM_CHECK_STATUS_LABELS,
  MIDTERM_OUTCOME_LABELS,
  MIDTERM_OUTCOMES,
  RECTIFICATION_RESULT_LABELS,
  ROLLING_DECISION_LABELS,
  ROLLING_DECISIONS_OF,
  TERMINATION_KIND_LABELS,
  type MidtermOutcome,
  type ProjectMidtermView,
  type RectificationResult,
  type TerminationKind,
} from '@kechuang/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Radio, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { dayjs, formatDateTime } from '../../../lib/time';
import { ProFormWan, wanRules, wanText, wanValueToYuan } from '../../../lib/wan';
import type { ProjectTabProps } from './tabs';
import { previewSelection, ReallocationCard, ReallocationPreviewPanel, TerminationModal, useReallocationPreview } from './TerminationParts';

type Check = ProjectMidtermView['checks'][number];
const STATUS_COLOR: Record<Check['status'], string> = { open: 'blue', passed: 'green', rectifying: 'orange', rectified: 'green', terminated: 'red' };

export function MidtermTab({ project, refresh }: ProjectTabProps) {
  const client = useQueryClient();
  const key = ['projects', project.id, 'midterm'];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<ProjectMidtermView>(`/projects/${project.id}/midterm`) });
  const [terminating, setTerminating] = useState<TerminationKind | null>(null);
  if (q.isLoading || !q.data) return <Spin />;
  const v = q.data;
  const done = (next?: ProjectMidtermView) => {
    if (next) client.setQueryData(key, next);
    void client.invalidateQueries({ queryKey: ['projects', project.id] });
    refresh();
  };
  return (
    <>
      <Alert type={v.requirement.mandatory ? 'info' : 'success'} showIcon style={{ marginBottom: 16 }} message={v.requirement.text}
        action={(v.can.terminate || v.can.revoke) && (
          <Space>
            {v.can.terminate && <Button danger onClick={() => setTerminating('terminate')}>终止项目</Button>}
            {v.can.revoke && <Button danger onClick={() => setTerminating('revoke')}>撤销项目</Button>}
          </Space>
        )} />
      {v.reallocatedFrom && (
        <Alert type="success" showIcon style={{ marginBottom: 16 }}
          message={<>本项目由资金重新分配立项（BL-10）：项目 <Link to={`/projects/${v.reallocatedFrom.source.id}`}>{v.reallocatedFrom.source.projectNo}</Link> {TERMINATION_KIND_LABELS[v.reallocatedFrom.source.kind]}后释放的预算经资金方案重新运行择优分配。</>}
          description={v.reallocatedFrom.candidates.find((c) => c.project?.id === project.id)?.explanation} />
      )}
      {v.termination && <TerminationCard v={v} />}
      {v.reallocation && <ReallocationCard title="释放资金的重新分配（BL-10）" reallocation={v.reallocation} />}
      {v.can.open && <OpenCheckCard projectId={project.id} onDone={done} />}
      {v.checks.length === 0 && !v.can.open && !v.termination && !v.reallocatedFrom && <Empty description="尚未开展中期检查" />}
      {[...v.checks].reverse().map((c) => (
        <Card key={c.id} size="small" style={{ marginBottom: 16 }} title={<Space>中期检查<Tag color={STATUS_COLOR[c.status]}>{MIDTERM_CHECK_STATUS_LABELS[c.status]}</Tag></Space>}
          extra={<Typography.Text type="secondary">启动于 {formatDateTime(c.openedAt)}{c.openedBy ? ` · ${c.openedBy}` : ''}</Typography.Text>}>
          <Descriptions size="small" column={3} items={[
            { key: 'due', label: '材料报送截止', children: c.dueDate },
            { key: 'materials', label: '检查材料', span: 2, children: c.materials || '—' },
            { key: 'outcome', label: '检查结论', children: c.outcome ? MIDTERM_OUTCOME_LABELS[c.outcome] : '待记录' },
            { key: 'rolling', label: '滚动管理决定（BL-10）', children: c.rollingDecision ? ROLLING_DECISION_LABELS[c.rollingDecision] : '—' },
            { key: 'decided', label: '结论时间', children: c.decidedAt ? `${formatDateTime(c.decidedAt)}${c.decidedBy ? ` · ${c.decidedBy}` : ''}` : '—' },
            { key: 'basis', label: '结论依据', span: 3, children: c.basis ?? '—' },
            ...(c.rectificationDue ? [
              { key: 'rdue', label: '整改期限', children: c.rectificationDue },
              { key: 'rdone', label: '整改完成', children: c.rectifiedAt ? formatDateTime(c.rectifiedAt) : '—' },
              { key: 'rbasis', label: '整改结论依据', children: c.rectificationBasis ?? '—' },
            ] : []),
          ]} />
          {c.status === 'open' && v.can.recordOutcome && <OutcomeForm projectId={project.id} onDone={done} />}
          {c.status === 'rectifying' && v.can.recordRectification && <RectificationForm projectId={project.id} onDone={done} />}
        </Card>
      ))}
      <TerminationModal projectId={project.id} kind={terminating ?? 'terminate'} open={terminating !== null} onClose={() => setTerminating(null)} onDone={() => { setTerminating(null); done(); }} />
    </>
  );
}

function TerminationCard({ v }: { v: ProjectMidtermView }) {
  const t = v.termination!;
  return (
    <Card size="small" title={`项目已${TERMINATION_KIND_LABELS[t.kind]}`} style={{ marginBottom: 16 }} extra={<Typography.Text type="secondary">{formatDateTime(t.decidedAt)}{t.decidedBy ? ` · ${t.decidedBy}` : ''}</Typography.Text>}>
      <Descriptions size="small" column={3} items={[
        { key: 'no', label: '决定文号', children: t.decisionNo },
        { key: 'released', label: '收回未拨付承诺', children: wanText(t.releasedYuan) },
        { key: 'owed', label: '责令退回', children: <Typography.Text type="danger">{wanText(t.owedYuan)}{t.recoveryDueDate ? `（缴回期限 ${t.recoveryDueDate}）` : ''}</Typography.Text> },
        { key: 'paid', label: '已拨付（扣除已退回）', children: wanText(t.netPaidYuan) },
        { key: 'spent', label: '决算已支出', children: t.kind === 'revoke' ? '撤销不扣除' : wanText(t.spentYuan) },
        { key: 'basis', label: '依据', span: 3, children: t.basis },
      ]} />
    </Card>
  );
}

function OpenCheckCard({ projectId, onDone }: { projectId: string; onDone: (v: ProjectMidtermView) => void }) {
  const [form] = Form.useForm();
  const onError = useApiErrorHandler();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const f = (await form.validateFields().catch(() => null)) as { dueDate: dayjs.Dayjs; materials?: string } | null;
    if (!f) return;
    setSaving(true);
    try {
      onDone(await api.post<ProjectMidtermView>(`/projects/${projectId}/midterm`, { dueDate: f.dueDate.format('YYYY-MM-DD'), materials: f.materials ?? '' }));
      void message.success('已启动中期检查');
    } catch (e) {
      onError(e, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" title="启动中期检查" style={{ marginBottom: 16 }}>
      <Form form={form} layout="inline" initialValues={{ materials: '中期进展报告、经费使用情况、阶段性成果佐证' }}>
        <Form.Item name="dueDate" label="材料报送截止" rules={[{ required: true, message: '请选择材料报送截止日期' }]}><DatePicker /></Form.Item>
        <Form.Item name="materials" label="检查材料" style={{ flex: 1 }}><Input maxLength={2000} /></Form.Item>
        <Button type="primary" loading={saving} onClick={() => void submit()}>启动中期检查</Button>
      </Form>
    </Card>
  );
}

/** The termination fields shared by the outcome and the rectification forms (终止 with its preview). */
function TerminationFields({ projectId, form }: { projectId: string; form: ReturnType<typeof Form.useForm>[0] }) {
  const spent = Form.useWatch('spent', form) as string | undefined;
  let spentYuan: number | undefined;
  try { spentYuan = wanValueToYuan(spent); } catch { spentYuan = undefined; }
  return (
    <>
      <Space align="start" size={16} style={{ display: 'flex' }}>
        <Form.Item name="decisionNo" label="终止决定文号" rules={[{ required: true, whitespace: true, message: '请填写决定文号' }]} style={{ width: 260 }}><Input placeholder="如：仑科〔2026〕12号" /></Form.Item>
        <div style={{ width: 260 }}><ProFormWan name="spent" label="决算已支出（万元）" rules={wanRules('已支出金额')} /></div>
      </Space>
      <ReallocationPreviewPanel projectId={projectId} kind="terminate" spentYuan={spentYuan} reallocate />
    </>
  );
}

function useTerminationBody(projectId: string, form: ReturnType<typeof Form.useForm>[0], active: boolean) {
  const spent = Form.useWatch('spent', form) as string | undefined;
  let spentYuan: number | undefined;
  try { spentYuan = wanValueToYuan(spent); } catch { spentYuan = undefined; }
  const preview = useReallocationPreview(projectId, 'terminate', spentYuan, active);
  return { ready: !active || (!!preview.data && !preview.isFetching), body: (decisionNo: string) => ({ decisionNo, spentYuan: spentYuan ?? 0, reallocate: true, expectedSelected: previewSelection(preview.data) }) };
}

function OutcomeForm({ projectId, onDone }: { projectId: string; onDone: (v: ProjectMidtermView) => void }) {
  const [form] = Form.useForm();
  const onError = useApiErrorHandler();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const outcome = (Form.useWatch('outcome', form) as MidtermOutcome | undefined) ?? 'pass';
  const termination = useTerminationBody(projectId, form, outcome === 'terminate');
  const submit = async () => {
    const f = (await form.validateFields().catch(() => null)) as { outcome: MidtermOutcome; rollingDecision: string; basis: string; decisionNo?: string } | null;
    if (!f) return;
    setSaving(true);
    try {
      onDone(await api.post<ProjectMidtermView>(`/projects/${projectId}/midterm/outcome`, { outcome: f.outcome, rollingDecision: f.rollingDecision, basis: f.basis, ...(f.outcome === 'terminate' ? { termination: termination.body(f.decisionNo ?? '') } : {}) }));
      void message.success(`已记录检查结论：${MIDTERM_OUTCOME_LABELS[f.outcome]}`);
    } catch (e) {
      onError(e, form, { mapField: (x) => (x === 'termination.spentYuan' ? 'spent' : x.replace(/^termination\./, '')) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form form={form} layout="vertical" style={{ marginTop: 12, borderTop: '1px solid #f0f0f0', paddingTop: 12 }} initialValues={{ outcome: 'pass', rollingDecision: 'continue' }}
      onValuesChange={(changed: { outcome?: MidtermOutcome }) => { if (changed.outcome) form.setFieldValue('rollingDecision', ROLLING_DECISIONS_OF[changed.outcome][0]); }}>
      <Typography.Title level={5}>记录检查结论</Typography.Title>
      <Space align="start" size={24} style={{ display: 'flex' }}>
        <Form.Item name="outcome" label="检查结论" rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={MIDTERM_OUTCOMES.map((o) => ({ value: o, label: MIDTERM_OUTCOME_LABELS[o] }))} />
        </Form.Item>
        <Form.Item name="rollingDecision" label="滚动管理决定（BL-10）" rules={[{ required: true, message: '请选择滚动管理决定' }]} style={{ width: 220 }}>
          <Select options={ROLLING_DECISIONS_OF[outcome].map((d) => ({ value: d, label: ROLLING_DECISION_LABELS[d] }))} />
        </Form.Item>
      </Space>
      <Form.Item name="basis" label="结论依据" rules={[{ required: true, whitespace: true, message: '请填写结论依据' }, { min: 2, message: '至少2个字' }]}><Input.TextArea rows={2} maxLength={2000} placeholder="如：任务书年度考核指标完成情况、经费执行率、专家意见" /></Form.Item>
      {outcome === 'terminate' && <TerminationFields projectId={projectId} form={form} />}
      <Button type="primary" danger={outcome === 'terminate'} loading={saving} disabled={!termination.ready} onClick={() => void submit()} style={{ marginTop: 12 }}>
        {outcome === 'terminate' ? '确认终止并重新分配' : '保存结论'}
      </Button>
    </Form>
  );
}

function RectificationForm({ projectId, onDone }: { projectId: string; onDone: (v: ProjectMidtermView) => void }) {
  const [form] = Form.useForm();
  const onError = useApiErrorHandler();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const result = (Form.useWatch('result', form) as RectificationResult | undefined) ?? 'rectified';
  const termination = useTerminationBody(projectId, form, result === 'failed');
  const submit = async () => {
    const f = (await form.validateFields().catch(() => null)) as { result: RectificationResult; basis: string; decisionNo?: string } | null;
    if (!f) return;
    setSaving(true);
    try {
      onDone(await api.post<ProjectMidtermView>(`/projects/${projectId}/midterm/rectification`, { result: f.result, basis: f.basis, ...(f.result === 'failed' ? { termination: termination.body(f.decisionNo ?? '') } : {}) }));
      void message.success(RECTIFICATION_RESULT_LABELS[f.result]);
    } catch (e) {
      onError(e, form, { mapField: (x) => (x === 'termination.spentYuan' ? 'spent' : x.replace(/^termination\./, '')) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form form={form} layout="vertical" style={{ marginTop: 12, borderTop: '1px solid #f0f0f0', paddingTop: 12 }} initialValues={{ result: 'rectified' }}>
      <Typography.Title level={5}>记录整改结果</Typography.Title>
      <Form.Item name="result" label="整改结果"><Radio.Group optionType="button" options={(['rectified', 'failed'] as const).map((r) => ({ value: r, label: RECTIFICATION_RESULT_LABELS[r] }))} /></Form.Item>
      <Form.Item name="basis" label="整改结论依据" rules={[{ required: true, whitespace: true, message: '请填写整改结论依据' }, { min: 2, message: '至少2个字' }]}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      {result === 'failed' && <TerminationFields projectId={projectId} form={form} />}
      <Button type="primary" danger={result === 'failed'} loading={saving} disabled={!termination.ready} onClick={() => void submit()} style={{ marginTop: 12 }}>保存整改结果</Button>
    </Form>
  );
}
