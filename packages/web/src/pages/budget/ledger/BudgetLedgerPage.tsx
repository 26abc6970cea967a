/** 预算台账: a programme-year's budget, commitments, disbursements and returns in 万元, and its movements. */
import { PageContainer, ProCard, ProTable, type ProColumns } from '@ant-design/pro-components';
import { formatWan } from '@kechuang/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Empty, Flex, Row, Select, Statistic, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import { programmeOptions, useProgrammes, type BudgetEntry, type BudgetLedgerView } from '../../../api/programmes';
import { useCan } from '../../../app/session';
import { APP_TIME_ZONE, dayjs, formatDateTime } from '../../../lib/time';
import { EntryForm } from './EntryForm';
import { LedgerChart } from './LedgerChart';
import { ProjectLedgerCard } from './ProjectLedgerCard';
import { ENTRY_KIND_LABELS } from './ledger-labels';

const thisYear = Number(dayjs().tz(APP_TIME_ZONE).format('YYYY'));
const YEARS = Array.from({ length: 7 }, (_, i) => thisYear + 1 - i).map((y) => ({ value: y, label: `${y}年度` }));

const columns: ProColumns<BudgetEntry>[] = [
  { title: '记录时间', dataIndex: 'createdAt', width: 170, sorter: (a, b) => a.createdAt.localeCompare(b.createdAt), defaultSortOrder: 'descend', render: (_, r) => formatDateTime(r.createdAt) },
  {
    title: '类型',
    dataIndex: 'kind',
    width: 110,
    filters: Object.entries(ENTRY_KIND_LABELS).map(([value, l]) => ({ text: l.text, value })),
    onFilter: (value, r) => r.kind === value,
    render: (_, r) => <Tag color={ENTRY_KIND_LABELS[r.kind]?.color}>{ENTRY_KIND_LABELS[r.kind]?.text ?? r.kind}</Tag>,
  },
  { title: '金额', dataIndex: 'amountYuan', width: 140, align: 'right', sorter: (a, b) => a.amountYuan - b.amountYuan, render: (_, r) => `${formatWan(r.amountYuan)}元` },
  { title: '依据或项目编号', dataIndex: 'reference', ellipsis: true, render: (_, r) => (r.reference.startsWith('seed:') ? '按政策文件核定' : r.reference || '—') },
  { title: '备注', dataIndex: 'note', ellipsis: true, render: (_, r) => r.note || '—' },
];

export default function BudgetLedgerPage() {
  const [params, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const onError = useApiErrorHandler();
  const exportLedger = () => api.download(`/programmes/${encodeURIComponent(code ?? '')}/budget/${year}/export`, undefined, '预算台账.xlsx').catch(onError);
  const canManage = useCan('budget.manage');
  const programmes = useProgrammes();
  const code = params.get('programme') ?? programmes.data?.[0]?.code;
  const year = Number(params.get('year')) || thisYear;
  const key = ['budget', code, year];
  const ledger = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<BudgetLedgerView>(`/programmes/${encodeURIComponent(code ?? '')}/budget/${year}`, undefined, signal),
    enabled: !!code,
  });
  const choose = (next: { programme?: string; year?: number }) =>
    setParams({ programme: next.programme ?? code ?? '', year: String(next.year ?? year) }, { replace: true });
  const l = ledger.data;

  const stat = (title: string, yuan: number, color?: string) => (
    <Col xs={12} md={8} xl={4}>
      <Statistic title={title} value={`${formatWan(yuan)}元`} styles={color ? { content: { color } } : undefined} />
    </Col>
  );

  return (
    <PageContainer
      title="预算台账"
      breadcrumbRender={false}
      content="按计划和年度记录财政预算的核定、立项承诺、拨付和收回。可用预算 = 年度预算 − 已承诺 + 已收回；承诺不得超出可用预算。"
      extra={
        <Flex gap={8}>
          <Select aria-label="计划" style={{ width: 300 }} loading={programmes.isPending} options={programmeOptions(programmes.data)} value={code} onChange={(v: string) => choose({ programme: v })} />
          <Select aria-label="年度" style={{ width: 120 }} options={YEARS} value={year} onChange={(v: number) => choose({ year: v })} />
        </Flex>
      }
    >
      {ledger.error && <Alert type="error" showIcon title="预算台账加载失败" description={errorText(ledger.error)} style={{ marginBottom: 16 }} />}
      {!code && !programmes.isPending ? (
        <Empty description="尚无计划" />
      ) : (
        <Flex vertical gap={16}>
          <ProCard loading={ledger.isPending} title={l ? `${l.programme.name} · ${l.year}年度` : undefined} headerBordered>
            {l && (
              <Row gutter={[16, 16]}>
                {stat('年度预算', l.budgetYuan)}
                {stat('已承诺', l.committedYuan, '#d46b08')}
                {stat('已拨付', l.disbursedYuan, '#389e0d')}
                {stat('已收回', l.returnedYuan, '#722ed1')}
                {stat('可用预算', l.availableYuan, l.availableYuan > 0 ? '#08979c' : '#cf1322')}
                <Col xs={24}>{l.budgetYuan > 0 || l.committedYuan > 0 ? <LedgerChart ledger={l} /> : <Typography.Text type="secondary">本年度尚未核定预算。</Typography.Text>}</Col>
              </Row>
            )}
          </ProCard>
          <Row gutter={16}>
            <Col xs={24} xl={canManage ? 16 : 24}>
              <ProTable<BudgetEntry>
                headerTitle="变动记录"
                rowKey="id"
                cardBordered
                search={false}
                loading={ledger.isFetching}
                dataSource={l?.entries ?? []}
                columns={columns}
                options={{ reload: () => void ledger.refetch(), density: false, setting: false }}
                toolBarRender={() => [
                  <Button key="export" icon={<DownloadOutlined />} disabled={!code} onClick={() => void exportLedger()}>
                    导出Excel
                  </Button>,
                ]}
                pagination={{ defaultPageSize: 10, showSizeChanger: true }}
              />
            </Col>
            {canManage && code && (
              <Col xs={24} xl={8}>
                <ProCard title="记录变动" headerBordered>
                  <EntryForm code={code} year={year} onRecorded={(next) => queryClient.setQueryData(key, next)} />
                </ProCard>
              </Col>
            )}
          </Row>
          {code && <ProjectLedgerCard code={code} year={year} />}
        </Flex>
      )}
    </PageContainer>
  );
}
