/** A task book's content as the parties read it: parties, goals, indicators with core marks, plan, budget (万元, NB-7 split), topics, partners. */
import { INDICATOR_KIND_LABELS, PARTNER_ROLE_LABELS, TASK_BOOK_PARTY_LABELS, taskBookBudgetRows, taskBookSectionTitle, type TaskBookBudgetRow, type TaskBookContent, type TaskBookProblem } from '@kechuang/domain';
import { Alert, Card, Collapse, Descriptions, Table, Tag, Typography } from 'antd';
import { wanText } from '../../../lib/wan';

type Indicator = TaskBookContent['indicators'][number];
type Year = TaskBookContent['yearlyPlan'][number];
type Topic = TaskBookContent['topics'][number];
type Partner = TaskBookContent['partners'][number];

const wan = (y: number) => wanText(y).replace(/万元$/, '');

/** Problems of the check under the part they concern (the field path's first segment). */
function ProblemsOf({ problems, prefix }: { problems: TaskBookProblem[]; prefix: string[] }) {
  const mine = problems.filter((p) => prefix.some((x) => p.field === x || p.field.startsWith(`${x}.`)));
  if (mine.length === 0) return null;
  return <Alert type="error" showIcon style={{ marginBottom: 8 }} title={mine.map((p) => <div key={`${p.field}${p.message}`}>{p.message}{p.rule ? `（${p.rule}）` : ''}</div>)} />;
}

export function TaskBookContentView({ content: c, problems }: { content: TaskBookContent; problems: TaskBookProblem[] }) {
  const budget = taskBookBudgetRows(c.budget);
  return (
    <>
      <Card size="small" title="签约各方与基本信息" style={{ marginBottom: 12 }}>
        <ProblemsOf problems={problems} prefix={['projectNo', 'parties', 'title', 'leader', 'startDate', 'endDate']} />
        <Descriptions size="small" column={2} items={[
          { key: 'bureau', label: TASK_BOOK_PARTY_LABELS.bureau, children: c.parties.bureau },
          { key: 'undertaker', label: TASK_BOOK_PARTY_LABELS.undertaker, children: `${c.parties.undertaker.name}（${c.parties.undertaker.creditCode}）` },
          { key: 'department', label: TASK_BOOK_PARTY_LABELS.department, children: c.parties.department ?? '无' },
          { key: 'leader', label: '项目负责人', children: `${c.leader.name}${c.leader.title ? `（${c.leader.title}）` : ''}` },
          { key: 'period', label: '实施期', children: `${c.startDate} 至 ${c.endDate}` },
          { key: 'fiscal', label: '财政经费', children: `${wanText(c.fiscal.totalYuan)}（市级 ${wanText(c.fiscal.cityYuan)}，区级 ${wanText(c.fiscal.districtYuan)}）` },
        ]} />
      </Card>
      <Card size="small" title="项目目标与研究内容" style={{ marginBottom: 12 }}>
        <ProblemsOf problems={problems} prefix={['goals', 'sections']} />
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.goals || '—'}</Typography.Paragraph>
        <Collapse size="small" items={Object.entries(c.sections).map(([k, text]) => ({ key: k, label: taskBookSectionTitle(k), children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{text}</Typography.Paragraph> }))} />
      </Card>
      <Card size="small" title="考核指标" style={{ marginBottom: 12 }}>
        <ProblemsOf problems={problems} prefix={['indicators']} />
        <Table<Indicator> size="small" rowKey={(i) => `${i.name}|${i.unit}`} pagination={false} dataSource={c.indicators} columns={[
          { title: '核心', dataIndex: 'core', width: 72, render: (v: boolean) => (v ? <Tag color="red">核心</Tag> : <Tag>非核心</Tag>) },
          { title: '类型', dataIndex: 'kind', width: 90, render: (k: Indicator['kind']) => INDICATOR_KIND_LABELS[k] },
          { title: '指标', dataIndex: 'name' },
          { title: '单位', dataIndex: 'unit', width: 80 },
          { title: '现有值', dataIndex: 'currentValue', width: 100 },
          { title: '目标值', dataIndex: 'targetValue', width: 110 },
          { title: '考核方式', dataIndex: 'verification', width: 160 },
        ]} />
      </Card>
      <Card size="small" title="年度计划与里程碑" style={{ marginBottom: 12 }}>
        <ProblemsOf problems={problems} prefix={['yearlyPlan']} />
        <Table<Year> size="small" rowKey="year" pagination={false} dataSource={c.yearlyPlan} columns={[
          { title: '年度', dataIndex: 'year', width: 80 },
          { title: '目标', dataIndex: 'goals' },
          { title: '里程碑', dataIndex: 'milestones', render: (ms: Year['milestones']) => ms.map((m) => <div key={`${m.date}${m.description}`}>{m.date} {m.description}</div>) },
        ]} />
      </Card>
      <Card size="small" title="经费预算（万元，按科目 × 来源；财政经费市区分担 NB-7）" style={{ marginBottom: 12 }}>
        <ProblemsOf problems={problems} prefix={['budget', 'fiscal']} />
        <Table<TaskBookBudgetRow> size="small" rowKey="label" pagination={false} dataSource={budget} columns={[
          { title: '科目', dataIndex: 'label', render: (v: string) => (v === '合计' ? <b>{v}</b> : v) },
          { title: '市级财政', dataIndex: 'cityYuan', align: 'right', render: wan },
          { title: '区级财政', dataIndex: 'districtYuan', align: 'right', render: wan },
          { title: '财政小计', dataIndex: 'fiscalYuan', align: 'right', render: wan },
          { title: '自筹', dataIndex: 'selfRaisedYuan', align: 'right', render: wan },
          { title: '其他', dataIndex: 'otherYuan', align: 'right', render: wan },
          { title: '合计', dataIndex: 'totalYuan', align: 'right', render: wan },
        ]} />
      </Card>
      <Card size="small" title="课题（NB-8）与合作单位" style={{ marginBottom: 12 }}>
        <ProblemsOf problems={problems} prefix={['topics', 'partners']} />
        {c.topics.length > 0 && (
          <Table<Topic> size="small" rowKey={(t) => t.code || t.title} pagination={false} dataSource={c.topics} style={{ marginBottom: 8 }} columns={[
            { title: '编号', dataIndex: 'code', width: 80 },
            { title: '课题', dataIndex: 'title' },
            { title: '承担单位', dataIndex: 'leadUnitName', width: 200 },
            { title: '负责人', dataIndex: 'leaderName', width: 90 },
          ]} />
        )}
        <Table<Partner> size="small" rowKey={(p) => p.creditCode || p.name} pagination={false} dataSource={c.partners} locale={{ emptyText: '无合作单位' }} columns={[
          { title: '合作单位', dataIndex: 'name' },
          { title: '统一社会信用代码', dataIndex: 'creditCode', width: 200 },
          { title: '角色', dataIndex: 'role', width: 100, render: (r: string) => PARTNER_ROLE_LABELS[r as keyof typeof PARTNER_ROLE_LABELS] ?? r },
          { title: '经费占比', dataIndex: 'budgetSharePercent', width: 100, render: (v: number) => `${v}%` },
        ]} />
      </Card>
    </>
  );
}
