/** One project (项目空间): where it stands in its life, and a tab for each part of execution. */
import { PageContainer } from '@ant-design/pro-components';
import { PROJECT_STATE_LABELS, type ProjectDetail, type ProjectState } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Result, Spin, Steps, Tabs, Tag } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { useSession } from '../../../app/session';
import { wanText } from '../../../lib/wan';
import { PROJECT_TABS } from './tabs';

/** The main road of a project's life, for the steps bar; side states map onto the step they interrupt. */
const ROAD: { title: string; states: ProjectState[] }[] = [
  { title: '签订任务书', states: ['approved'] },
  { title: '执行', states: ['executing', 'rectifying'] },
  { title: '中期检查', states: ['midterm'] },
  { title: '验收', states: ['accepting', 'acceptanceRectifying'] },
  { title: '结题', states: ['accepted', 'concluded', 'failed', 'terminated', 'revoked'] },
];
const STOPPED: ProjectState[] = ['failed', 'terminated', 'revoked'];

export default function ProjectPage() {
  const { projectId = '' } = useParams();
  const me = useSession();
  const [search, setSearch] = useSearchParams();
  const q = useQuery({ queryKey: ['projects', projectId], queryFn: () => api.get<ProjectDetail>(`/projects/${projectId}`) });
  if (q.isLoading) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (!q.data) return <Result status="404" title="项目不存在" extra={<Link to="/projects">返回项目列表</Link>} />;
  const p = q.data;
  const state = p.state;
  const tabs = PROJECT_TABS
    .filter((t) => !t.permissions || t.permissions.some((perm) => me.permissions.includes(perm)))
    .filter((t) => !t.states || t.states.includes(state))
    .sort((a, b) => a.order - b.order);
  const wanted = search.get('tab');
  const active = tabs.some((t) => t.key === wanted) ? wanted! : (tabs.find((t) => t.activeIn?.includes(state))?.key ?? tabs[0]?.key);
  const refresh = () => void q.refetch();
  const step = ROAD.findIndex((r) => r.states.includes(state));
  return (
    <PageContainer title={p.title} subTitle={<Tag color={STOPPED.includes(state) ? 'red' : 'blue'}>{PROJECT_STATE_LABELS[state]}</Tag>} breadcrumbRender={false}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps size="small" current={step} status={STOPPED.includes(state) ? 'error' : state === 'accepted' || state === 'concluded' ? 'finish' : 'process'} items={ROAD.map((r) => ({ title: r.title }))} style={{ marginBottom: 12 }} />
        <Descriptions size="small" column={4} items={[
          { key: 'no', label: '立项编号', children: p.projectNo },
          { key: 'org', label: '承担单位', children: p.organisation.name },
          { key: 'leader', label: '项目负责人', children: p.leaderName || '—' },
          { key: 'amount', label: '立项金额', children: wanText(p.approvedAmountYuan) },
          { key: 'period', label: '执行期', children: p.startDate ? `${p.startDate} 至 ${p.effectiveEndDate ?? p.endDate}` : '—' },
          { key: 'paid', label: '已拨付', children: wanText(p.ledger.disbursedYuan) },
        ]} />
      </Card>
      <Tabs
        activeKey={active}
        onChange={(key) => setSearch((s) => { s.set('tab', key); return s; }, { replace: true })}
        items={tabs.map((t) => ({ key: t.key, label: t.label, children: t.render({ project: p, refresh }) }))}
      />
    </PageContainer>
  );
}
