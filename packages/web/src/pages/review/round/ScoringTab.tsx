/**
 * 专家评审 (不见面评审, P315-5) of a round, for officers and observers: the rubric, progress per expert and per
 * application, the optional panel meeting (会评), closing with aggregation (→ 实地核查), and the results with
 * rank and divergence. Officers see experts' names; experts never reach this tab.
 */
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { formatCenti, SHEET_STATUS_LABELS, type ReviewRoundApplication, type ScoringProgress } from '@kechuang/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Input, Modal, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { useCan } from '../../../app/session';
import { EChart } from '../../../components/EChart';
import { formatDateTime } from '../../../lib/time';
import { PanelMeeting } from './PanelMeeting';
import { RubricEditor } from './RubricEditor';
import type { RoundTabProps } from './tabs';

type AppRow = ScoringProgress['applications'][number];

export function ScoringTab({ round, refresh }: RoundTabProps) {
  const canManage = useCan('review.manage');
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const [closing, setClosing] = useState(false);
  const [reason, setReason] = useState('');
  const progress = useQuery({
    queryKey: ['review', 'round', round.id, 'scoring'],
    queryFn: () => api.get<ScoringProgress>(`/review/rounds/${round.id}/scoring`),
    // The live tracker: while a panel meeting is open, every viewer re-reads the current item every 5 s.
    refetchInterval: (q) => (q.state.data?.panel?.status === 'open' ? 5000 : false),
  });
  const apps = useQuery({ queryKey: ['review', 'round', round.id, 'applications'], queryFn: () => api.get<{ items: ReviewRoundApplication[] }>(`/review/rounds/${round.id}/applications`) });
  const close = useMutation({
    mutationFn: () => api.post<{ stage: string; aggregated: number }>(`/review/rounds/${round.id}/scoring/close`, { reason }),
    onSuccess: (r) => {
      setClosing(false);
      void message.success(`评分已结束，${r.aggregated} 份申报书已汇总排名，进入实地核查`);
      void qc.invalidateQueries({ queryKey: ['review', 'round', round.id] });
      refresh();
    },
    onError: (e) => onError(e),
  });
  const p = progress.data;
  if (!p) return null;
  const scoring = round.stage === 'scoring';
  const closed = !['assigning', 'scoring'].includes(round.stage);
  const missing = p.sheets.total - p.sheets.submitted;
  const pastDeadline = p.closesAt !== null && new Date(p.closesAt).getTime() <= Date.now();
  const columns: ProColumns<AppRow>[] = [
    ...(closed ? [{ title: '排名', dataIndex: 'rank', width: 64, sorter: (a: AppRow, b: AppRow) => (a.rank ?? 1e9) - (b.rank ?? 1e9), defaultSortOrder: 'ascend' as const, render: (_: unknown, r: AppRow) => r.rank ?? '—' }] : []),
    { title: '申报编号', dataIndex: 'applicationNo', width: 150, sorter: (a, b) => a.applicationNo.localeCompare(b.applicationNo) },
    { title: '项目名称', dataIndex: 'title', ellipsis: true, render: (_, r) => <>{r.title}{r.champion && <Tag color="gold" style={{ marginLeft: 4 }}>冠军企业</Tag>}</> },
    { title: '评分进度', dataIndex: 'submitted', width: 150, sorter: (a, b) => a.submitted / (a.total || 1) - b.submitted / (b.total || 1), render: (_, r) => <Space size={4}>{`${r.submitted}/${r.total}`}{r.total > 0 && r.submitted === r.total && <Tag color="green">已齐</Tag>}</Space> },
    { title: '专家评分', dataIndex: 'sheets', width: 330, render: (_, r) => <Space size={4} wrap>{r.sheets.map((s) => <Tag key={s.assignmentId} color={s.status === 'submitted' ? 'green' : s.status === 'draft' ? 'blue' : 'default'}>{s.expertName} {s.totalCenti === null ? SHEET_STATUS_LABELS[s.status] : formatCenti(s.adjustedCenti ?? s.totalCenti)}{s.adjustedCenti !== null ? '（会评调整）' : ''}</Tag>)}</Space> },
    { title: '得分', dataIndex: 'scoreCenti', width: 100, sorter: (a, b) => (a.scoreCenti ?? -1) - (b.scoreCenti ?? -1), render: (_, r) => (r.scoreCenti === null ? '—' : <>{formatCenti(r.scoreCenti)}{r.divergent && <Tag color="orange" style={{ marginLeft: 4 }}>分歧</Tag>}</>) },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col span={6}><Card size="small"><Statistic title="已提交评分表" value={p.sheets.submitted} suffix={`/ ${p.sheets.total}`} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title="评分截止（北京时间）" value={p.closesAt ? formatDateTime(p.closesAt) : '未设置'} valueStyle={{ fontSize: 18 }} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title="已发送提醒" value={p.experts.reduce((s, e) => s + e.reminded, 0)} suffix="份" /></Card></Col>
        <Col span={6}>
          <Card size="small">
            {scoring && canManage ? (
              <Space direction="vertical">
                <Typography.Text type="secondary">{missing ? `尚有 ${missing} 份未提交${pastDeadline ? '（已过截止时间）' : ''}` : '评分表已全部提交'}</Typography.Text>
                <Button type="primary" disabled={missing > 0 && !pastDeadline} onClick={() => setClosing(true)}>结束评分并汇总</Button>
              </Space>
            ) : (
              <Statistic title="阶段" value={closed ? '评分已结束' : '尚未开始评分'} valueStyle={{ fontSize: 18 }} />
            )}
          </Card>
        </Col>
      </Row>
      {p.experts.length > 0 && (
        <Card size="small" title="按专家的评分进度">
          <EChart
            ariaLabel="按专家的评分进度柱状图"
            height={Math.max(160, 36 * p.experts.length)}
            option={{
              tooltip: { trigger: 'axis' },
              legend: { data: ['已提交', '未提交'] },
              grid: { left: 110, right: 24, top: 32, bottom: 24 },
              xAxis: { type: 'value', minInterval: 1 },
              yAxis: { type: 'category', data: p.experts.map((e) => e.name) },
              series: [
                { name: '已提交', type: 'bar', stack: 'n', data: p.experts.map((e) => e.submitted), itemStyle: { color: '#52c41a' } },
                { name: '未提交', type: 'bar', stack: 'n', data: p.experts.map((e) => e.total - e.submitted), itemStyle: { color: '#d9d9d9' } },
              ],
            }}
          />
        </Card>
      )}
      <ProTable<AppRow>
        headerTitle={closed ? '汇总结果（排名按 BL-4：得分、提交时间、申报编号）' : '按申报书的评分进度'}
        rowKey="applicationId"
        columns={columns}
        dataSource={p.applications}
        search={false}
        options={false}
        pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (n) => `共 ${n} 条` }}
      />
      <PanelMeeting roundId={round.id} progress={p} canManage={canManage} />
      <RubricEditor roundId={round.id} canManage={canManage} applications={apps.data?.items ?? []} />
      <Modal open={closing} title="结束评分并汇总排名" okText="结束评分" cancelText="取消" onCancel={() => setClosing(false)} confirmLoading={close.isPending} onOk={() => close.mutate()} okButtonProps={{ disabled: missing > 0 && reason.trim().length < 2 }}>
        {missing > 0 ? (
          <>
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`尚有 ${missing} 份评分表未提交，将按已提交的评分汇总。`} description={p.applications.flatMap((a) => a.sheets.filter((s) => s.status !== 'submitted').map((s) => `${a.applicationNo}（${s.expertName}）`)).join('、')} />
            <Input.TextArea aria-label="结束评分的理由" placeholder="请填写在缺少评分的情况下结束评分的理由" value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 2 }} />
          </>
        ) : (
          <Typography.Paragraph>全部评分表已提交。结束后将按评分细则汇总得分、排名并标记分歧，评审进入“实地核查”阶段，此操作不可撤回。</Typography.Paragraph>
        )}
      </Modal>
    </Space>
  );
}
