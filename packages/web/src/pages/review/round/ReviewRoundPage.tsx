/** One call's review round: where it stands in BL-8's procedure, and a tab for each step's work. */
import { PageContainer } from '@ant-design/pro-components';
import { REVIEW_STAGE_LABELS, REVIEW_STAGES, reviewStageIndex, type ReviewRound, type ReviewStage } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Result, Spin, Steps, Tabs } from 'antd';
import { useParams, useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { useSession } from '../../../app/session';
import { ROUND_TABS } from './tabs';

export default function ReviewRoundPage() {
  const { roundId = '' } = useParams();
  const me = useSession();
  const [search, setSearch] = useSearchParams();
  const round = useQuery({ queryKey: ['review', 'round', roundId], queryFn: () => api.get<ReviewRound>(`/review/rounds/${roundId}`) });
  if (round.isLoading) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (!round.data) return <Result status="404" title="评审轮次不存在" />;
  const r = round.data;
  // In BL-8 order whatever order the parts registered in; tabs of no particular stage first.
  const order = (s: ReviewStage | undefined) => (s ? reviewStageIndex(s) + 1 : 0);
  const tabs = ROUND_TABS.filter((t) => !t.permission || me.permissions.includes(t.permission)).sort((a, b) => order(a.stage) - order(b.stage));
  const active = tabs.some((t) => t.key === search.get('tab')) ? search.get('tab')! : (tabs.find((t) => t.stage === r.stage)?.key ?? tabs[0]?.key);
  const refresh = () => void round.refetch();
  return (
    <PageContainer title={r.callTitle} breadcrumbRender={false}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={reviewStageIndex(r.stage)}
          status={r.stage === 'approved' ? 'finish' : 'process'}
          items={REVIEW_STAGES.map((s) => ({ title: REVIEW_STAGE_LABELS[s] }))}
          style={{ marginBottom: 12 }}
        />
        <Descriptions size="small" column={4} items={[
          { key: 'programme', label: '计划', children: r.programmeCode },
          { key: 'year', label: '预算年度', children: r.year },
          { key: 'apps', label: '申报书', children: `${r.applications} 份` },
          { key: 'mode', label: '分配方式', children: `${r.mode === 'draw' ? '随机抽取' : '最优分配'}，每份 ${r.k} 位专家` },
        ]} />
      </Card>
      <Tabs
        activeKey={active}
        onChange={(key) => setSearch((p) => { p.set('tab', key); return p; }, { replace: true })}
        items={tabs.map((t) => ({ key: t.key, label: t.stage === r.stage ? <b>{t.label}</b> : t.label, children: t.render({ round: r, refresh }) }))}
      />
    </PageContainer>
  );
}
