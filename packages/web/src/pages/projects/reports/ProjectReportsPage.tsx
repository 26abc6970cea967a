/**
 * 进度报告: the bureau's to-do across projects — reports overdue (locked, or past due and still awaited), awaiting
 * review, or due within 30 days — each linking to its project's report, with Excel export of what is filtered.
 */
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { PROJECT_REPORT_DUE_LABELS, PROJECT_REPORT_STATE_LABELS, type ProjectReportDueFilter, type ProjectReportListItem } from '@kechuang/domain';
import { Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime } from '../../../lib/time';
import { useServerTable } from '../../../lib/use-server-table';
import { LateDays, ReportStateTag } from '../detail/report-labels';

const DUE = Object.fromEntries(Object.entries(PROJECT_REPORT_DUE_LABELS).map(([k, v]) => [k, { text: v }]));
const STATES = Object.fromEntries(Object.entries(PROJECT_REPORT_STATE_LABELS).map(([k, v]) => [k, { text: v }]));

const columns: ProColumns<ProjectReportListItem>[] = [
  { title: '待办', dataIndex: 'due', valueType: 'select', valueEnum: DUE, hideInTable: true, fieldProps: { 'aria-label': '待办', allowClear: false } },
  { title: '状态', dataIndex: 'state', valueType: 'select', valueEnum: STATES, hideInTable: true, fieldProps: { 'aria-label': '报告状态' } },
  { title: '关键词', dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: '立项编号或项目名称' } },
  {
    title: '项目',
    dataIndex: 'projectNo',
    search: false,
    sorter: true,
    ellipsis: true,
    render: (_, r) => (
      <>
        <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}><Link to={`/projects/${r.projectId}?tab=reports&report=${r.id}`}>{r.projectTitle}</Link></div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.projectNo} · {r.organisationName}</Typography.Text>
      </>
    ),
  },
  { title: '报告年度', dataIndex: 'periodNo', search: false, width: 84, render: (_, r) => `第${r.periodNo}年度` },
  { title: '填报窗口', key: 'window', search: false, width: 190, render: (_, r) => `${r.opensOn} 至 ${r.closesOn}` },
  { title: '截止日', dataIndex: 'dueDate', search: false, width: 100, sorter: true, defaultSortOrder: 'ascend' },
  { title: '状态', key: 'stateTag', search: false, width: 110, render: (_, r) => <ReportStateTag state={r.state} /> },
  { title: '逾期', dataIndex: 'lateDays', search: false, width: 80, render: (_, r) => <LateDays days={r.lateDays} /> },
  { title: '提交时间', dataIndex: 'submittedAt', search: false, width: 150, sorter: true, render: (_, r) => (r.submittedAt ? formatDateTime(r.submittedAt) : '—') },
];

const SORTABLE = ['dueDate', 'projectNo', 'submittedAt'] as const;

export default function ProjectReportsPage() {
  const [search] = useSearchParams();
  const wanted = search.get('due');
  const due: ProjectReportDueFilter = wanted && wanted in PROJECT_REPORT_DUE_LABELS ? (wanted as ProjectReportDueFilter) : 'all';
  const table = useServerTable<ProjectReportListItem>({ path: '/project-reports', sortable: SORTABLE, defaultSort: 'dueDate', exportPath: '/project-reports/export.xlsx', exportName: '进展报告.xlsx' });
  return (
    <PageContainer title="进度报告" breadcrumbRender={false} content="各项目的年度进展报告：逾期未交的（已锁定的可写明理由重新开放）、已提交待审核的和30天内到期的。">
      <ProTable<ProjectReportListItem>
        rowKey="id"
        cardBordered
        columns={columns}
        form={{ initialValues: { due } }}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
        options={{ density: true, reload: true, setting: true }}
        request={table.request}
        toolBarRender={() => [table.exportButton]}
      />
    </PageContainer>
  );
}
