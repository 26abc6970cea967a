/**
 * 立项项目: the approved projects, with the organisation, category, approved amount and the application each came
 * from. Bureau staff see every organisation's; an applicant or unit admin their own (the server decides).
 */
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { PROJECT_STATE_SHORT, SEED_PROGRAMMES, type ProjectView } from '@kechuang/domain';
import { Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useCan } from '../../../app/session';
import { formatDateTime } from '../../../lib/time';
import { useServerTable } from '../../../lib/use-server-table';
import { wanText } from '../../../lib/wan';

const PROGRAMMES = Object.fromEntries(SEED_PROGRAMMES.map((p) => [p.code, { text: p.name }]));
// Every category any seeded version names, for the filter; the list shows the name stored with each project.
const CATEGORIES = Object.fromEntries(SEED_PROGRAMMES.flatMap((p) => p.versions.flatMap((v) => v.parameters.categories.map((c) => [c.code, { text: c.name }]))));

const columns: ProColumns<ProjectView>[] = [
  { title: '关键词', dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: '立项编号或项目名称' } },
  { title: '承担单位', dataIndex: 'organisation', hideInTable: true, fieldProps: { placeholder: '单位名称或信用代码' } },
  { title: '立项编号', dataIndex: 'projectNo', search: false, width: 170, sorter: true, defaultSortOrder: 'ascend' },
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
  { title: '计划', dataIndex: 'programme', valueType: 'select', valueEnum: PROGRAMMES, width: 120, ellipsis: true, fieldProps: { 'aria-label': '计划' }, render: (_, p) => PROGRAMMES[p.programmeCode]?.text ?? p.programmeCode },
  { title: '年度', dataIndex: 'year', valueType: 'digit', width: 64, fieldProps: { 'aria-label': '预算年度', precision: 0 }, render: (_, p) => p.budgetYear },
  { title: '类别', dataIndex: 'category', valueType: 'select', valueEnum: CATEGORIES, width: 72, fieldProps: { 'aria-label': '类别' }, render: (_, p) => p.category.name },
  { title: '立项金额', dataIndex: 'approvedAmountYuan', search: false, width: 110, align: 'right', sorter: true, render: (_, p) => wanText(p.approvedAmountYuan) },
  { title: '来源申报书', dataIndex: 'application', search: false, width: 140, render: (_, p) => <Link to={`/applications/${p.application.id}`}>{p.application.applicationNo}</Link> },
  { title: '状态', dataIndex: 'state', search: false, width: 72, render: (_, p) => <Tag color="green">{PROJECT_STATE_SHORT[p.state]}</Tag> },
  { title: '立项日期', dataIndex: 'approvedAt', search: false, width: 108, sorter: true, render: (_, p) => formatDateTime(p.approvedAt).slice(0, 10) },
];

const SORTABLE = ['projectNo', 'approvedAmountYuan', 'approvedAt'] as const;

export default function ProjectListPage() {
  const table = useServerTable<ProjectView>({ path: '/projects', sortable: SORTABLE, defaultSort: 'projectNo', exportPath: '/projects/export.xlsx', exportName: '立项项目.xlsx' });
  const bureau = useCan('organisation.readAll');
  return (
    <PageContainer title="立项项目" breadcrumbRender={false} content={bureau ? '评审通过并批准立项的项目，立项金额已在年度预算台账中承诺（BL-4）。' : '本单位获批立项的项目。'}>
      <ProTable<ProjectView>
        rowKey="id"
        cardBordered
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
        options={{ density: true, reload: true, setting: true }}
        request={table.request}
        toolBarRender={() => [table.exportButton]}
      />
    </PageContainer>
  );
}
