/** The round's applications with what every step has recorded so far: score, rank, inspection, amounts, status. */
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { formatCenti, REVIEW_OUTCOME_STATUS_LABELS, REVIEW_OUTCOME_STATUSES, type ReviewRoundApplication } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { wanText } from '../../../lib/wan';
import type { RoundTabProps } from './tabs';

export function RoundApplicationsTab({ round }: RoundTabProps) {
  const apps = useQuery({ queryKey: ['review', 'round', round.id, 'applications'], queryFn: () => api.get<{ items: ReviewRoundApplication[] }>(`/review/rounds/${round.id}/applications`) });
  const columns: ProColumns<ReviewRoundApplication>[] = [
    { title: '排名', dataIndex: 'rank', width: 64, sorter: (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity), render: (_, r) => r.rank ?? '—' },
    { title: '申报编号', dataIndex: 'applicationNo', width: 150, render: (_, r) => <Link to={`/applications/${r.applicationId}`}>{r.applicationNo}</Link> },
    { title: '项目名称', dataIndex: 'title', ellipsis: true },
    { title: '申报单位', dataIndex: 'organisationName', width: 200, ellipsis: true },
    { title: '得分', dataIndex: 'scoreCenti', width: 80, sorter: (a, b) => (a.scoreCenti ?? -1) - (b.scoreCenti ?? -1), render: (_, r) => (r.scoreCenti === null ? '—' : <>{formatCenti(r.scoreCenti)}{r.divergent && <Tag color="orange" style={{ marginLeft: 4 }}>分歧</Tag>}</>) },
    { title: '实地核查', dataIndex: 'inspection', width: 90, render: (_, r) => (r.inspection === null ? '—' : r.inspection === 'passed' ? <Tag color="green">通过</Tag> : <Tag color="red">不通过</Tag>) },
    { title: '方案金额（万元）', dataIndex: 'plannedAmountYuan', width: 120, align: 'right', render: (_, r) => (r.plannedAmountYuan === null ? '—' : wanText(r.plannedAmountYuan)) },
    { title: '决定金额（万元）', dataIndex: 'decidedAmountYuan', width: 120, align: 'right', render: (_, r) => (r.decidedAmountYuan === null ? '—' : wanText(r.decidedAmountYuan)) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 100,
      filters: REVIEW_OUTCOME_STATUSES.map((s) => ({ text: REVIEW_OUTCOME_STATUS_LABELS[s], value: s })),
      onFilter: (v, r) => r.status === v,
      render: (_, r) => <Tag color={r.status === 'approved' ? 'green' : r.status === 'inReview' ? 'blue' : 'default'}>{REVIEW_OUTCOME_STATUS_LABELS[r.status]}</Tag>,
    },
  ];
  return (
    <ProTable<ReviewRoundApplication>
      rowKey="applicationId"
      columns={columns}
      dataSource={apps.data?.items ?? []}
      loading={apps.isLoading}
      search={false}
      options={false}
      pagination={{ pageSize: 20, showSizeChanger: true }}
    />
  );
}
