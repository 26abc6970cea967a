/** One acceptance verification: every indicator of the task book in force, met or not, with the achieved value and evidence. */
import { PageContainer } from '@ant-design/pro-components';
import { ACCEPTANCE_MATERIALS, type ExpertAcceptanceReview } from '@kechuang/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Radio, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../../api/client';

type Verdict = { met: boolean | null; achievedValue: string; evidence: string };

export default function AcceptanceReviewPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['expert', 'acceptance-review', id], queryFn: () => api.get<ExpertAcceptanceReview>(`/expert/acceptance-reviews/${id}`) });
  const [verdicts, setVerdicts] = useState<Record<number, Verdict>>({});
  const [opinion, setOpinion] = useState('');
  useEffect(() => {
    if (!q.data) return;
    setVerdicts(Object.fromEntries(q.data.indicators.map((i) => [i.index, { met: i.verdict?.met ?? null, achievedValue: i.verdict?.achievedValue ?? '', evidence: i.verdict?.evidence ?? '' }])));
    setOpinion(q.data.opinion);
  }, [q.data]);
  const body = () => ({ verdicts: Object.entries(verdicts).filter(([, v]) => v.met !== null).map(([index, v]) => ({ index: Number(index), met: v.met!, achievedValue: v.achievedValue, evidence: v.evidence })), opinion });
  const done = (data: ExpertAcceptanceReview, text: string) => {
    qc.setQueryData(['expert', 'acceptance-review', id], data);
    void qc.invalidateQueries({ queryKey: ['expert', 'acceptance-reviews'] });
    message.success(text);
  };
  const save = useMutation({ mutationFn: () => api.put<ExpertAcceptanceReview>(`/expert/acceptance-reviews/${id}`, body()), onSuccess: (d) => done(d, '已保存'), onError: (e) => message.error(e.message) });
  const submit = useMutation({
    mutationFn: async () => {
      await api.put(`/expert/acceptance-reviews/${id}`, body());
      return api.post<ExpertAcceptanceReview>(`/expert/acceptance-reviews/${id}/submit`);
    },
    onSuccess: (d) => done(d, '已提交核查意见'),
    onError: (e) => message.error(e.message),
  });
  const r = q.data;
  if (!r) return <PageContainer title="验收评审" loading />;
  const set = (index: number, patch: Partial<Verdict>) => setVerdicts((v) => ({ ...v, [index]: { ...v[index]!, ...patch } }));
  return (
    <PageContainer title={`验收评审：${r.title}`} breadcrumbRender={false} content={`${r.projectNo} · ${r.organisationName} · 第${r.hearingNo}次评议`}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {!r.editable && <Alert type="success" showIcon message={r.status === 'submitted' ? '核查意见已提交，不可修改。' : '本次评议已结束。'} />}
        <Card size="small" title="验收申请说明与材料">
          <p>{r.summary}</p>
          {r.materials.map((m) => <Tag key={m.id}>{ACCEPTANCE_MATERIALS[m.kind].label}：{m.fileName}</Tag>)}
        </Card>
        <Card size="small" title="对照任务书逐项核查考核指标">
          <Table size="small" rowKey="index" pagination={false} dataSource={r.indicators} scroll={{ x: 1000 }} columns={[
            { title: '指标', dataIndex: 'name', width: 200, render: (n: string, i) => <Space>{n}{i.core && <Tag color="blue">核心</Tag>}</Space> },
            { title: '现有值 → 目标值', dataIndex: 'targetValue', width: 150, render: (t: string, i) => `${i.currentValue} → ${t} ${i.unit}` },
            { title: '是否完成', dataIndex: 'index', width: 150, render: (index: number, i) => (
              <Radio.Group disabled={!r.editable} value={verdicts[index]?.met} onChange={(e) => set(index, { met: e.target.value as boolean })} aria-label={`${i.name}是否完成`}
                options={[{ value: true, label: '完成' }, { value: false, label: '未完成' }]} />
            ) },
            { title: '完成值', dataIndex: 'index', width: 160, render: (index: number, i) => <Input disabled={!r.editable} aria-label={`${i.name}完成值`} value={verdicts[index]?.achievedValue} onChange={(e) => set(index, { achievedValue: e.target.value })} /> },
            { title: '佐证', dataIndex: 'index', render: (index: number, i) => <Input disabled={!r.editable} aria-label={`${i.name}佐证`} value={verdicts[index]?.evidence} onChange={(e) => set(index, { evidence: e.target.value })} /> },
          ]} />
        </Card>
        <Card size="small" title="专家意见">
          <Input.TextArea aria-label="专家意见" rows={3} disabled={!r.editable} value={opinion} onChange={(e) => setOpinion(e.target.value)} />
          {r.editable && (
            <Space style={{ marginTop: 12 }}>
              <Button onClick={() => save.mutate()} loading={save.isPending}>保存</Button>
              <Button type="primary" onClick={() => submit.mutate()} loading={submit.isPending}>提交核查意见</Button>
            </Space>
          )}
        </Card>
      </Space>
    </PageContainer>
  );
}
