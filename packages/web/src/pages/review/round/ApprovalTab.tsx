/**
 * 立项 (stage 'notice' / 'approved'): whether the public notice has cleared (period over, no open objection),
 * the list the executive meeting decided with its total against the programme-year's ledger (BL-4), and the
 * approval that creates the projects and commits their amounts in one step.
 */
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import type { ApprovalView } from '@kechuang/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { useCan } from '../../../app/session';
import { wanText } from '../../../lib/wan';
import type { RoundTabProps } from './tabs';

type Item = ApprovalView['items'][number];

const columns: ProColumns<Item>[] = [
  { title: '申报编号', dataIndex: 'applicationNo', width: 150, render: (_, r) => <Link to={`/applications/${r.applicationId}`}>{r.applicationNo}</Link> },
  { title: '项目名称', dataIndex: 'title', ellipsis: true },
  { title: '申报单位', dataIndex: 'organisationName', width: 220, ellipsis: true },
  { title: '类别', dataIndex: 'categoryName', width: 90 },
  { title: '决定金额', dataIndex: 'amountYuan', width: 120, align: 'right', render: (_, r) => wanText(r.amountYuan) },
  { title: '立项编号', dataIndex: 'projectNo', width: 180, render: (_, r) => r.projectNo ?? '—' },
];

export function ApprovalTab({ round, refresh }: RoundTabProps) {
  const { message, modal } = App.useApp();
  const onError = useApiErrorHandler();
  const client = useQueryClient();
  const key = ['review', 'round', round.id, 'approval'];
  const view = useQuery({ queryKey: key, queryFn: () => api.get<ApprovalView>(`/review/rounds/${round.id}/approval`) });
  const approve = useMutation({
    mutationFn: () => api.post<ApprovalView>(`/review/rounds/${round.id}/approve`),
    onSuccess: (v) => {
      client.setQueryData(key, v);
      void message.success(`已立项 ${v.items.length} 项，金额已在预算台账中承诺`);
      refresh();
    },
    onError: (e) => onError(e),
  });
  const canManage = useCan('review.manage');
  if (view.isLoading || !view.data) return <Card loading />;
  const v = view.data;
  const ready = round.stage === 'notice' && v.clearance.cleared && v.shortfallYuan === 0 && v.items.length > 0;

  const ask = () =>
    modal.confirm({
      title: '批准立项？',
      content: `将为 ${v.items.length} 个项目建立立项记录，并在 ${v.ledger.year} 年度预算台账中承诺合计 ${wanText(v.totalYuan)}（可用 ${wanText(v.ledger.availableYuan)}）。此操作不可撤销。`,
      okText: '批准立项',
      cancelText: '取消',
      onOk: () => approve.mutateAsync(),
    });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {v.approved ? (
        <Alert type="success" showIcon message={`已立项 ${v.items.length} 项，合计 ${wanText(v.totalYuan)}`} />
      ) : v.clearance.cleared ? (
        <Alert type="success" showIcon message="公示期已满且没有未处理的异议，可以立项（BL-8）" />
      ) : (
        <Alert type="warning" showIcon message="尚不能立项" description={v.clearance.problems.join('；')} />
      )}
      {v.clearance.withdrawn.length > 0 && <Alert type="info" showIcon message={`${v.clearance.withdrawn.length} 个项目因异议成立已从名单撤回，不予立项`} />}
      <Card
        size="small"
        title={v.approved ? '立项项目' : '拟立项清单（区政府常务会议决定的金额）'}
        extra={canManage && !v.approved && <Button type="primary" disabled={!ready} loading={approve.isPending} onClick={ask}>批准立项</Button>}
      >
        <Descriptions size="small" column={3} style={{ marginBottom: 12 }} items={[
          { key: 'count', label: v.approved ? '立项项目' : '拟立项', children: `${v.items.length} 项` },
          { key: 'total', label: '合计', children: <b>{wanText(v.totalYuan)}</b> },
          { key: 'year', label: '预算年度', children: `${v.ledger.programmeCode} ${v.ledger.year}` },
          { key: 'budget', label: '年度预算', children: wanText(v.ledger.budgetYuan) },
          { key: 'committed', label: '已承诺', children: wanText(v.ledger.committedYuan) },
          { key: 'available', label: '可用', children: wanText(v.ledger.availableYuan) },
        ]} />
        {v.shortfallYuan > 0 && (
          <Typography.Paragraph type="danger">BL-4：拟立项合计超出年度可用预算，缺口 {wanText(v.shortfallYuan)}，不能立项。</Typography.Paragraph>
        )}
        <ProTable<Item>
          rowKey="applicationId"
          columns={columns}
          dataSource={v.items}
          search={false}
          options={false}
          size="small"
          pagination={{ pageSize: 20 }}
          summary={() => <Table.Summary.Row><Table.Summary.Cell index={0} colSpan={4}>合计</Table.Summary.Cell><Table.Summary.Cell index={4} align="right">{wanText(v.totalYuan)}</Table.Summary.Cell><Table.Summary.Cell index={5}>{v.approved ? <Tag color="green">已承诺</Tag> : null}</Table.Summary.Cell></Table.Summary.Row>}
        />
      </Card>
    </Space>
  );
}
