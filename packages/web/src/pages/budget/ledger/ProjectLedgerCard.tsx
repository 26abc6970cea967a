/** 按项目: the programme-year ledger one row per project, its totals and the line proving it reconciles to the 元; and the year's 资金收回. */
import { ProCard } from '@ant-design/pro-components';
import { PROJECT_STATE_SHORT, type ProgrammeYearProjectRow, type ProgrammeYearProjects, type ProgrammeYearRecoveries } from '@kechuang/domain';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import { wanText } from '../../../lib/wan';

type Recovery = ProgrammeYearRecoveries['items'][number];
type Line = ProgrammeYearProjects['reconciliation']['lines'][number];

const money = (title: string, key: keyof ProgrammeYearProjectRow, width = 96) => ({
  title, dataIndex: key, width, align: 'right' as const, render: (y: number) => wanText(y),
});

export function ProjectLedgerCard({ code, year }: { code: string; year: number }) {
  const onError = useApiErrorHandler();
  const base = `/programmes/${encodeURIComponent(code)}/budget/${year}`;
  const rows = useQuery({ queryKey: ['budget', code, year, 'projects'], queryFn: ({ signal }) => api.get<ProgrammeYearProjects>(`${base}/projects`, undefined, signal) });
  const recoveries = useQuery({ queryKey: ['budget', code, year, 'recoveries'], queryFn: ({ signal }) => api.get<ProgrammeYearRecoveries>(`${base}/recoveries`, undefined, signal) });
  const v = rows.data;
  const r = recoveries.data;
  const exportRows = () => api.download(`${base}/projects/export`, undefined, '预算台账按项目.xlsx').catch(onError);

  return (
    <ProCard
      tabs={{
        items: [
          {
            key: 'projects',
            label: '按项目',
            children: (
              <>
                {rows.error && <Alert type="error" showIcon title="按项目台账加载失败" description={errorText(rows.error)} />}
                {v && (
                  <Alert
                    data-testid="ledger-reconciliation"
                    type={v.reconciliation.holds ? 'success' : 'error'}
                    showIcon
                    style={{ marginBottom: 12 }}
                    title={v.reconciliation.summary}
                    description={
                      <Table<Line> size="small" rowKey="figure" pagination={false} dataSource={v.reconciliation.lines} columns={[
                        { title: '项目', dataIndex: 'label', width: 110 },
                        { title: '各项目合计', dataIndex: 'projectsYuan', align: 'right', render: (y: number) => wanText(y) },
                        { title: '未关联项目', dataIndex: 'unassignedYuan', align: 'right', render: (y: number) => wanText(y) },
                        { title: '年度台账', dataIndex: 'ledgerYuan', align: 'right', render: (y: number) => wanText(y) },
                        { title: '差额（元）', dataIndex: 'differenceYuan', align: 'right', width: 100, render: (d: number) => (d === 0 ? '0' : <Typography.Text type="danger">{d}</Typography.Text>) },
                      ]} />
                    }
                  />
                )}
                <Table<ProgrammeYearProjectRow>
                  size="small"
                  rowKey="projectId"
                  loading={rows.isFetching}
                  dataSource={v?.items ?? []}
                  scroll={{ x: 920 }}
                  pagination={{ defaultPageSize: 10, showSizeChanger: true, showTotal: (n) => `共 ${n} 个项目` }}
                  title={() => (
                    <Button icon={<DownloadOutlined />} onClick={() => void exportRows()} disabled={!v}>导出Excel</Button>
                  )}
                  summary={() => v && (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>合计（{v.items.length} 个项目）</Table.Summary.Cell>
                      {(['committedYuan', 'disbursedYuan', 'releasedYuan', 'repaidYuan', 'undisbursedYuan', 'netPaidYuan', 'owedYuan'] as const).map((k, i) => (
                        <Table.Summary.Cell key={k} index={1 + i} align="right">{wanText(v.totals[k])}</Table.Summary.Cell>
                      ))}
                    </Table.Summary.Row>
                  )}
                  columns={[
                    {
                      title: '项目', dataIndex: 'projectNo', width: 250, fixed: 'left',
                      render: (no: string, p) => (
                        <Flex vertical>
                          <span><Link to={`/projects/${p.projectId}?tab=funds`}>{no}</Link> <Tag style={{ marginLeft: 4 }}>{PROJECT_STATE_SHORT[p.state]}</Tag></span>
                          <Typography.Text type="secondary" ellipsis={{ tooltip: p.title }} style={{ maxWidth: 230 }}>{p.title}</Typography.Text>
                        </Flex>
                      ),
                    },
                    money('立项承诺', 'committedYuan'),
                    money('已拨付', 'disbursedYuan'),
                    money('收回未拨付', 'releasedYuan'),
                    money('退回已拨付', 'repaidYuan'),
                    money('未拨付', 'undisbursedYuan'),
                    money('净拨付', 'netPaidYuan'),
                    { ...money('待缴回', 'owedYuan'), render: (y: number, p: ProgrammeYearProjectRow) => <>{wanText(y)}{p.overdue && <Tag color="red" style={{ marginLeft: 4 }}>逾期</Tag>}</> },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'recoveries',
            label: `资金收回${r && r.overdueCount > 0 ? `（逾期 ${r.overdueCount}）` : ''}`,
            children: (
              <Table<Recovery>
                size="small"
                rowKey="id"
                loading={recoveries.isFetching}
                dataSource={r?.items ?? []}
                locale={{ emptyText: '本年度没有资金收回' }}
                pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
                title={() => r && `待缴回合计 ${wanText(r.openYuan)}，逾期 ${r.overdueCount} 笔`}
                columns={[
                  { title: '立项编号', dataIndex: 'projectNo', width: 180, render: (no: string, x) => <Link to={`/projects/${x.projectId}?tab=funds`}>{no}</Link> },
                  { title: '承担单位', dataIndex: 'organisationName', ellipsis: true },
                  { title: '原因', dataIndex: 'reasonLabel', width: 110 },
                  { title: '应缴回', dataIndex: 'amountYuan', width: 110, align: 'right', render: (y: number) => wanText(y) },
                  { title: '缴回期限', dataIndex: 'dueDate', width: 110 },
                  { title: '状态', dataIndex: 'statusLabel', width: 130, render: (l: string, x) => <>{l}{x.overdue && <Tag color="red" style={{ marginLeft: 4 }}>逾期</Tag>}</> },
                ]}
              />
            ),
          },
        ],
      }}
    />
  );
}
