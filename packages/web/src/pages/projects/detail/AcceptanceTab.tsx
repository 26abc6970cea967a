/**
 * 验收: the undertaker applies (materials checklist, an early application's reason), the officer draws the panel
 * (commitment, then the draw with the published values and the observer's input), the panel's indicator findings
 * with the exact share of core indicators met, and the officer's decision with what it does to the funds.
 */
import {
  ACCEPTANCE_DECISION_LABELS,
  ACCEPTANCE_DECISIONS,
  ACCEPTANCE_RESULT_LABELS,
  ACCEPTANCE_TIMING_LABELS,
  formatPercent,
  formatWan,
  fundsConsequence,
  parseWan,
  type AcceptanceDecision,
  type AcceptanceView,
} from '@kechuang/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { formatDateTime, toShanghaiIso } from '../../../lib/time';
import { WanInput } from '../../../lib/wan';
import { uploadWithProgress } from '../../applications/detail/attachments/upload';
import type { ProjectTabProps } from './tabs';

type View = AcceptanceView;
type Finding = View['findings'][number];

const DECISION_COLORS: Record<AcceptanceDecision, string> = { pass: 'green', conclude: 'cyan', rectify: 'orange', fail: 'red', rehear: 'gold' };

export function AcceptanceTab({ project, refresh }: ProjectTabProps) {
  const qc = useQueryClient();
  const key = ['project', project.id, 'acceptance'];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<View>(`/projects/${project.id}/acceptance`) });
  const reload = () => {
    void qc.invalidateQueries({ queryKey: key });
    refresh();
  };
  if (!q.data) return <Card loading />;
  const v = q.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <WindowCard v={v} />
      {(v.actions.includes('apply') || v.actions.includes('uploadMaterial')) && <ApplyCard v={v} projectId={project.id} onDone={reload} />}
      {v.returned.length > 0 && <ReturnedCard v={v} />}
      {v.application && <ApplicationCard v={v} projectId={project.id} onDone={reload} />}
      {(v.actions.includes('commitPanel') || v.actions.includes('drawPanel') || v.panel) && <PanelCard v={v} projectId={project.id} onDone={reload} />}
      {v.panel?.status === 'drawn' && <FindingsCard v={v} />}
      {v.actions.includes('decide') && <DecideCard v={v} projectId={project.id} onDone={reload} />}
      {v.actions.includes('resubmit') && <ResubmitCard v={v} projectId={project.id} onDone={reload} />}
      {v.decisions.length > 0 && <DecisionsCard v={v} />}
    </Space>
  );
}

function WindowCard({ v }: { v: View }) {
  return (
    <Card size="small" title="验收申请期限与规则">
      <Descriptions size="small" column={2} items={[
        { key: 'window', label: '申请期限', children: v.window ? `${v.window.opensOn}（有效结束日）至 ${v.window.closesOn}` : '—' },
        { key: 'today', label: '今天申请属于', children: v.timingToday ? ACCEPTANCE_TIMING_LABELS[v.timingToday] : '—' },
        { key: 'panel', label: '验收专家组', children: `${v.settings.panelSize} 人（随机抽取）` },
        { key: 'rule', label: '结论规则', children: `核心指标完成率低于 ${v.settings.failBelowPercent}% 不通过，低于 ${v.settings.rehearBelowPercent}% 复议；全部完成为通过，否则结题` },
        { key: 'rectify', label: '整改', children: `不通过可限期整改一次，期限 ${v.settings.rectificationMonths} 个月` },
        { key: 'funds', label: '结余资金', children: v.settings.lumpSum ? '包干制：通过后结余留归承担单位（P315-4）' : '通过后收回尚未拨付的承诺' },
      ]} />
    </Card>
  );
}

function ApplyCard({ v, projectId, onDone }: { v: View; projectId: string; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ summary: string; earlyReason?: string }>();
  const cycle = v.state === 'acceptanceRectifying' ? 1 : 0;
  const apply = useMutation({
    mutationFn: (body: { summary: string; earlyReason?: string }) => api.post(`/projects/${projectId}/acceptance`, body),
    onSuccess: () => {
      message.success('已提交验收申请');
      onDone();
    },
    onError: (e) => message.error(e.message),
  });
  const early = v.timingToday === 'early';
  return (
    <Card size="small" title={cycle ? '整改材料' : '申请验收'}>
      <Table size="small" rowKey="kind" pagination={false} dataSource={v.materialKinds} style={{ marginBottom: 16 }} columns={[
        { title: '材料', dataIndex: 'label', width: 160, render: (l: string, r) => <Space>{l}{r.required && <Tag color="red">必交</Tag>}</Space> },
        { title: '说明', dataIndex: 'hint', ellipsis: true },
        { title: '已上传', dataIndex: 'kind', render: (k: string) => v.materials.filter((m) => m.kind === k && m.cycle === cycle).map((m) => <div key={m.id}><a href={`/api/projects/${projectId}/acceptance/materials/${m.id}/file`}>{m.fileName}</a></div>) },
        {
          title: '上传', dataIndex: 'kind', width: 110, render: (k: string, r) => (
            <Upload accept=".pdf,.jpg,.jpeg,.png" showUploadList={false} customRequest={async ({ file, onSuccess, onError }) => {
              try {
                await uploadWithProgress(`/projects/${projectId}/acceptance/materials/${k}`, file as File, () => {});
                message.success(`已上传${r.label}`);
                onSuccess?.({});
                onDone();
              } catch (e) {
                message.error((e as Error).message);
                onError?.(e as Error);
              }
            }}>
              <Button size="small" aria-label={`上传${r.label}`}>上传</Button>
            </Upload>
          ),
        },
      ]} />
      {v.actions.includes('apply') && (
        <Form form={form} layout="vertical" onFinish={(x) => apply.mutate({ summary: x.summary, ...(early ? { earlyReason: x.earlyReason ?? '' } : {}) })}>
          {early && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`项目有效结束日为 ${v.window?.opensOn}，现在申请属于提前申请验收：须说明提前完成的理由，科技局可不予受理。`} />}
          <Form.Item name="summary" label="验收申请说明" rules={[{ required: true, min: 4, message: '请填写验收申请说明（不少于4个字）' }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          {early && (
            <Form.Item name="earlyReason" label="提前完成的理由" rules={[{ required: true, min: 4, message: '提前申请验收须说明理由（不少于4个字）' }]}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={apply.isPending}>提交验收申请</Button>
        </Form>
      )}
    </Card>
  );
}

function ApplicationCard({ v, projectId, onDone }: { v: View; projectId: string; onDone: () => void }) {
  const a = v.application!;
  const [returning, setReturning] = useState(false);
  return (
    <Card size="small" title="验收申请" extra={v.actions.includes('returnApplication') && <Button danger size="small" onClick={() => setReturning(true)}>退回申请</Button>}>
      {returning && <ReturnModal projectId={projectId} onClose={() => setReturning(false)} onDone={onDone} />}
      <Descriptions size="small" column={2} items={[
        { key: 'at', label: '申请时间', children: formatDateTime(a.appliedAt) },
        { key: 'timing', label: '申请类型', children: <Tag color={a.timing === 'onTime' ? 'green' : 'orange'}>{a.timingLabel}</Tag> },
        ...(a.earlyReason ? [{ key: 'early', label: '提前完成理由', children: a.earlyReason }] : []),
        ...(a.lateReason ? [{ key: 'late', label: '受理逾期申请理由', children: a.lateReason }] : []),
        { key: 'summary', label: '申请说明', children: a.summary },
        { key: 'hearing', label: '评议', children: `第${a.hearingNo}次${a.reheard ? '（已复议）' : ''}${a.rectificationUsed ? `（已整改，期限 ${a.rectifyDueDate}）` : ''}` },
        ...(a.rectificationReport ? [{ key: 'report', label: '整改情况', children: a.rectificationReport }] : []),
      ]} />
    </Card>
  );
}

/** 退回提前验收申请 (officer): the reason is required and shown to the undertaker; the project returns to 执行中. */
function ReturnModal({ projectId, onClose, onDone }: { projectId: string; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const ret = useMutation({
    mutationFn: (body: { reason: string }) => api.post(`/projects/${projectId}/acceptance/return`, body),
    onSuccess: () => {
      message.success('已退回提前验收申请，项目回到执行中');
      onClose();
      onDone();
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Modal open title="退回提前验收申请" okText="确认退回" okButtonProps={{ danger: true, loading: ret.isPending }} cancelText="取消" onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="提前申请验收可不予受理：退回后项目回到执行中，承担单位可在条件具备后再次申请，已上传的材料保留。" />
      <Form form={form} layout="vertical" onFinish={(x) => ret.mutate({ reason: x.reason })}>
        <Form.Item name="reason" label="退回理由" rules={[{ required: true, whitespace: true, min: 4, message: '请填写退回理由（不少于4个字）' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReturnedCard({ v }: { v: View }) {
  return (
    <Card size="small" title="被退回的提前验收申请">
      <Table size="small" rowKey="id" pagination={false} dataSource={v.returned} columns={[
        { title: '申请时间', dataIndex: 'appliedAt', width: 170, render: (x: string) => formatDateTime(x) },
        { title: '提前完成理由', dataIndex: 'earlyReason', render: (x: string | null) => x ?? '—' },
        { title: '退回时间', dataIndex: 'returnedAt', width: 170, render: (x: string) => formatDateTime(x) },
        { title: '退回理由', dataIndex: 'returnReason' },
      ]} />
    </Card>
  );
}

function PanelCard({ v, projectId, onDone }: { v: View; projectId: string; onDone: () => void }) {
  const { message } = App.useApp();
  const p = v.panel;
  const mutate = (path: string, ok: string) => ({
    mutationFn: (body: unknown) => api.post(`/projects/${projectId}/acceptance/${path}`, body),
    onSuccess: () => {
      message.success(ok);
      onDone();
    },
    onError: (e: Error) => message.error(e.message),
  });
  const commit = useMutation(mutate('panel/commit', '已发布抽取承诺'));
  const draw = useMutation(mutate('panel', '已抽取验收专家组'));
  const late = v.application?.timing === 'late';
  return (
    <Card size="small" title="验收专家组（随机抽取）">
      {v.actions.includes('commitPanel') && (
        <Form layout="vertical" onFinish={(x: { description: string; publicAt: unknown; lateReason?: string }) => commit.mutate({ sources: [{ description: x.description, publicAt: toShanghaiIso(x.publicAt) ?? '' }], ...(late ? { lateReason: x.lateReason } : {}) })}>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message="先发布承诺：冻结回避和科研失信排除后的专家池，预告一个承诺后才公布数值的公开随机来源；数值公布后录入数值和纪检监督输入值完成抽取，任何人可按公开记录复核。" />
          <Space wrap align="start">
            <Form.Item name="description" label="公开随机来源" rules={[{ required: true, min: 4, message: '请写明随机来源' }]}><Input style={{ width: 380 }} placeholder="如：中国福利彩票“3D”第N期开奖号码" /></Form.Item>
            <Form.Item name="publicAt" label="公布时间（北京时间）" rules={[{ required: true, message: '请选择公布时间' }]}><DatePicker showTime format="YYYY-MM-DD HH:mm:ss" aria-label="公布时间" style={{ width: 220 }} /></Form.Item>
            {late && <Form.Item name="lateReason" label="受理逾期申请的理由" rules={[{ required: true, min: 4, message: '请说明理由' }]}><Input style={{ width: 300 }} /></Form.Item>}
          </Space>
          <Button type="primary" htmlType="submit" loading={commit.isPending}>发布抽取承诺</Button>
        </Form>
      )}
      {p && (
        <Descriptions size="small" column={2} style={{ marginBottom: 12 }} items={[
          { key: 'hash', label: '承诺哈希', children: <code title={p.commitmentHash}>{p.commitmentHash.slice(0, 24)}…</code> },
          { key: 'at', label: '承诺时间', children: formatDateTime(p.committedAt) },
          { key: 'sources', label: '随机来源', children: p.sources.map((s) => `${s.description}（${formatDateTime(s.publicAt)} 公布）`).join('；') },
          { key: 'pool', label: '可抽取专家', children: `${p.eligible} 人，抽取 ${p.size} 人，单人入选概率上限 ${p.cap.numerator}/${p.cap.denominator}` },
          { key: 'input', label: '输入哈希 / 专家池哈希', children: <code>{p.inputHash.slice(0, 12)}… / {p.poolHash.slice(0, 12)}…</code> },
          { key: 'seed', label: '随机种子', children: p.seed ? <code title={p.seed}>{p.seed.slice(0, 24)}…</code> : '抽取后生成' },
          ...(p.sourceValues ? [{ key: 'values', label: '公布数值 / 纪检监督输入', children: `${p.sourceValues.join('、')} / ${p.observerInput ?? ''}` }] : []),
          { key: 'record', label: '公开抽取记录', children: p.published ? <a href={`/api/public/acceptance-draws/${p.id}`} target="_blank" rel="noreferrer">下载记录（npm run verify-draw 复核）</a> : '作出验收结论后公开' },
        ]} />
      )}
      {v.actions.includes('drawPanel') && (
        <Form layout="inline" onFinish={(x: { value: string; observerInput: string }) => draw.mutate({ values: [x.value], observerInput: x.observerInput })} style={{ marginBottom: 12 }}>
          <Form.Item name="value" label="来源公布的数值" rules={[{ required: true, message: '请填写数值' }]}><Input style={{ width: 200 }} /></Form.Item>
          <Form.Item name="observerInput" label="纪检监督输入值" rules={[{ required: true, message: '请填写' }]}><Input style={{ width: 160 }} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={draw.isPending}>抽取专家组</Button>
        </Form>
      )}
      {p && p.members.length > 0 && (
        <Table size="small" rowKey="id" pagination={false} dataSource={p.members} columns={[
          { title: '专家', dataIndex: 'name', width: 160 },
          { title: '单位', dataIndex: 'organisationName' },
          { title: '核查意见', dataIndex: 'submitted', width: 120, render: (s: boolean) => <Tag color={s ? 'green' : 'default'}>{s ? '已提交' : '未提交'}</Tag> },
        ]} />
      )}
      {p && p.excluded.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          排除 {p.excluded.length} 人：{p.excluded.map((e) => `${e.name}（${e.reasons.join('；')}）`).join('；')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function FindingsCard({ v }: { v: View }) {
  const byIndex = new Map(v.indicators.map((i) => [i.index, i]));
  return (
    <Card size="small" title={`逐项指标核查（第${v.application?.hearingNo ?? 1}次评议，已提交 ${v.submittedReviews}/${v.panel?.members.length ?? 0} 人）`}>
      {v.rule && (
        <Alert style={{ marginBottom: 12 }} showIcon type={v.rule.result === 'fail' ? 'error' : v.rule.result === 'rehear' ? 'warning' : 'success'}
          message={<span>核心指标完成率 <b data-testid="core-share">{v.rule.coreMet}/{v.rule.coreTotal}（{formatPercent(v.rule.corePercent)}）</b>，全部指标完成 {v.rule.allMet}/{v.rule.allTotal}：按规则为「{ACCEPTANCE_RESULT_LABELS[v.rule.result]}」</span>}
          description={v.rule.explanation} />
      )}
      <Table<Finding> size="small" rowKey="index" pagination={false} dataSource={v.findings} scroll={{ x: 900 }} columns={[
        { title: '指标', dataIndex: 'index', width: 200, render: (i: number) => <Space>{byIndex.get(i)?.name}{byIndex.get(i)?.core && <Tag color="blue">核心</Tag>}</Space> },
        { title: '目标值', dataIndex: 'index', width: 120, render: (i: number) => `${byIndex.get(i)?.targetValue ?? ''} ${byIndex.get(i)?.unit ?? ''}` },
        { title: '专家组认定', dataIndex: 'met', width: 110, render: (m: boolean, r) => (r.metVotes + r.notMetVotes === 0 ? '—' : <Tag color={m ? 'green' : 'red'}>{m ? '完成' : '未完成'}</Tag>) },
        { title: '依据', dataIndex: 'basis', width: 220 },
        { title: '各专家核查（完成值、佐证）', dataIndex: 'verdicts', render: (vs: Finding['verdicts']) => vs.map((x) => <div key={x.expertName}>{x.expertName}：{x.met ? '完成' : '未完成'}，{x.achievedValue || '—'}（{x.evidence || '—'}）</div>) },
      ]} />
    </Card>
  );
}

function DecideCard({ v, projectId, onDone }: { v: View; projectId: string; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: AcceptanceDecision; overrideReason?: string; owedWan?: string; basis: string }>();
  const suggested = v.suggested ?? 'fail';
  const [decision, setDecision] = useState<AcceptanceDecision>(suggested);
  const [owed, setOwed] = useState<string | undefined>(formatWan(v.ledger.netPaidYuan).replace(/万元$/, ''));
  const decide = useMutation({
    mutationFn: (body: unknown) => api.post(`/projects/${projectId}/acceptance/outcome`, body),
    onSuccess: () => {
      message.success('已作出验收结论');
      onDone();
    },
    onError: (e) => message.error(e.message),
  });
  const owedYuan = (() => {
    const r = parseWan(owed ?? '');
    return r.ok ? r.yuan : 0;
  })();
  const funds = fundsConsequence(decision, { lumpSum: v.settings.lumpSum, programmeKeepsSurplus: false, undisbursedYuan: v.ledger.undisbursedYuan, owedYuan }, formatWan);
  const options = v.state === 'acceptanceRectifying' ? (['fail'] as const) : ACCEPTANCE_DECISIONS.filter((d) => !(d === 'rectify' && v.application?.rectificationUsed) && !(d === 'rehear' && v.application?.reheard));
  return (
    <Card size="small" title="验收结论">
      <Form form={form} layout="vertical" initialValues={{ decision: suggested }} onFinish={(x) => decide.mutate({ decision: x.decision, basis: x.basis, ...(x.decision !== suggested ? { overrideReason: x.overrideReason } : {}), ...(x.decision === 'fail' ? { owedYuan } : {}) })}>
        <Space wrap align="start">
          <Form.Item name="decision" label={`结论（按规则：${ACCEPTANCE_DECISION_LABELS[suggested]}）`}>
            <Select style={{ width: 240 }} onChange={(d: AcceptanceDecision) => setDecision(d)} options={options.map((d) => ({ value: d, label: ACCEPTANCE_DECISION_LABELS[d] }))} />
          </Form.Item>
          {decision === 'fail' && (
            <Form.Item label={`应退回已拨付资金（已拨付 ${formatWan(v.ledger.netPaidYuan)}）`}>
              <WanInput value={owed} onChange={(x) => setOwed(x ?? undefined)} style={{ width: 200 }} />
            </Form.Item>
          )}
        </Space>
        {decision !== suggested && (
          <Form.Item name="overrideReason" label="与规则结论不同的理由" rules={[{ required: true, min: 4, message: '请说明理由（不少于4个字）' }]}><Input.TextArea rows={2} /></Form.Item>
        )}
        <Form.Item name="basis" label="结论依据" rules={[{ required: true, min: 2, message: '请填写结论依据' }]}><Input.TextArea rows={2} /></Form.Item>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`资金处理：${funds.text}`} />
        <Button type="primary" htmlType="submit" loading={decide.isPending}>确认结论</Button>
      </Form>
    </Card>
  );
}

function ResubmitCard({ v, projectId, onDone }: { v: View; projectId: string; onDone: () => void }) {
  const { message } = App.useApp();
  const re = useMutation({
    mutationFn: (body: unknown) => api.post(`/projects/${projectId}/acceptance/resubmit`, body),
    onSuccess: () => {
      message.success('已重新提交验收');
      onDone();
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Card size="small" title={`整改后重新提交（期限 ${v.application?.rectifyDueDate ?? ''}，限一次）`}>
      <Form layout="vertical" onFinish={(x: { report: string }) => re.mutate(x)}>
        <Form.Item name="report" label="整改情况说明" rules={[{ required: true, min: 4, message: '请填写整改情况（不少于4个字）' }]}><Input.TextArea rows={3} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={re.isPending}>重新提交验收</Button>
      </Form>
    </Card>
  );
}

function DecisionsCard({ v }: { v: View }) {
  return (
    <Card size="small" title="验收结论记录">
      <Table size="small" rowKey="id" pagination={false} dataSource={v.decisions} scroll={{ x: 900 }} columns={[
        { title: '时间', dataIndex: 'decidedAt', width: 170, render: (x: string) => formatDateTime(x) },
        { title: '评议', dataIndex: 'hearingNo', width: 70, render: (n: number) => `第${n}次` },
        { title: '结论', dataIndex: 'decision', width: 150, render: (d: AcceptanceDecision) => <Tag color={DECISION_COLORS[d]}>{ACCEPTANCE_DECISION_LABELS[d]}</Tag> },
        { title: '核心指标完成率', dataIndex: 'corePercent', width: 120, render: (p: string) => formatPercent(p) },
        { title: '规则与理由', dataIndex: 'explanation', render: (e: string, r) => <>{e}{r.overrideReason && <div>调整理由：{r.overrideReason}</div>}<div>依据：{r.basis}</div></> },
        { title: '资金处理', dataIndex: 'fundsText', width: 200 },
      ]} />
    </Card>
  );
}
