/**
 * 终止 / 撤销 (BL-10): the decision's fields, the preview of what it releases and recovers with the funding-plan
 * engine's choice of the next candidates (its own explanation), and the reallocation as recorded afterwards.
 */
import { formatCenti, TERMINATION_KIND_LABELS, type ReallocationPlanView, type ReallocationPreview, type ReallocationView, type TerminationKind } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { formatDateTime } from '../../../lib/time';
import { ProFormWan, wanRules, wanText, wanValueToYuan } from '../../../lib/wan';

type Candidate = ReallocationPlanView['candidates'][number];

const STATUS_TAG: Record<Candidate['status'], { color: string; text: string }> = {
  selected: { color: 'green', text: '入选' },
  notSelected: { color: 'default', text: '未入选' },
  noDistrictFunds: { color: 'orange', text: '无区级资金' },
};

/** The engine's candidates, each with its rank, amount and explanation (why in, why not). */
export function ReallocationPlanTable({ plan }: { plan: ReallocationPlanView }) {
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        资金方案重新运行（{plan.programmeCode} {plan.budgetYear}年度，可用预算 {wanText(plan.budgetYuan)}，{plan.optimal ? '已证明最优' : '未证明最优'}）：{plan.summary}
      </Typography.Paragraph>
      <Table<Candidate> size="small" rowKey="applicationNo" pagination={false} dataSource={plan.candidates} columns={[
        { title: '排名', dataIndex: 'rank', width: 56 },
        { title: '申报书 / 项目', dataIndex: 'title', render: (_, c) => <><div>{c.title}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.applicationNo} · {c.organisationName}</Typography.Text></> },
        { title: '得分', dataIndex: 'scoreCenti', width: 72, render: (v: number) => formatCenti(v) },
        { title: '金额', dataIndex: 'amountYuan', width: 96, align: 'right', render: (v: number) => wanText(v) },
        { title: '结果', dataIndex: 'status', width: 110, render: (s: Candidate['status'], c) => <Space direction="vertical" size={0}><Tag color={STATUS_TAG[s].color}>{STATUS_TAG[s].text}</Tag>{c.project && <Link to={`/projects/${c.project.id}`}>{c.project.projectNo}</Link>}</Space> },
        { title: '说明', dataIndex: 'explanation', width: 420, render: (v: string) => <Typography.Text style={{ fontSize: 12 }}>{v}</Typography.Text> },
      ]} />
    </>
  );
}

/** The server's preview for these figures (shared by the panel and the confirmation, so what is confirmed is what was shown). */
export function useReallocationPreview(projectId: string, kind: TerminationKind, spentYuan: number | undefined, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['projects', projectId, 'reallocation-preview', kind, spentYuan ?? 0],
    queryFn: () => api.get<ReallocationPreview>(`/projects/${projectId}/reallocation-preview`, { kind, spentYuan: spentYuan ?? 0 }),
  });
}

/** The application numbers the preview chose: sent with the decision, which is refused if the engine now chooses otherwise. */
export const previewSelection = (p: ReallocationPreview | undefined): string[] => p?.plan?.candidates.filter((c) => c.status === 'selected').map((c) => c.applicationNo) ?? [];

/** What the decision would release and recover now, and whom the engine would then fund. */
export function ReallocationPreviewPanel({ projectId, kind, spentYuan, reallocate }: { projectId: string; kind: TerminationKind; spentYuan: number | undefined; reallocate: boolean }) {
  const q = useReallocationPreview(projectId, kind, spentYuan);
  if (q.isLoading || !q.data) return <Spin />;
  const { amounts, plan } = q.data;
  return (
    <div data-testid="reallocation-preview">
      <Descriptions size="small" bordered column={2} style={{ marginBottom: 12 }} items={[
        { key: 'released', label: '收回未拨付承诺（释放预算）', children: wanText(amounts.releasedYuan) },
        { key: 'owed', label: '责令退回已拨付资金', children: <Typography.Text type="danger">{wanText(amounts.owedYuan)}</Typography.Text> },
        { key: 'paid', label: '已拨付（扣除已退回）', children: wanText(amounts.netPaidYuan) },
        { key: 'spent', label: '决算已支出', children: kind === 'revoke' ? '撤销不扣除' : wanText(amounts.spentYuan) },
      ]} />
      <ul style={{ margin: '0 0 12px', paddingLeft: 20 }}>{amounts.basis.map((b) => <li key={b}><Typography.Text type="secondary">{b}</Typography.Text></li>)}</ul>
      {!reallocate ? <Alert type="warning" showIcon message="本次不重新分配释放的预算。" />
        : plan ? <ReallocationPlanTable plan={plan} />
        : <Alert type="info" showIcon message="本轮没有排名在案且未获资助的候选项目，释放的预算留在年度预算中。" />}
    </div>
  );
}

/** The 终止 / 撤销 decision: document, basis, the unit's spending (终止), the preview, then confirmation. */
export function TerminationModal({ projectId, kind, open, onClose, onDone }: { projectId: string; kind: TerminationKind; open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm();
  const onError = useApiErrorHandler();
  const [saving, setSaving] = useState(false);
  const spent = Form.useWatch('spent', form) as string | undefined;
  let spentYuan: number | undefined;
  try { spentYuan = wanValueToYuan(spent); } catch { spentYuan = undefined; }
  const label = TERMINATION_KIND_LABELS[kind];
  const shownSpent = kind === 'terminate' ? spentYuan : 0;
  const preview = useReallocationPreview(projectId, kind, shownSpent, open);
  const submit = async () => {
    const v = (await form.validateFields().catch(() => null)) as { decisionNo: string; basis: string; spent?: string } | null;
    if (!v || !preview.data) return;
    setSaving(true);
    try {
      await api.post(`/projects/${projectId}/${kind}`, { decisionNo: v.decisionNo, basis: v.basis, spentYuan: shownSpent ?? 0, reallocate: true, expectedSelected: previewSelection(preview.data) });
      form.resetFields();
      onDone();
    } catch (e) {
      onError(e, form, { mapField: (f) => (f === 'spentYuan' ? 'spent' : f) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} title={`${label}项目`} width={1040} onCancel={onClose} destroyOnHidden
      footer={[<Button key="cancel" onClick={onClose}>取消</Button>, <Button key="ok" danger type="primary" loading={saving} disabled={!preview.data || preview.isFetching} onClick={() => void submit()}>确认{label}并重新分配</Button>]}>
      <Form form={form} layout="vertical" requiredMark>
        <Space align="start" style={{ display: 'flex' }} size={16}>
          <Form.Item name="decisionNo" label="决定文号" rules={[{ required: true, whitespace: true, message: '请填写决定文号' }]} style={{ width: 260 }}><Input placeholder="如：仑科〔2026〕12号" /></Form.Item>
          {kind === 'terminate' && <div style={{ width: 260 }}><ProFormWan name="spent" label="决算已支出（万元）" tooltip="按承担单位决算报告填写；结余（已拨付 − 已支出）责令退回" rules={wanRules('已支出金额')} /></div>}
        </Space>
        <Form.Item name="basis" label={`${label}依据`} rules={[{ required: true, whitespace: true, message: `请填写${label}依据` }, { min: 2, message: '至少2个字' }]}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      </Form>
      {open && <ReallocationPreviewPanel projectId={projectId} kind={kind} spentYuan={shownSpent} reallocate />}
    </Modal>
  );
}

/** A recorded reallocation: source, budget and the engine's explanation for every candidate. */
export function ReallocationCard({ title, reallocation }: { title: string; reallocation: ReallocationView }) {
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }} extra={<Typography.Text type="secondary">{formatDateTime(reallocation.createdAt)}{reallocation.createdBy ? ` · ${reallocation.createdBy}` : ''}</Typography.Text>}>
      <Typography.Paragraph>
        来源：<Link to={`/projects/${reallocation.source.id}`}>{reallocation.source.projectNo}</Link> {reallocation.source.title}（{TERMINATION_KIND_LABELS[reallocation.source.kind]}）；重新分配 {wanText(reallocation.totalYuan)}。
      </Typography.Paragraph>
      <ReallocationPlanTable plan={reallocation} />
    </Card>
  );
}
