/**
 * One town/street evaluation (P315-7): its indicators and method, the ranked scores and each indicator's share of
 * them as charts, and the ranking table with every value and the points it earned. Officers edit the indicators
 * and import the towns' values from the template; everyone can export the ranking.
 */
import { DownloadOutlined, EditOutlined, FileExcelOutlined, SearchOutlined } from '@ant-design/icons';
import { PageContainer, ProCard } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Descriptions, Empty, Flex, Input, Result, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorText, isApiError } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import { useCan } from '../../../app/session';
import { formatDateTime } from '../../../lib/time';
import { ChartCard } from '../shared/ChartCard';
import { downloadTownTemplate, exportTownRanking, townDetailQuery, townKeys } from './api';
import { ContributionChart, ContributionTable, ScoreChart, ScoreTable } from './TownCharts';
import { DIRECTION_LABELS, TownEvaluationFormModal } from './TownEvaluationFormModal';
import { TownImportButton, TownImportResultModal } from './TownImport';
import type { TownEvaluationDetail, TownImportResult, TownIndicator, TownScore } from './types';

const METHOD = '得分 = Σ 权重 × 最小—最大归一化值；逆向指标反向；缺报计0分';

const n = (s: string) => Number(s);
const INDICATOR_WIDTH = 136;

function IndicatorCell({ t, indicator }: { t: TownScore; indicator: TownIndicator }) {
  const c = t.contributions.find((x) => x.indicatorCode === indicator.code);
  if (!c || c.value === null) {
    return (
      <Space orientation="vertical" size={0}>
        <Tooltip title="该镇街未报此项指标，计0分">
          <Tag color="warning" style={{ marginInlineEnd: 0 }}>
            缺报
          </Tag>
        </Tooltip>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          得 0.00 分
        </Typography.Text>
      </Space>
    );
  }
  return (
    <Tooltip title={`归一化值 ${c.normalised}%，得 ${c.points} 分（满分 ${indicator.weight}）`}>
      <Space orientation="vertical" size={0} style={{ cursor: 'help' }}>
        <span style={{ whiteSpace: 'nowrap' }}>{c.value}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          得 {c.points} 分
        </Typography.Text>
      </Space>
    </Tooltip>
  );
}

function RankCell({ rank }: { rank: number }) {
  const color = rank === 1 ? 'gold' : rank === 2 ? 'default' : rank === 3 ? 'orange' : undefined;
  return rank <= 3 ? (
    <Tag color={color} style={{ minWidth: 32, textAlign: 'center', fontWeight: 600 }}>
      {rank}
    </Tag>
  ) : (
    <span style={{ paddingInlineStart: 8 }}>{rank}</span>
  );
}

function RankingTable({ e, onExport }: { e: TownEvaluationDetail; onExport: () => Promise<void> }) {
  const [q, setQ] = useState('');
  const [exporting, setExporting] = useState(false);
  const nameOf = (code: string) => e.indicators.find((i) => i.code === code)?.name ?? code;
  const rows = useMemo(() => {
    const kw = q.trim();
    return kw ? e.result.filter((t) => t.name.includes(kw) || t.code.toLowerCase().includes(kw.toLowerCase())) : e.result;
  }, [e.result, q]);
  const missingCount = e.result.filter((t) => t.missing.length > 0).length;

  const columns: ColumnsType<TownScore> = [
    { title: '排名', dataIndex: 'rank', width: 76, fixed: 'left', sorter: (a, b) => a.rank - b.rank || a.code.localeCompare(b.code), defaultSortOrder: 'ascend', render: (r: number) => <RankCell rank={r} /> },
    {
      title: '镇街',
      dataIndex: 'name',
      width: 120,
      fixed: 'left',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (_, t) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{t.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.code}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '得分',
      dataIndex: 'score',
      width: 90,
      align: 'right',
      sorter: (a, b) => n(a.score) - n(b.score),
      render: (s: string) => <Typography.Text strong>{s}</Typography.Text>,
    },
    ...e.indicators.map((i) => ({
      key: i.code,
      width: INDICATOR_WIDTH,
      title: (
        <Space orientation="vertical" size={0}>
          <span>{i.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            权重 {i.weight}% · {DIRECTION_LABELS[i.direction].text}
          </Typography.Text>
        </Space>
      ),
      sorter: (a: TownScore, b: TownScore) =>
        n(a.contributions.find((c) => c.indicatorCode === i.code)?.points ?? '0') - n(b.contributions.find((c) => c.indicatorCode === i.code)?.points ?? '0'),
      render: (_: unknown, t: TownScore) => <IndicatorCell t={t} indicator={i} />,
    })),
    {
      title: '缺报',
      key: 'missing',
      width: 110,
      filters: [
        { text: '有缺报', value: 'yes' },
        { text: '无缺报', value: 'no' },
      ],
      onFilter: (v, t) => (v === 'yes') === t.missing.length > 0,
      render: (_, t) =>
        t.missing.length ? (
          <Tooltip title={`未报：${t.missing.map(nameOf).join('、')}（各计0分）`}>
            <Tag color="warning">缺报 {t.missing.length} 项</Tag>
          </Tooltip>
        ) : (
          <Tag color="success">齐全</Tag>
        ),
    },
  ];

  return (
    <ProCard
      title={`得分排名（${e.result.length} 个镇街）`}
      subTitle={missingCount ? <Typography.Text type="warning">{missingCount} 个镇街有缺报指标</Typography.Text> : undefined}
      headerBordered
    >
      <Flex gap={8} wrap justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">每格为指标值与所得分数；点击列头排序，悬停查看归一化值。</Typography.Text>
        <Flex gap={8} wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder="搜索镇街名称或代码"
            aria-label="搜索镇街"
            value={q}
            onChange={(ev) => setQ(ev.target.value)}
            style={{ width: 220 }}
          />
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => {
              setExporting(true);
              void onExport().finally(() => setExporting(false));
            }}
          >
            导出Excel
          </Button>
        </Flex>
      </Flex>
      <Table<TownScore>
        rowKey="code"
        size="middle"
        dataSource={rows}
        columns={columns}
        scroll={{ x: 76 + 120 + 90 + 110 + e.indicators.length * INDICATOR_WIDTH }}
        pagination={rows.length > 20 ? { defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => `共 ${total} 个镇街` } : false}
        locale={{ emptyText: q ? `没有名称或代码含“${q.trim()}”的镇街` : '暂无数据' }}
      />
    </ProCard>
  );
}

export default function TownEvaluationPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const canManage = useCan('monitoring.manage');
  const detail = useQuery(townDetailQuery(id));
  const [editing, setEditing] = useState(false);
  const [imported, setImported] = useState<TownImportResult | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: townKeys.all });

  if (detail.error && isApiError(detail.error) && (detail.error.status === 404 || detail.error.status === 400)) {
    return <Result status="404" title="评价不存在" subTitle="链接可能有误，或该评价已被删除。" extra={<Link to="/monitoring/towns">返回评价列表</Link>} />;
  }
  const e = detail.data;
  const exportRanking = () => (e ? exportTownRanking(e).catch(onError) : Promise.resolve());

  return (
    <PageContainer
      title={e?.title ?? '镇街评价'}
      tags={e ? <Tag color="blue">{e.year}年度</Tag> : undefined}
      breadcrumbRender={false}
      onBack={() => void navigate('/monitoring/towns')}
      loading={detail.isPending}
      extra={
        e &&
        canManage && (
          <Flex gap={8} wrap>
            <Button icon={<FileExcelOutlined />} onClick={() => void downloadTownTemplate(e.id).catch(onError)}>
              下载模板
            </Button>
            <TownImportButton
              id={e.id}
              onDone={(res) => {
                setImported(res);
                if (res.saved > 0) void message.success(`已导入 ${res.saved} 个镇街的数据`);
                void refresh();
              }}
            />
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              编辑指标
            </Button>
          </Flex>
        )
      }
      content={
        e && (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 4 }}
              items={[
                { key: 'year', label: '评价年度', children: `${e.year}年` },
                { key: 'ind', label: '指标数', children: `${e.indicators.length} 项` },
                { key: 'towns', label: '参评镇街', children: e.towns.length ? `${e.towns.length} 个` : '尚未导入' },
                { key: 'updated', label: '更新时间', children: formatDateTime(e.updatedAt) },
              ]}
            />
            <Flex gap={8} wrap align="center">
              <Typography.Text type="secondary">评价指标：</Typography.Text>
              {e.indicators.map((i) => (
                <Tooltip key={i.code} title={`${DIRECTION_LABELS[i.direction].text}指标（${DIRECTION_LABELS[i.direction].hint}），权重 ${i.weight}%`}>
                  <Tag color={DIRECTION_LABELS[i.direction].color} style={{ marginInlineEnd: 0 }}>
                    {i.name} · {i.weight}%{i.direction === 'lower' ? ' · 逆向' : ''}
                  </Tag>
                </Tooltip>
              ))}
            </Flex>
            <Alert
              type="info"
              showIcon
              title={`计算方法：${METHOD}`}
              description="每项指标在参评镇街之间归一化：正向指标数值最高的镇街得该指标全部权重分、最低的得0分，其余按比例；逆向指标反之；各镇街数值相同时均得全部权重分。得分保留两位小数，同分并列同一名次。"
            />
          </Space>
        )
      }
    >
      {detail.error && <Alert type="error" showIcon title="评价加载失败" description={errorText(detail.error)} style={{ marginBottom: 16 }} />}
      {e &&
        (e.result.length === 0 ? (
          <ProCard>
            <Empty
              description={
                canManage ? (
                  <span>
                    尚未导入镇街数据。请点击“下载模板”，填写各镇街的指标值后通过“导入数据”上传，
                    <br />
                    导入后即自动计算得分与排名。
                  </span>
                ) : (
                  '尚未导入镇街数据，暂无得分与排名。'
                )
              }
            />
          </ProCard>
        ) : (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={10}>
              <ChartCard title="综合得分排名" chart={<ScoreChart result={e.result} />} table={<ScoreTable result={e.result} />} onExport={exportRanking} />
            </Col>
            <Col xs={24} xl={14}>
              <ChartCard
                title="各指标得分构成"
                chart={<ContributionChart result={e.result} indicators={e.indicators} />}
                table={<ContributionTable result={e.result} indicators={e.indicators} />}
                onExport={exportRanking}
              />
            </Col>
            <Col xs={24}>
              <RankingTable e={e} onExport={exportRanking} />
            </Col>
          </Row>
        ))}
      {canManage && e && (
        <TownEvaluationFormModal
          open={editing}
          onOpenChange={setEditing}
          editing={e}
          onSaved={() => {
            setEditing(false);
            void message.success('已保存指标设置，得分已重新计算');
            void refresh();
          }}
        />
      )}
      <TownImportResultModal result={imported} onClose={() => setImported(null)} />
    </PageContainer>
  );
}
