/**
 * 条目申报数: per call, how many applications each guideline item drew, by category and state, with the items
 * drawing fewer than 2 submitted applications flagged (NB-13). A count opens the queue filtered to it.
 */
import { PageContainer, ProCard } from '@ant-design/pro-components';
import { APPLICATION_STATE_LABELS, type ApplicationState } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import type { ApplicationCounts } from '../../../api/types';
import { usePublishedCalls } from '../list/call-options';

type ItemRow = ApplicationCounts['items'][number];
/** The states after submission, in the order of the chain (drafts are the applicant's own business). */
const SHOWN: ApplicationState[] = ['submitted', 'endorsed', 'recommended', 'accepted', 'returned'];
/** Short column heads (the state labels are written for a sentence). */
const HEADS: Partial<Record<ApplicationState, string>> = { submitted: '待单位审核', endorsed: '单位已审核', recommended: '已推荐', accepted: '已受理', returned: '已退回' };

export function useChosenCall() {
  const [params, setParams] = useSearchParams();
  const calls = usePublishedCalls();
  const callId = params.get('callId') ?? calls.data?.[0]?.id;
  const picker = (
    <Select
      aria-label="申报指南"
      style={{ width: 420 }}
      loading={calls.isLoading}
      value={callId}
      options={(calls.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
      onChange={(v: string) => setParams({ callId: v }, { replace: true })}
    />
  );
  return { callId, picker, calls };
}

const queueLink = (callId: string, query: Record<string, string>, n: number) =>
  n === 0 ? <Typography.Text type="secondary">0</Typography.Text> : <Link to={`/applications?${new URLSearchParams({ callId, ...query })}`}>{n}</Link>;

export default function ApplicationCountsPage() {
  const { callId, picker } = useChosenCall();
  const counts = useQuery({
    queryKey: ['applications', 'counts', callId],
    enabled: !!callId,
    queryFn: ({ signal }) => api.get<ApplicationCounts>('/applications/counts', { callId }, signal),
  });
  const data = counts.data;
  const flagged = data?.items.filter((i) => i.flagged).length ?? 0;

  const columns: ColumnsType<ItemRow> = [
    {
      title: '指南条目',
      key: 'item',
      ellipsis: true,
      render: (_, r) => (
        <span>
          <Typography.Text strong>{r.code}</Typography.Text> {r.title}
        </span>
      ),
    },
    { title: '已提交合计', dataIndex: 'submitted', width: 96, align: 'right', render: (n: number, r) => queueLink(callId!, { guidelineItemCode: r.code }, n) },
    ...SHOWN.map((s) => ({ title: HEADS[s] ?? APPLICATION_STATE_LABELS[s], key: s, width: 90, align: 'right' as const, render: (_: unknown, r: ItemRow) => queueLink(callId!, { guidelineItemCode: r.code, state: s }, r.byState[s]) })),
    {
      title: 'NB-13',
      key: 'flag',
      width: 96,
      render: (_, r) => (r.flagged ? <Tag color="red">不足2项</Tag> : <Tag color="green">有竞争</Tag>),
    },
  ];

  return (
    <PageContainer title="条目申报数" breadcrumbRender={false} content="按申报指南的条目和类别统计申报书数量；已提交不足2项的条目按 NB-13 标注。点击数字查看对应申报书。" extra={picker}>
      {data && (
        <Alert
          type={flagged ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          message={flagged ? `${flagged} 个条目已提交的申报书不足${data.threshold}项（NB-13）` : `每个条目均有至少${data.threshold}项已提交的申报书`}
          description={data.scope === 'own' ? `${data.note} 以下仅统计您可查看的申报书。` : data.note}
        />
      )}
      <ProCard variant="outlined">
        <Table<ItemRow>
          rowKey="code"
          size="middle"
          loading={counts.isLoading}
          columns={columns}
          dataSource={data?.items ?? []}
          pagination={false}
          expandable={{
            rowExpandable: (r) => r.categories.length > 0,
            expandedRowRender: (r) => (
              <Table
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={r.categories}
                columns={[
                  { title: '类别', dataIndex: 'name' },
                  { title: '已提交合计', dataIndex: 'submitted', width: 96, align: 'right', render: (n: number, c) => queueLink(callId!, { guidelineItemCode: r.code, categoryCode: c.code }, n) },
                  ...SHOWN.map((s) => ({ title: HEADS[s] ?? APPLICATION_STATE_LABELS[s], key: s, width: 90, align: 'right' as const, render: (_: unknown, c: ItemRow['categories'][number]) => c.byState[s] })),
                ]}
              />
            ),
          }}
          summary={(rows) => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">{rows.reduce((n, r) => n + r.submitted, 0)}</Table.Summary.Cell>
              {SHOWN.map((s, i) => (
                <Table.Summary.Cell key={s} index={3 + i} align="right">
                  {rows.reduce((n, r) => n + r.byState[s], 0)}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={3 + SHOWN.length}>{rows.filter((r) => r.flagged).length} 项不足</Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </ProCard>
    </PageContainer>
  );
}
