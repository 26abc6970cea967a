/**
 * 绩效评价 (BL-12, P315-4): the evaluation of a project in acceptance or closed — the class and its weights, each
 * task-book indicator's achieved value against its target, the officer's component scores, the exact total and grade.
 * A lump-sum (包干制) project is scored on outcomes only.
 */
import {
  INDICATOR_KIND_LABELS,
  OUTCOME_COMPONENTS,
  PERFORMANCE_CLASS_LABELS,
  PERFORMANCE_COMPONENT_LABELS,
  PERFORMANCE_COMPONENTS,
  PERFORMANCE_GRADE_LABELS,
  PERFORMANCE_GRADES_LABEL,
  PERFORMANCE_WEIGHTS_LABEL,
  formatCentiPoints,
  type PerformanceEvaluationView,
  type ProjectPerformance,
} from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { formatDateTime } from '../../../lib/time';
import type { ProjectTabProps } from './tabs';

const GRADE_COLORS = { excellent: 'green', good: 'blue', pass: 'gold', fail: 'red' } as const;

/** '85.5' → 8550, exactly (no float); null when it is not a score of at most two decimals within 0–100. */
export function pointsToCenti(text: string | null | undefined): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec((text ?? '').trim());
  if (!m) return null;
  const centi = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return centi <= 10000 ? centi : null;
}

function EvaluationView({ e, weights }: { e: PerformanceEvaluationView; weights: ProjectPerformance['weights'] }) {
  return (
    <>
      <Card size="small" title="评价结果" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={3} items={[
          { key: 'total', label: '综合得分', children: <Typography.Text strong style={{ fontSize: 18 }}>{formatCentiPoints(e.totalCenti)}</Typography.Text> },
          { key: 'grade', label: '等级', children: <Tag color={GRADE_COLORS[e.grade]}>{PERFORMANCE_GRADE_LABELS[e.grade]}</Tag> },
          { key: 'class', label: '评价类别', children: PERFORMANCE_CLASS_LABELS[e.classKey] },
          { key: 'lump', label: '经费包干制', children: e.lumpSum ? '是：只评价产出与效果' : '否' },
          { key: 'by', label: '评价人', children: e.evaluatedBy },
          { key: 'at', label: '评价时间', children: formatDateTime(e.evaluatedAt) },
          { key: 'comment', label: '评价意见', span: 3, children: e.comment },
        ]} />
      </Card>
      <Card size="small" title="分项得分" style={{ marginBottom: 16 }} extra={<Typography.Text type="secondary">{PERFORMANCE_WEIGHTS_LABEL}</Typography.Text>}>
        <Table size="small" rowKey="key" pagination={false} dataSource={e.components} columns={[
          { title: '评价内容', dataIndex: 'key', render: (k: keyof typeof PERFORMANCE_COMPONENT_LABELS) => PERFORMANCE_COMPONENT_LABELS[k] },
          { title: '权重', dataIndex: 'weight', width: 80, render: (w: number, c) => (c.counted ? `${w}%` : <Typography.Text delete type="secondary">{weights[c.key]}%</Typography.Text>) },
          { title: '得分', dataIndex: 'scoreCenti', width: 90, align: 'right', render: (v: number, c) => (c.counted ? formatCentiPoints(v) : '—') },
          { title: '依据', dataIndex: 'basis' },
        ]} />
      </Card>
      <Card size="small" title="任务书指标完成情况">
        <Table size="small" rowKey="index" pagination={false} dataSource={e.indicators} columns={[
          { title: '指标', dataIndex: 'name', render: (n: string, i) => <>{n}{i.core && <Tag color="purple" style={{ marginLeft: 6 }}>核心</Tag>}</> },
          { title: '类型', dataIndex: 'kind', width: 90, render: (k: 'technical' | 'economic') => INDICATOR_KIND_LABELS[k] },
          { title: '目标', dataIndex: 'target', width: 140, render: (v: string, i) => `${v} ${i.unit}` },
          { title: '实际完成', dataIndex: 'achieved', width: 140, render: (v: string, i) => `${v} ${i.unit}` },
          { title: '完成度', dataIndex: 'achievementCenti', width: 120, align: 'right', render: (v: number, i) => `${formatCentiPoints(v)}%${i.how === 'judged' ? '（判定）' : ''}` },
        ]} />
      </Card>
    </>
  );
}

interface Row {
  achieved: string;
  met: boolean | null;
}

function EvaluationForm({ data, projectId, onSaved }: { data: ProjectPerformance; projectId: string; onSaved: () => void }) {
  const [rows, setRows] = useState<Row[]>(() => data.indicators.map(() => ({ achieved: '', met: null })));
  const [scores, setScores] = useState<Record<'benefit' | 'budget' | 'management', string>>({ benefit: '', budget: '', management: '' });
  const [comment, setComment] = useState('');
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const officerScored = data.lumpSum ? (['benefit'] as const) : (['benefit', 'budget', 'management'] as const);
  const submit = async () => {
    const centi = Object.fromEntries(officerScored.map((k) => [k, pointsToCenti(scores[k])]));
    const bad = officerScored.find((k) => centi[k] === null);
    if (bad) {
      void message.error(`请填写「${PERFORMANCE_COMPONENT_LABELS[bad]}」得分（0–100，最多两位小数）`);
      return;
    }
    setSaving(true);
    try {
      await api.post(`/projects/${projectId}/performance`, { indicators: rows.map((r, index) => ({ index, achieved: r.achieved, met: r.met })), scores: centi, comment });
      void message.success('已记录绩效评价');
      onSaved();
    } catch (error) {
      onError(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" title="记录绩效评价">
      <Table size="small" rowKey="index" pagination={false} dataSource={data.indicators} style={{ marginBottom: 16 }} columns={[
        { title: '任务书指标', dataIndex: 'name', render: (n: string, i) => <>{n}{i.core && <Tag color="purple" style={{ marginLeft: 6 }}>核心</Tag>}</> },
        { title: '类型', dataIndex: 'kind', width: 90, render: (k: 'technical' | 'economic') => INDICATOR_KIND_LABELS[k] },
        { title: '目标', dataIndex: 'target', width: 140, render: (v: string, i) => `${v} ${i.unit}` },
        { title: '实际完成值', width: 180, render: (_, i) => <Input aria-label={`${i.name}实际完成值`} value={rows[i.index]!.achieved} maxLength={100} suffix={i.unit} onChange={(e) => setRows((rs) => rs.map((r, j) => (j === i.index ? { ...r, achieved: e.target.value } : r)))} /> },
        { title: '是否达到', width: 130, render: (_, i) => <Select aria-label={`${i.name}是否达到`} allowClear placeholder="非数值时判定" style={{ width: 120 }} value={rows[i.index]!.met ?? undefined} onChange={(v?: boolean) => setRows((rs) => rs.map((r, j) => (j === i.index ? { ...r, met: v ?? null } : r)))} options={[{ value: true, label: '达到' }, { value: false, label: '未达到' }]} /> },
      ]} />
      <Form layout="vertical">
        <Space size={24} wrap>
          {officerScored.map((k) => (
            <Form.Item key={k} label={`${PERFORMANCE_COMPONENT_LABELS[k]}（权重 ${data.weights[k]}%）`} required>
              <InputNumber<string> stringMode aria-label={PERFORMANCE_COMPONENT_LABELS[k]} min="0" max="100" step="0.5" precision={2} style={{ width: 160 }} addonAfter="分" value={scores[k] || null} onChange={(v) => setScores((s) => ({ ...s, [k]: v ?? '' }))} />
            </Form.Item>
          ))}
        </Space>
        <Form.Item label="评价意见" required>
          <Input.TextArea aria-label="评价意见" value={comment} maxLength={2000} autoSize={{ minRows: 3, maxRows: 6 }} onChange={(e) => setComment(e.target.value)} />
        </Form.Item>
        <Button type="primary" loading={saving} onClick={() => void submit()}>计算并记录</Button>
      </Form>
    </Card>
  );
}

export function PerformanceTab({ project, refresh }: ProjectTabProps) {
  const q = useQuery({ queryKey: ['projects', project.id, 'performance'], queryFn: ({ signal }) => api.get<ProjectPerformance>(`/projects/${project.id}/performance`, undefined, signal) });
  const d = q.data;
  if (!d) return <Card loading={q.isLoading} />;
  const counted = d.lumpSum ? OUTCOME_COMPONENTS : PERFORMANCE_COMPONENTS;
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`分类评价：${PERFORMANCE_CLASS_LABELS[d.classKey]}${d.lumpSum ? '；经费包干制项目只评价产出与效果，不计预算执行和组织管理' : ''}`}
        description={<>{PERFORMANCE_WEIGHTS_LABEL}：{counted.map((k) => `${PERFORMANCE_COMPONENT_LABELS[k]} ${d.weights[k]}%`).join('，')}。{PERFORMANCE_GRADES_LABEL}。</>}
      />
      {d.evaluation ? (
        <EvaluationView e={d.evaluation} weights={d.weights} />
      ) : d.canRecord ? (
        <EvaluationForm data={d} projectId={project.id} onSaved={() => { void q.refetch(); refresh(); }} />
      ) : (
        <Alert type="warning" showIcon title="尚未进行绩效评价" description={d.reason} />
      )}
    </>
  );
}
