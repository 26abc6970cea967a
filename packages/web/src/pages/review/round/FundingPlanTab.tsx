/**
 * 资金方案 (stage 'planning'): the engine's exact plan within the programme-year's available budget and the
 * category caps (BL-4, BL-7), every candidate in or out with its reason, the plain merit-order fill beside it,
 * overrides with a recorded reason, and confirmation that moves the round to the party meeting.
 */
import { ModalForm, ProForm, ProFormDigit, ProFormSelect, ProFormTextArea, ProTable, type ProColumns } from '@ant-design/pro-components';
import { formatCenti, yuanToWan, type FundingPlanCandidateView, type FundingPlanResponse, type FundingPlanView, type ReviewRoundApplication } from '@kechuang/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { useCan } from '../../../app/session';
import { EChart } from '../../../components/EChart';
import { formatDateTime } from '../../../lib/time';
import { WanInput, wanRules, wanText } from '../../../lib/wan';
import { parseWan } from '@kechuang/domain';
import type { RoundTabProps } from './tabs';

const STATUS_TAG: Record<FundingPlanCandidateView['engineStatus'], { color: string; text: string }> = {
  selected: { color: 'green', text: '入选' },
  notSelected: { color: 'default', text: '未入选' },
  noDistrictFunds: { color: 'purple', text: '本级不补助' },
};

interface ComputeValues {
  objective: 'score' | 'scoreWeightedAmount';
  caps: Record<string, { budgetWan?: string; count?: number }>;
}

function CategoryChart({ plan }: { plan: FundingPlanView }) {
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: plan.categories.map((c) => c.name) },
    yAxis: { type: 'value', name: '万元' },
    series: [
      { name: '择优方案', type: 'bar', data: plan.categories.map((c) => yuanToWan(c.amountYuan)), itemStyle: { color: '#1677ff' } },
      { name: '按排名填充', type: 'bar', data: plan.categories.map((c) => yuanToWan(c.meritOrderAmountYuan)), itemStyle: { color: '#bfbfbf' } },
      // A category without a cap of its own is bounded by the whole available budget.
      { name: '上限', type: 'bar', data: plan.categories.map((c) => yuanToWan(c.budgetCapYuan ?? plan.budgetYuan)), itemStyle: { color: '#ffd591' } },
    ],
  }), [plan]);
  return <EChart option={option} height={240} ariaLabel="各类别资金使用与上限（万元）" />;
}

function OverrideDialog({ candidate, roundId, version, onDone }: { candidate: FundingPlanCandidateView; roundId: string; version: number; onDone: (r: FundingPlanResponse) => void }) {
  const onError = useApiErrorHandler();
  const action = candidate.selected ? 'exclude' : 'include';
  return (
    <ModalForm<{ reason: string }>
      title={`${action === 'include' ? '调入方案' : '调出方案'}：${candidate.applicationNo}`}
      width={520}
      modalProps={{ destroyOnHidden: true }}
      trigger={<Button size="small" type="link" disabled={candidate.engineStatus === 'noDistrictFunds' && action === 'include'}>{action === 'include' ? '调入' : '调出'}</Button>}
      onFinish={async (values) => {
        try {
          onDone(await api.post<FundingPlanResponse>(`/review/rounds/${roundId}/funding-plan/overrides`, { applicationNo: candidate.applicationNo, action, reason: values.reason }));
          return true;
        } catch (error) {
          onError(error);
          return false;
        }
      }}
    >
      <Typography.Paragraph type="secondary">
        {candidate.title}（{candidate.organisationName}），测算金额 {wanText(candidate.computedYuan)}。调整后方案仍须在年度可用预算和类别上限之内；调整理由记入第{version + 1}版方案和审计日志。
      </Typography.Paragraph>
      <ProFormTextArea name="reason" label="调整理由" rules={[{ required: true, whitespace: true, message: '请填写调整理由' }, { min: 2, message: '请填写调整理由（至少2个字）' }]} fieldProps={{ maxLength: 500, showCount: true, rows: 3 }} />
    </ModalForm>
  );
}

export function FundingPlanTab({ round }: RoundTabProps & { refresh: () => void }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const client = useQueryClient();
  const canManage = useCan('review.manage') && round.stage === 'planning';
  const key = ['review', 'round', round.id, 'funding-plan'];
  const plan = useQuery({ queryKey: key, queryFn: () => api.get<FundingPlanResponse>(`/review/rounds/${round.id}/funding-plan`) });
  const apps = useQuery({ queryKey: ['review', 'round', round.id, 'applications'], queryFn: () => api.get<{ items: ReviewRoundApplication[] }>(`/review/rounds/${round.id}/applications`) });
  const [filter, setFilter] = useState<'all' | 'in' | 'out' | 'diff'>('all');
  const set = (r: FundingPlanResponse) => client.setQueryData(key, r);
  const confirm = useMutation({
    mutationFn: (version: number) => api.post<FundingPlanResponse>(`/review/rounds/${round.id}/funding-plan/confirm`, { version }),
    onSuccess: (r) => {
      set(r);
      void message.success('资金方案已确认，评审进入局党组会议');
      void client.invalidateQueries({ queryKey: ['review', 'round', round.id] });
    },
    onError: (e) => onError(e),
  });
  const categories = [...new Set((apps.data?.items ?? []).map((a) => a.categoryCode))].sort();
  const p = plan.data?.plan ?? null;

  const computeButton = canManage && (
    <ModalForm<ComputeValues>
      title="生成资金方案"
      width={560}
      modalProps={{ destroyOnHidden: true }}
      initialValues={{ objective: p?.objective ?? 'score' }}
      trigger={<Button type={p ? 'default' : 'primary'}>{p ? '重新生成' : '生成资金方案'}</Button>}
      onFinish={async (v) => {
        const caps = Object.entries(v.caps ?? {}).map(([code, c]) => {
          const budget = c?.budgetWan ? parseWan(c.budgetWan) : null;
          return { code, budgetCapYuan: budget && budget.ok ? budget.yuan : null, countCap: c?.count ?? null };
        });
        try {
          set(await api.post<FundingPlanResponse>(`/review/rounds/${round.id}/funding-plan`, { objective: v.objective, categoryCaps: caps }));
          void message.success('已按年度可用预算生成资金方案');
          return true;
        } catch (error) {
          onError(error);
          return false;
        }
      }}
    >
      <Typography.Paragraph type="secondary">候选项目为已评分、实地核查通过（或无需核查）且仍在评审中的申报书；金额按申报书适用的政策版本测算（BL-5、BL-6，与上级项目重复的按 BL-7 就高）。重新生成将清除本版的调整。</Typography.Paragraph>
      <ProFormSelect name="objective" label="择优目标" fieldProps={{ 'aria-label': '择优目标' }} options={[{ value: 'score', label: '入选项目总分最高（默认）' }, { value: 'scoreWeightedAmount', label: '得分×金额之和最高' }]} />
      {categories.map((code) => (
        <Row key={code} gutter={12}>
          <Col span={12}><ProForm.Item name={['caps', code, 'budgetWan']} label={`${code} 类资金上限`} rules={wanRules('类别资金上限')}><WanInput placeholder="不限" aria-label={`${code} 类资金上限`} /></ProForm.Item></Col>
          <Col span={12}><ProFormDigit name={['caps', code, 'count']} label={`${code} 类名额上限`} min={0} fieldProps={{ precision: 0, placeholder: '不限' }} /></Col>
        </Row>
      ))}
    </ModalForm>
  );

  if (plan.isLoading) return <Card loading />;
  if (!p) {
    return (
      <Card>
        <Empty description={round.stage === 'planning' ? '尚未生成资金方案' : '资金方案在“实地核查”之后的“资金方案”阶段生成'}>{computeButton}</Empty>
      </Card>
    );
  }

  const columns: ProColumns<FundingPlanCandidateView>[] = [
    { title: '排名', dataIndex: 'rank', width: 52 },
    { title: '申报编号', dataIndex: 'applicationNo', width: 132, render: (_, c) => <Link to={`/applications/${c.applicationId}`}>{c.applicationNo}</Link> },
    { title: '项目 / 申报单位', dataIndex: 'title', ellipsis: true, render: (_, c) => <><div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{c.title}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.organisationName}</Typography.Text></> },
    { title: '类别', dataIndex: 'categoryName', width: 68 },
    { title: '得分', dataIndex: 'scoreCenti', width: 60, render: (_, c) => formatCenti(c.scoreCenti) },
    { title: '申请', dataIndex: 'requestedYuan', width: 78, align: 'right', render: (_, c) => wanText(c.requestedYuan) },
    { title: '测算金额', dataIndex: 'computedYuan', width: 96, align: 'right', render: (_, c) => <>{wanText(c.computedYuan)}{c.higherLevelYuan !== null && <Tag color="purple" style={{ marginLeft: 4, marginRight: 0 }}>就高</Tag>}</> },
    {
      title: '方案',
      dataIndex: 'selected',
      width: 100,
      render: (_, c) => (
        <Space size={2} wrap>
          <Tag color={c.selected ? 'green' : STATUS_TAG[c.engineStatus].color}>{c.selected ? '入选' : STATUS_TAG[c.engineStatus].text}</Tag>
          {c.override && <Tag color="orange">已调整</Tag>}
        </Space>
      ),
    },
    { title: '排名填充', dataIndex: 'inMeritOrder', width: 80, render: (_, c) => (c.inMeritOrder ? <Tag color="blue">入选</Tag> : <Tag>未入选</Tag>) },
    ...(canManage ? [{ title: '操作', key: 'op', width: 56, render: (_: unknown, c: FundingPlanCandidateView) => <OverrideDialog candidate={c} roundId={round.id} version={p.version} onDone={set} /> }] : []),
  ];
  const rows = p.candidates.filter((c) => (filter === 'in' ? c.selected : filter === 'out' ? !c.selected : filter === 'diff' ? c.selected !== c.inMeritOrder : true));
  const selectedCount = p.candidates.filter((c) => c.selected).length;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={<>资金方案 第{p.version}版 <Tag color={p.status === 'confirmed' ? 'green' : 'blue'}>{p.status === 'confirmed' ? '已确认' : '草案'}</Tag></>}
        extra={
          <Space>
            {computeButton}
            {canManage && (
              <Popconfirm title="确认资金方案？" description={`入选 ${selectedCount} 项，合计 ${wanText(p.totalYuan)}；其余候选项目标记为未入选（保留得分与排名），评审进入局党组会议。`} okText="确认" cancelText="取消" onConfirm={() => confirm.mutate(p.version)}>
                <Button type="primary" loading={confirm.isPending}>确认方案</Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Row gutter={16}>
          <Col span={13}>
            <Descriptions size="small" column={2} items={[
              { key: 'budget', label: '年度可用预算', children: wanText(p.budgetYuan) },
              { key: 'total', label: '方案合计', children: <b>{wanText(p.totalYuan)}</b> },
              { key: 'count', label: '入选 / 候选', children: `${selectedCount} / ${p.candidates.length} 项` },
              { key: 'merit', label: '按排名填充', children: `${p.meritOrder.selected.length} 项，${wanText(p.meritOrder.totalYuan)}` },
              { key: 'proof', label: '最优性', span: 2, children: p.optimal ? <Tag color="green">已证明最优{p.tieBreakProven ? '，同分按 BL-4 次序唯一' : ''}（上界 = 目标值{p.proof.nodes > 0 ? `，搜索 ${p.proof.nodes} 个节点` : '，根节点即得证'}）</Tag> : <Tag color="orange">未证明最优（上界 {p.bestBound}）</Tag> },
              { key: 'by', label: '生成', span: 2, children: `${p.createdBy ?? '—'} ${formatDateTime(p.createdAt)}${p.confirmedAt ? `；${p.confirmedBy ?? ''} 确认于 ${formatDateTime(p.confirmedAt)}` : ''}` },
            ]} />
            <Alert style={{ marginTop: 8 }} type="info" showIcon message={p.summary} description={p.difference.text} />
          </Col>
          <Col span={11}><CategoryChart plan={p} /></Col>
        </Row>
      </Card>
      {p.overrides.length > 0 && (
        <Alert type="warning" showIcon message={`本版方案有 ${p.overrides.length} 项调整`} description={<ul style={{ margin: 0, paddingLeft: 18 }}>{p.overrides.map((o, i) => <li key={i}>{o.action === 'include' ? '调入' : '调出'} {o.applicationNo}：{o.reason}（{o.by ?? '—'}，{formatDateTime(o.at)}）</li>)}</ul>} />
      )}
      <ProTable<FundingPlanCandidateView>
        rowKey="applicationNo"
        headerTitle="候选项目（按 BL-4 次序：得分、提交时间、申报编号）"
        columns={columns}
        dataSource={rows}
        search={false}
        options={false}
        size="small"
        pagination={{ pageSize: 20, showSizeChanger: true }}
        toolbar={{
          menu: {
            type: 'tab',
            activeKey: filter,
            onChange: (k) => setFilter((k as typeof filter) ?? 'all'),
            items: [{ key: 'all', label: '全部' }, { key: 'in', label: '入选' }, { key: 'out', label: '未入选' }, { key: 'diff', label: '与排名填充不同' }],
          },
        }}
        expandable={{
          // Every candidate's reason is shown, not hidden behind a click: that is what the officer reads.
          defaultExpandAllRows: true,
          expandedRowRender: (c) => (
            <div style={{ maxWidth: 1100, fontSize: 13 }}>
              <Typography.Paragraph style={{ marginBottom: 4, fontSize: 13 }}><b>理由：</b>{c.explanation}</Typography.Paragraph>
              {c.override && <Typography.Paragraph style={{ marginBottom: 4 }}><b>调整：</b>{c.override.action === 'include' ? '调入' : '调出'}，{c.override.reason}（{c.override.by ?? '—'}）</Typography.Paragraph>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}><b>金额测算：</b>{c.amountBasis.join('；') || '—'}</Typography.Text>
            </div>
          ),
        }}
      />
    </Space>
  );
}
