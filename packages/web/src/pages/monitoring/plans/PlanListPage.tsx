/** 指标体系: the plans whose indicator systems are monitored, with their counts and where they stand. */
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import type { MonPlanSummary } from '../../../api/types';
import { usePlans } from '../shared/api';
import { countText } from '../shared/figures';
import { PLAN_STATUS_LABELS, STATUS_LABELS, STATUS_ORDER, valueEnumOf, VERDICT_LABELS } from '../shared/labels';

const columns: ProColumns<MonPlanSummary>[] = [
  {
    title: '规划名称',
    dataIndex: 'name',
    sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
    render: (_, p) => (
      <Space orientation="vertical" size={0}>
        <Link to={`/monitoring/plans/${encodeURIComponent(p.code)}`}>{p.name}</Link>
        {p.shortName && p.shortName !== p.name && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.shortName}</Typography.Text>}
      </Space>
    ),
  },
  {
    title: '发布单位 / 文号',
    dataIndex: 'issuer',
    width: 170,
    sorter: (a, b) => a.issuer.localeCompare(b.issuer, 'zh-CN'),
    render: (_, p) => (
      <Flex vertical style={{ minWidth: 0 }}>
        <Typography.Text ellipsis={{ tooltip: p.issuer }}>{p.issuer}</Typography.Text>
        {p.documentNo ? (
          <Typography.Text type="secondary" ellipsis={{ tooltip: p.documentNo }} style={{ fontSize: 12 }}>
            {p.documentNo}
          </Typography.Text>
        ) : (
          <Tooltip title="原文未载文号">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              文号 —
            </Typography.Text>
          </Tooltip>
        )}
      </Flex>
    ),
  },
  { title: '规划期', key: 'period', width: 110, sorter: (a, b) => a.periodEnd - b.periodEnd, render: (_, p) => `${p.periodStart}—${p.periodEnd}年` },
  {
    title: '状态',
    dataIndex: 'status',
    width: 90,
    filters: true,
    onFilter: true,
    valueEnum: valueEnumOf(PLAN_STATUS_LABELS),
    render: (_, p) => <Tag color={PLAN_STATUS_LABELS[p.status]?.color}>{PLAN_STATUS_LABELS[p.status]?.text ?? p.status}</Tag>,
  },
  {
    title: '指标 / 核心 / 任务',
    dataIndex: 'indicatorCount',
    width: 140,
    align: 'right',
    sorter: (a, b) => a.indicatorCount - b.indicatorCount,
    render: (_, p) => `${countText(p.indicatorCount)} / ${countText(p.coreCount)} / ${countText(p.taskCount)} 项`,
  },
  {
    title: '监测状态 / 终期判定',
    key: 'counts',
    width: 270,
    render: (_, p) =>
      p.status === 'completed' ? (
        <Space size={[0, 4]} wrap>
          {(['met', 'notMet', 'unknown'] as const).map((k) => (
            <Tag key={k} color={VERDICT_LABELS[k].color}>
              {VERDICT_LABELS[k].text} {p.verdictCounts[k]}
            </Tag>
          ))}
        </Space>
      ) : (
        <Space size={[0, 4]} wrap>
          {STATUS_ORDER.map((k) => (
            <Tag key={k} color={STATUS_LABELS[k].color}>
              {STATUS_LABELS[k].text} {p.statusCounts[k]}
            </Tag>
          ))}
        </Space>
      ),
  },
];

export default function PlanListPage() {
  const plans = usePlans();
  return (
    <PageContainer title="指标体系" breadcrumbRender={false} content="各规划的指标体系、目标与责任单位。已收官的规划按实绩判定是否完成；监测中的规划按目标路径判断超前、正常或滞后。">
      <ProTable<MonPlanSummary>
        rowKey="code"
        cardBordered
        search={false}
        loading={plans.isFetching}
        dataSource={plans.data ?? []}
        columns={columns}
        tableLayout="fixed"
        pagination={{ defaultPageSize: 10, showSizeChanger: true }}
        options={{ reload: () => void plans.refetch(), density: false, setting: true }}
        headerTitle="规划列表"
        toolBarRender={() => [
          <Typography.Text key="hint" type="secondary">
            指标明细可在各规划页导出Excel
          </Typography.Text>,
        ]}
      />
    </PageContainer>
  );
}
