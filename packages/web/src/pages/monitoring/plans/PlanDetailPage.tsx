/**
 * A plan's indicator system: its metadata, and the indicators grouped by category with base, target, actual or
 * latest value, the expected value on the path, rates, status and verdict. Officers edit indicators here.
 */
import { DownloadOutlined, EditOutlined, SearchOutlined } from '@ant-design/icons';
import { PageContainer, ProCard } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Flex, Input, Result, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../../api/client';
import { errorText, isApiError } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { MonIndicator, MonStatus, MonVerdict } from '../../../api/types';
import { useCan } from '../../../app/session';
import { planQuery } from '../shared/api';
import { byNum, Missing, PercentText, StatusTag, targetText, UnitTags, ValueText, VerdictTag, withUnit } from '../shared/format';
import { PLAN_STATUS_LABELS, STATUS_LABELS, STATUS_ORDER, VERDICT_LABELS } from '../shared/labels';
import { IndicatorEditDrawer } from './IndicatorEditDrawer';

const enc = encodeURIComponent;
type SortKey = 'seq' | 'name' | 'completionRate' | 'progressRate' | 'status' | 'verdict';

/** One year when every indicator shares it (the column header says it), else null (each cell says it). */
function commonYear(list: MonIndicator[], pick: (i: MonIndicator) => number | undefined): number | null {
  const years = new Set(list.map(pick).filter((y) => y !== undefined));
  return years.size === 1 ? [...years][0]! : null;
}

const statusRank = (s: MonStatus) => STATUS_ORDER.indexOf(s);
const verdictRank = (v: MonVerdict | null) => (v ? ['met', 'notMet', 'unknown'].indexOf(v) : 3);

export default function PlanDetailPage() {
  const { code = '' } = useParams();
  const canManage = useCan('monitoring.manage');
  const onError = useApiErrorHandler();
  const detail = useQuery(planQuery(code));
  const [editing, setEditing] = useState<MonIndicator | null>(null);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<MonStatus | undefined>();
  const [verdict, setVerdict] = useState<MonVerdict | undefined>();
  const [core, setCore] = useState<'core' | 'other' | undefined>();
  const [sorter, setSorter] = useState<{ key: SortKey; order: 'ascend' | 'descend' } | null>(null);
  const [exporting, setExporting] = useState(false);

  const plan = detail.data?.plan;
  const all = useMemo(() => detail.data?.indicators ?? [], [detail.data]);
  const completed = plan?.status === 'completed';
  const categories = plan?.categories ?? [];
  const grouped = categories.length > 0 && all.some((i) => i.category);
  const baseYear = commonYear(all, (i) => i.base.year);
  const targetYear = commonYear(all, (i) => i.target.year);
  const actualYear = commonYear(all, (i) => i.actual?.year);

  const rows = useMemo(() => {
    const kw = q.trim();
    const catRank = (c: string | null) => (c ? (categories.indexOf(c) + 1 || 999) : 0);
    const filtered = all.filter(
      (i) =>
        (!kw || i.name.includes(kw) || i.code.includes(kw)) &&
        (!status || i.status === status) &&
        (!verdict || i.verdict === verdict) &&
        (!core || (core === 'core') === i.core),
    );
    const base = (a: MonIndicator, b: MonIndicator) => catRank(a.category) - catRank(b.category) || a.seq - b.seq;
    const cmp: Record<SortKey, (a: MonIndicator, b: MonIndicator) => number> = {
      seq: base,
      name: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      completionRate: (a, b) => byNum(a.completionRate, b.completionRate),
      progressRate: (a, b) => byNum(a.progressRate, b.progressRate),
      status: (a, b) => statusRank(a.status) - statusRank(b.status),
      verdict: (a, b) => verdictRank(a.verdict) - verdictRank(b.verdict),
    };
    const sorted = [...filtered].sort((a, b) => (sorter ? (sorter.order === 'descend' ? -1 : 1) * cmp[sorter.key](a, b) || base(a, b) : base(a, b)));
    return sorted;
  }, [all, q, status, verdict, core, sorter, categories]);

  // Merge the category cells while the table is in the plan's own order; any other sort shows each row's category.
  const spans = useMemo(() => {
    const m = new Map<string, number>();
    if (!grouped || (sorter && sorter.key !== 'seq')) return m;
    for (let i = 0; i < rows.length; ) {
      let j = i;
      while (j < rows.length && rows[j]!.category === rows[i]!.category) j++;
      rows.slice(i, j).forEach((r, k) => m.set(r.id, k === 0 ? j - i : 0));
      i = j;
    }
    return m;
  }, [rows, grouped, sorter]);

  const sortOrder = (key: SortKey) => (sorter?.key === key ? sorter.order : null);

  const columns: ColumnsType<MonIndicator> = [
    ...(grouped
      ? [
          {
            title: '类别',
            dataIndex: 'category',
            width: 80,
            onCell: (r: MonIndicator) => ({ rowSpan: spans.get(r.id) ?? 1 }),
            render: (v: string | null) => <Typography.Text strong>{v ?? '—'}</Typography.Text>,
          },
        ]
      : []),
    { title: '序号', dataIndex: 'seq', width: 52, align: 'center', sorter: true, sortOrder: sortOrder('seq') },
    {
      title: '指标名称',
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      // Unit, direction and 核心 travel with the name so the figures keep their columns at 1280 px.
      render: (_, r) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <Typography.Text ellipsis={{ tooltip: r.name }}>
            {r.core && <Tag color="gold">核心</Tag>}
            <Link to={`/monitoring/indicators/${enc(r.id)}`}>{r.name}</Link>
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.unit || <Missing reason="原文未载单位" />} · <Tooltip title={r.directionLabel}>{r.direction === 'higher' ? '正向' : '逆向'}</Tooltip>
            {r.targetKind === 'growth' && (
              <Tag color="purple" style={{ marginInlineStart: 4, fontSize: 11, lineHeight: '16px' }}>
                增速目标
              </Tag>
            )}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: `基数${baseYear ? `（${baseYear}）` : ''} / 目标${targetYear ? `（${targetYear}）` : ''}`,
      key: 'base',
      width: 136,
      align: 'right',
      render: (_, r) => {
        const t = targetText(r);
        return (
          <Flex vertical align="flex-end">
            <span>
              <ValueText value={r.base.value} unit={r.unit} reason={r.note || '原文无基数（“-”）'} />
              {!baseYear && <Typography.Text type="secondary"> （{r.base.year}年）</Typography.Text>}
            </span>
            <span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                →{' '}
              </Typography.Text>
              {t ? <span style={{ whiteSpace: 'nowrap' }}>{t}</span> : <Missing reason={r.note || '原文无目标值'} />}
              {!targetYear && <Typography.Text type="secondary"> （{r.target.year}年）</Typography.Text>}
            </span>
          </Flex>
        );
      },
    },
    {
      title: completed ? `实绩${actualYear ? `（${actualYear}年）` : ''}` : '最新值',
      key: 'latest',
      width: 104,
      align: 'right',
      render: (_, r) =>
        completed || r.actual ? (
          <>
            <ValueText value={r.actual?.value} unit={r.unit} reason={r.note || '原文无实绩'} />
            {r.actual && !actualYear && <Typography.Text type="secondary"> （{r.actual.year}年）</Typography.Text>}
          </>
        ) : r.latest ? (
          <Tooltip title={`${r.latest.periodLabel} 已采纳的填报值`}>
            <span style={{ whiteSpace: 'nowrap' }}>{withUnit(r.latest.value, r.unit)}</span>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.latest.periodLabel}
            </Typography.Text>
          </Tooltip>
        ) : (
          <Missing reason="尚无已采纳的填报值" />
        ),
    },
    // A completed plan is judged on its actuals: the path's expected value is its target and the progress adds nothing.
    ...(completed
      ? []
      : ([
          { title: '期望值', dataIndex: 'expected', width: 108, align: 'right', render: (_, r) => <ValueText value={r.expected} unit={r.unit} computed reason="基数或目标缺失，无法推算路径" /> },
        ] as ColumnsType<MonIndicator>)),
    {
      title: completed ? '完成率' : '完成率 / 进度',
      dataIndex: 'completionRate',
      width: completed ? 90 : 110,
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('completionRate'),
      render: (_, r) => (
        <Flex vertical align="flex-end">
          <PercentText value={r.completionRate} reason={r.note || '缺少数据，无法计算'} />
          {!completed && (
            <Tooltip title="进度：从基数到目标已走过的比例">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <PercentText value={r.progressRate} reason="缺少数据，无法计算" />
              </Typography.Text>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    { title: '状态', dataIndex: 'status', width: 84, sorter: true, sortOrder: sortOrder('status'), render: (_, r) => <StatusTag status={r.status} label={r.statusLabel} /> },
    // Only a completed plan is judged: before its target year every verdict would read 未到期.
    ...(completed
      ? ([
          {
            title: '判定',
            dataIndex: 'verdict',
            width: 96,
            sorter: true,
            sortOrder: sortOrder('verdict'),
            render: (_, r) => <VerdictTag verdict={r.verdict} label={r.verdictLabel} note={r.note || '数据缺失，无法判断'} />,
          },
        ] as ColumnsType<MonIndicator>)
      : []),
    ...(canManage
      ? [
          {
            title: '操作',
            key: 'op',
            width: 72,
            render: (_: unknown, r: MonIndicator) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)}>
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];

  const exportExcel = async () => {
    setExporting(true);
    try {
      await api.download(`/monitoring/plans/${enc(code)}/export`, undefined, `${plan?.shortName ?? code}指标.xlsx`);
    } catch (error) {
      onError(error);
    } finally {
      setExporting(false);
    }
  };

  if (detail.error && isApiError(detail.error) && detail.error.status === 404) {
    return <Result status="404" title="规划不存在" subTitle={errorText(detail.error)} extra={<Link to="/monitoring/plans">返回指标体系</Link>} />;
  }

  return (
    <PageContainer
      title={plan?.name ?? '规划'}
      breadcrumb={{ items: [{ title: <Link to="/monitoring/plans">指标体系</Link> }, { title: plan?.shortName ?? code }] }}
      loading={detail.isPending}
      tags={plan ? <Tag color={PLAN_STATUS_LABELS[plan.status]?.color}>{PLAN_STATUS_LABELS[plan.status]?.text}</Tag> : undefined}
      content={
        plan && (
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
            <Descriptions.Item label="发布单位">{plan.issuer}</Descriptions.Item>
            <Descriptions.Item label="文号">{plan.documentNo || <Missing reason="原文未载文号" />}</Descriptions.Item>
            <Descriptions.Item label="发布日期">{plan.issuedOn || <Missing reason="原文未载发布日期" />}</Descriptions.Item>
            <Descriptions.Item label="规划期限">{`${plan.periodStart}—${plan.periodEnd}年`}</Descriptions.Item>
            <Descriptions.Item label="来源">{plan.source}</Descriptions.Item>
            <Descriptions.Item label="判定口径">
              {completed ? '按实绩与目标判定完成与否' : `按目标路径判断，容差 ±${plan.tolerancePercent}%；每月 ${plan.dueDay} 日前报送上月数据`}
            </Descriptions.Item>
            <Descriptions.Item label="指标">
              {`共 ${plan.indicatorCount} 项，核心 ${plan.coreCount} 项${plan.taskCount ? `；任务 ${plan.taskCount} 项` : ''}`}
            </Descriptions.Item>
            <Descriptions.Item label={completed ? '终期判定' : '监测状态'} span={2}>
              <Space size={[0, 4]} wrap>
                {completed
                  ? (['met', 'notMet', 'unknown'] as const).map((k) => <Tag key={k} color={VERDICT_LABELS[k].color}>{`${VERDICT_LABELS[k].text} ${plan.verdictCounts[k]}`}</Tag>)
                  : STATUS_ORDER.map((k) => <Tag key={k} color={STATUS_LABELS[k].color}>{`${STATUS_LABELS[k].text} ${plan.statusCounts[k]}`}</Tag>)}
              </Space>
            </Descriptions.Item>
          </Descriptions>
        )
      }
      extra={
        plan && plan.taskCount > 0 ? (
          <Link to={`/monitoring/tasks?plan=${enc(code)}`}>
            <Button>任务清单</Button>
          </Link>
        ) : undefined
      }
    >
      {detail.error && <Alert type="error" showIcon title="规划加载失败" description={errorText(detail.error)} style={{ marginBottom: 16 }} />}
      <ProCard
        title="指标体系"
        headerBordered
        extra={
          <Flex gap={8} wrap>
            <Input allowClear prefix={<SearchOutlined />} placeholder="指标名称或编码" style={{ width: 180 }} value={q} onChange={(e) => setQ(e.target.value)} />
            <Select allowClear aria-label="按状态筛选" placeholder="状态" style={{ width: 110 }} value={status} onChange={setStatus} options={STATUS_ORDER.map((k) => ({ value: k, label: STATUS_LABELS[k].text }))} />
            {completed && (
              <Select allowClear aria-label="按判定筛选" placeholder="判定" style={{ width: 110 }} value={verdict} onChange={setVerdict} options={(['met', 'notMet', 'unknown'] as const).map((k) => ({ value: k, label: VERDICT_LABELS[k].text }))} />
            )}
            <Select
              allowClear
              aria-label="按是否核心指标筛选"
              placeholder="核心"
              style={{ width: 110 }}
              value={core}
              onChange={setCore}
              options={[
                { value: 'core', label: '核心指标' },
                { value: 'other', label: '一般指标' },
              ]}
            />
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()}>
              导出Excel
            </Button>
          </Flex>
        }
      >
        <Table<MonIndicator>
          rowKey="id"
          size="middle"
          bordered
          loading={detail.isFetching}
          dataSource={rows}
          columns={columns}
          tableLayout="fixed"
          expandable={{
            expandedRowRender: (r) => (
              <Descriptions size="small" column={{ xs: 1, lg: 2 }} style={{ padding: '4px 8px' }}>
                <Descriptions.Item label="责任单位">
                  <UnitTags units={r.responsibleUnits} />
                </Descriptions.Item>
                <Descriptions.Item label="填报频率">{r.frequencyLabel}</Descriptions.Item>
                <Descriptions.Item label="数据来源">{r.dataSource || <Missing reason="未填写数据来源" />}</Descriptions.Item>
                <Descriptions.Item label="指标解释">{r.definition || <Missing reason="未填写指标解释" />}</Descriptions.Item>
                {r.note && (
                  <Descriptions.Item label="说明" span={2}>
                    {r.note}
                  </Descriptions.Item>
                )}
              </Descriptions>
            ),
          }}
          pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: false, showTotal: (t) => `共 ${t} 项指标` }}
          onChange={(_p, _f, s) => {
            const one = (Array.isArray(s) ? s[0] : s) as SorterResult<MonIndicator> | undefined;
            const key = (one?.column?.dataIndex ?? one?.columnKey) as SortKey | undefined;
            setSorter(one?.order && key ? { key, order: one.order } : null);
          }}
        />
        {completed && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            判定依据：正向指标实绩不低于目标为“已完成”，逆向指标实绩不高于目标为“已完成”；基数、目标或实绩缺失时“无法判断”，悬停可见原因。规划已完成，按实绩判定，不再列期望值与进度（期末期望值即目标值）。
          </Typography.Paragraph>
        )}
      </ProCard>
      <IndicatorEditDrawer indicator={editing} onClose={() => setEditing(null)} />
    </PageContainer>
  );
}
