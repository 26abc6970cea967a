/**
 * 进度报告: the project's annual progress reports — the schedule from the effective end date (an approved extension
 * moves it), each year's window, due date, state and lateness — and the selected report below it.
 */
import type { ProjectReportSchedule, ProjectReportView } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Spin, Table } from 'antd';
import { useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { LateDays, ReportStateTag } from './report-labels';
import { ReportPanel } from './ReportPanel';
import type { ProjectTabProps } from './tabs';

export function ReportsTab({ project, refresh }: ProjectTabProps) {
  const [search, setSearch] = useSearchParams();
  const q = useQuery({ queryKey: ['projects', project.id, 'reports'], queryFn: () => api.get<ProjectReportSchedule>(`/projects/${project.id}/reports`) });
  if (q.isLoading) return <Spin />;
  const s = q.data;
  if (!s) return <Empty description="暂无进展报告" />;
  const selected = search.get('report');
  const select = (id: string) => setSearch((p) => { p.set('report', id); return p; }, { replace: true });
  const explain = `年度进展报告按执行期计算（开始日期至有效结束日期${s.effectiveEndDate ? ` ${s.effectiveEndDate}` : ''}，含已批准的延期）：执行期超过${s.annualReportAboveMonths}个月的项目，每满12个月报送一份；报告年度结束前${s.windowOpensDaysBefore}天开放填报，结束后${s.reportDueDays}天截止。最后不足或恰满一年的执行期由验收覆盖。逾期未交的报告将被锁定，须经办人写明理由后重新开放。`;
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={s.required ? '年度进展报告' : `执行期不超过${s.annualReportAboveMonths}个月，无需报送年度进展报告（由验收覆盖）`} description={explain} />
      {s.required && s.items.length === 0 && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="任务书签订生效后排定报告计划" />}
      {s.items.length > 0 && (
        <Table<ProjectReportView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={s.items}
          rowClassName={(r) => (r.id === selected ? 'ant-table-row-selected' : '')}
          columns={[
            { title: '报告年度', dataIndex: 'periodNo', width: 96, render: (n: number) => `第${n}年度` },
            { title: '报告期', key: 'period', render: (_, r) => `${r.periodStart} 至 ${r.periodEnd}` },
            { title: '填报窗口', key: 'window', render: (_, r) => `${r.opensOn} 至 ${r.closesOn}` },
            { title: '截止日', dataIndex: 'dueDate', width: 110 },
            { title: '状态', dataIndex: 'state', width: 130, render: (_, r) => <ReportStateTag state={r.state} /> },
            { title: '逾期', dataIndex: 'lateDays', width: 90, render: (d: number) => <LateDays days={d} /> },
            {
              title: '操作',
              key: 'op',
              width: 90,
              render: (_, r) => {
                if (r.state === 'cancelled') return null;
                const verb = s.canUndertake && ['open', 'reopened', 'returned'].includes(r.state) ? '填写' : '查看';
                return <Button type="link" size="small" onClick={() => select(r.id)} aria-label={`${verb}第${r.periodNo}年度进展报告`}>{verb}</Button>;
              },
            },
          ]}
        />
      )}
      {selected && s.items.some((r) => r.id === selected) && (
        <ReportPanel key={selected} projectId={project.id} reportId={selected} onChanged={() => { void q.refetch(); refresh(); }} />
      )}
    </>
  );
}
