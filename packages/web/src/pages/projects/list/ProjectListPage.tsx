/**
 * 项目库 (the officer's portfolio): charts by stage, year, programme and field and disbursement against commitment
 * above the filtered, sorted list, with an Excel export of exactly what the table is filtered to. An applicant or
 * unit admin sees 我的项目: the same table over their own organisation's projects (the server scopes it), no charts.
 */
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { PROJECT_STATE_LABELS, PROJECT_STATE_SHORT, PROJECT_STATES, SEED_PROGRAMMES, type PortfolioDashboard, type PortfolioProjectView, type ProjectState } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { useCan } from '../../../app/session';
import { filtersOf, type TableParams } from '../../../lib/pro-table';
import { formatDateTime } from '../../../lib/time';
import { useServerTable } from '../../../lib/use-server-table';
import { wanText } from '../../../lib/wan';
import { PortfolioCharts } from './PortfolioCharts';

const PROGRAMMES = Object.fromEntries(SEED_PROGRAMMES.map((p) => [p.code, { text: p.name }]));
// Every category and field any seeded version names, for the filters; the list shows what is stored with each project.
const CATEGORIES = Object.fromEntries(SEED_PROGRAMMES.flatMap((p) => p.versions.flatMap((v) => v.parameters.categories.map((c) => [c.code, { text: c.name }]))));
const FIELDS = Object.fromEntries(SEED_PROGRAMMES.flatMap((p) => p.versions.flatMap((v) => (v.parameters.fields ?? []).map((f) => [f.code, { text: f.name }]))));
const STATES = Object.fromEntries(PROJECT_STATES.map((s) => [s, { text: PROJECT_STATE_LABELS[s] }]));

const STATE_COLOR: Record<ProjectState, string> = {
  approved: 'gold', executing: 'blue', midterm: 'cyan', rectifying: 'orange', accepting: 'geekblue', acceptanceRectifying: 'orange',
  accepted: 'green', concluded: 'lime', failed: 'red', terminated: 'volcano', revoked: 'magenta',
};

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

function columnsFor(bureau: boolean): ProColumns<PortfolioProjectView>[] {
  return [
    { title: '关键词', dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: '立项编号或项目名称' } },
    { title: '状态', dataIndex: 'state', valueType: 'select', valueEnum: STATES, hideInTable: true, fieldProps: { mode: 'multiple', maxTagCount: 'responsive', 'aria-label': '项目状态' } },
    { title: '计划', dataIndex: 'programme', valueType: 'select', valueEnum: PROGRAMMES, hideInTable: true, fieldProps: { 'aria-label': '计划' } },
    ...(bureau ? [{ title: '承担单位', dataIndex: 'organisation', hideInTable: true, fieldProps: { placeholder: '单位名称或信用代码' } }] : []),
    { title: '年度', dataIndex: 'year', valueType: 'digit', hideInTable: true, fieldProps: { 'aria-label': '预算年度', precision: 0 } },
    { title: '类别', dataIndex: 'category', valueType: 'select', valueEnum: CATEGORIES, hideInTable: true, fieldProps: { 'aria-label': '类别' } },
    { title: '领域', dataIndex: 'field', valueType: 'select', valueEnum: FIELDS, hideInTable: true, fieldProps: { 'aria-label': '领域', showSearch: true } },
    { title: '立项日期', dataIndex: 'approvedRange', valueType: 'dateRange', hideInTable: true, search: { transform: (v: [string, string]) => ({ approvedFrom: v[0], approvedTo: v[1] }) } },
    { title: '结束日期', dataIndex: 'endRange', valueType: 'dateRange', hideInTable: true, tooltip: '含已批准的延期', search: { transform: (v: [string, string]) => ({ endFrom: v[0], endTo: v[1] }) } },
    { title: '追回', dataIndex: 'overdueRecovery', valueType: 'select', hideInTable: true, valueEnum: { true: { text: '逾期未退回' } }, fieldProps: { 'aria-label': '逾期未退回' } },

    { title: '立项编号', dataIndex: 'projectNo', search: false, width: 168, sorter: true, defaultSortOrder: 'ascend' },
    {
      title: '项目名称',
      dataIndex: 'title',
      search: false,
      ellipsis: true,
      render: (_, p) => (
        <>
          <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}><Link to={`/projects/${p.id}`}>{p.title}</Link></div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.organisation.name}</Typography.Text>
        </>
      ),
    },
    { title: '计划 / 年度', dataIndex: 'budgetYear', search: false, width: 116, sorter: true, render: (_, p) => <><div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{PROGRAMMES[p.programmeCode]?.text ?? p.programmeCode}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.budgetYear}年 · {p.category.name}</Typography.Text></> },
    { title: '状态', dataIndex: 'stateTag', search: false, width: 84, render: (_, p) => <Tag color={STATE_COLOR[p.state]} title={PROJECT_STATE_LABELS[p.state]}>{PROJECT_STATE_SHORT[p.state]}</Tag> },
    { title: '立项金额', dataIndex: 'approvedAmountYuan', search: false, width: 104, align: 'right', sorter: true, render: (_, p) => wanText(p.approvedAmountYuan) },
    { title: '已拨付', dataIndex: 'disbursedYuan', search: false, width: 104, align: 'right', sorter: true, render: (_, p) => <span title={`待拨付 ${wanText(p.undisbursedYuan)}；收回 ${wanText(p.releasedYuan)}；退回 ${wanText(p.repaidYuan)}`}>{wanText(p.disbursedYuan)}</span> },
    { title: '结束日期', dataIndex: 'effectiveEndDate', search: false, width: 124, sorter: true, tooltip: '含已批准的延期', render: (_, p) => day(p.effectiveEndDate) },
    { title: '来源申报书', dataIndex: 'application', search: false, width: 140, render: (_, p) => <Link to={`/applications/${p.application.id}`}>{p.application.applicationNo}</Link> },
    { title: '立项日期', dataIndex: 'approvedAt', search: false, width: 108, sorter: true, render: (_, p) => formatDateTime(p.approvedAt).slice(0, 10) },
  ];
}

const SORTABLE = ['projectNo', 'approvedAmountYuan', 'disbursedYuan', 'effectiveEndDate', 'budgetYear', 'approvedAt'] as const;
// Shown at first: what fits 1280×720 without sideways scrolling; the rest through the column settings.
const HIDDEN_AT_FIRST = { application: { show: false }, approvedAt: { show: false } };

export default function ProjectListPage() {
  const bureau = useCan('organisation.readAll');
  const table = useServerTable<PortfolioProjectView>({ path: '/projects', sortable: SORTABLE, defaultSort: 'projectNo', exportPath: '/projects/export.xlsx', exportName: bureau ? '立项项目.xlsx' : '本单位立项项目.xlsx' });
  // The charts follow the table's filters (not its sort or page).
  const [filters, setFilters] = useState<Record<string, string> | null>(null);
  const dashboard = useQuery({
    queryKey: ['projects', 'dashboard', filters],
    queryFn: ({ signal }) => api.get<PortfolioDashboard>('/projects/dashboard', filters ?? {}, signal),
    enabled: bureau && filters !== null,
    placeholderData: (previous) => previous,
  });
  const request: typeof table.request = (params: TableParams, sort) => {
    if (bureau) setFilters(filtersOf(params));
    return table.request(params, sort);
  };
  return (
    <PageContainer
      title={bureau ? '项目库' : '我的项目'}
      breadcrumbRender={false}
      content={bureau ? '全部立项项目：按阶段、计划、年度、领域统计，拨付与承诺对照；图表与下方列表按同一筛选条件计算，金额与预算台账一致到元。' : '本单位获批立项的项目：状态、拨付和结束日期（含已批准的延期）。'}
    >
      {bureau && <PortfolioCharts data={dashboard.data} loading={dashboard.isFetching} error={dashboard.error ? errorText(dashboard.error) : null} />}
      <ProTable<PortfolioProjectView>
        rowKey="id"
        cardBordered
        headerTitle={bureau ? '项目列表' : '本单位项目'}
        columns={columnsFor(bureau)}
        columnsState={{ defaultValue: HIDDEN_AT_FIRST }}
        tableLayout="fixed"
        search={{ labelWidth: 'auto', defaultCollapsed: true }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
        options={{ density: true, reload: true, setting: true }}
        request={request}
        toolBarRender={() => [table.exportButton]}
      />
    </PageContainer>
  );
}
