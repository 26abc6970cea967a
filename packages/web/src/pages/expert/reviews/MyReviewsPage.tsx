/**
 * 我的评审 (review.score): the signed-in expert's own assignments (never declined ones, never another expert's),
 * with the time left in each scoring window (Asia/Shanghai) and where each sheet stands.
 */
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { countdownText, SHEET_STATUS_LABELS, type MyAssignment } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Button, Tag } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { formatDateTime } from '../../../lib/time';

/** What the expert has to do next on an assignment, in words. */
export function assignmentStatus(a: Pick<MyAssignment, 'closesAt' | 'openedAt' | 'sheetStatus'>, now = new Date()): { text: string; color: string } {
  if (a.sheetStatus === 'submitted') return { text: '已提交', color: 'green' };
  if (a.closesAt && new Date(a.closesAt).getTime() <= now.getTime()) return { text: '已截止未提交', color: 'red' };
  if (!a.openedAt) return { text: '待回避声明', color: 'orange' };
  return { text: a.sheetStatus === 'draft' ? '评分中（草稿）' : '待评分', color: 'blue' };
}

export default function MyReviewsPage() {
  const list = useQuery({ queryKey: ['expert', 'reviews'], queryFn: () => api.get<{ items: MyAssignment[]; total: number }>('/review/my-assignments') });
  const columns: ProColumns<MyAssignment>[] = [
    { title: '申报编号', dataIndex: 'applicationNo', width: 150, sorter: (a, b) => a.applicationNo.localeCompare(b.applicationNo) },
    { title: '项目名称', dataIndex: 'title', ellipsis: true, render: (_, r) => <Link to={`/expert/reviews/${r.id}`}>{r.title}</Link> },
    { title: '申报指南', dataIndex: 'callTitle', width: 260, ellipsis: true },
    {
      title: '评分截止',
      dataIndex: 'closesAt',
      width: 190,
      sorter: (a, b) => (a.closesAt ?? '').localeCompare(b.closesAt ?? ''),
      render: (_, r) => (r.closesAt ? <span>{formatDateTime(r.closesAt)}<br /><small>{countdownText(new Date(r.closesAt), new Date())}</small></span> : '—'),
    },
    {
      title: '状态',
      dataIndex: 'sheetStatus',
      width: 130,
      filters: Object.entries(SHEET_STATUS_LABELS).map(([value, text]) => ({ text, value })),
      onFilter: (v, r) => r.sheetStatus === v,
      render: (_, r) => {
        const s = assignmentStatus(r);
        return <Tag color={s.color}>{s.text}</Tag>;
      },
    },
    { title: '操作', valueType: 'option', width: 100, render: (_, r) => <Link to={`/expert/reviews/${r.id}`}><Button size="small" type="link">{r.sheetStatus === 'submitted' ? '查看' : '进入评审'}</Button></Link> },
  ];
  return (
    <PageContainer title="我的评审" breadcrumbRender={false} content="不见面评审（P315-5）：打开申报书前须先声明是否需要回避；评分表须在截止时间前提交，提交后不可修改。您只能看到分配给本人的评审任务。">
      <ProTable<MyAssignment>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        search={false}
        options={false}
        pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (n) => `共 ${n} 条` }}
      />
    </PageContainer>
  );
}
