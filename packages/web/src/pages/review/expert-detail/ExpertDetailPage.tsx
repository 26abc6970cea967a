/**
 * 专家详情 (officers): the profile, its history (every audited change), the assignments across rounds, the workload
 * per round, and the reverse evaluations (反向评价, P315-5) with the score distribution; the officer rates the
 * expert's work per round here and can open the expert's login.
 */
import { PageContainer, ProCard, ProDescriptions } from '@ant-design/pro-components';
import { EXPERT_RATER_KIND_LABELS, formatCenti, REVIEW_STAGE_LABELS, type ExpertDetail, type ExpertLoginResult } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Empty, Result, Space, Spin, Statistic, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../../api/client';
import { EChart } from '../../../components/EChart';
import { OneTimeSecretModal } from '../../../components/OneTimeSecretModal';
import { formatDateTime } from '../../../lib/time';
import { ExpertFormDrawer } from '../experts/ExpertFormDrawer';
import { useFieldNames } from '../experts/ExpertProfileFields';
import { ExpertStatusTag, useExpertTransition } from '../experts/ExpertListPage';
import { CreateLoginModal, RateRoundModal } from './ExpertActions';

const STATE_LABELS = { open: ['进行中', 'blue'], closed: ['已结束', 'green'], declined: ['已回避', 'default'] } as const;

export default function ExpertDetailPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const detail = useQuery({ queryKey: ['experts', id], queryFn: () => api.get<ExpertDetail>(`/experts/${id}`) });
  const fieldName = useFieldNames();
  const [editing, setEditing] = useState(false);
  const [rating, setRating] = useState<{ roundId: string; callTitle: string } | null>(null);
  const [loginOpen, setLoginOpen] = useState(false);
  const [secret, setSecret] = useState<ExpertLoginResult | null>(null);
  const refresh = () => void detail.refetch();
  const transition = useExpertTransition(refresh);
  if (detail.isLoading) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (!detail.data) return <Result status="404" title="专家不存在" />;
  const { expert: e, history, assignments, workload, ratings } = detail.data;

  return (
    <PageContainer
      title={<Space>{e.name}<ExpertStatusTag status={e.status} />{e.available ? null : <Tag>暂不参评</Tag>}</Space>}
      breadcrumbRender={false}
      extra={[
        <Button key="edit" onClick={() => setEditing(true)}>编辑</Button>,
        e.status === 'active' ? <Button key="s" danger onClick={() => transition(e, 'suspend')}>暂停</Button> : <Button key="a" type="primary" onClick={() => transition(e, 'activate')}>启用</Button>,
        e.userId ? null : <Button key="login" onClick={() => setLoginOpen(true)}>开通登录账号</Button>,
      ]}
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <ProCard title="专家信息" variant="outlined">
          <ProDescriptions column={3} dataSource={e} columns={[
            { title: '身份证号码', dataIndex: 'idNumberMasked' },
            { title: '职称', dataIndex: 'title' },
            { title: '登录账号', dataIndex: 'username', render: (_, r) => r.username ?? '未开通' },
            { title: '工作单位', dataIndex: 'organisationName' },
            { title: '统一社会信用代码', dataIndex: 'organisationCreditCode', render: (_, r) => r.organisationCreditCode ?? '—' },
            { title: '所在地区', dataIndex: 'region' },
            { title: '评审领域', dataIndex: 'fields', render: (_, r) => r.fields.map((f) => <Tag key={f}>{fieldName(f)}</Tag>) },
            { title: '关键词', dataIndex: 'keywords', render: (_, r) => r.keywords.join('、') || '—' },
            { title: '创新联合体', dataIndex: 'consortia', render: (_, r) => r.consortia.join('、') || '—' },
            { title: '暂停原因', dataIndex: 'suspendedReason', render: (_, r) => r.suspendedReason ?? '—' },
            { title: '申报回避', dataIndex: 'declaredConflicts', span: 2, render: (_, r) => (r.declaredConflicts.length ? r.declaredConflicts.map((d, i) => <div key={i}>{d.kind === 'organisation' ? '单位' : '个人'}：{d.name}（{d.reason}）</div>) : '无') },
          ]} />
        </ProCard>
        <ProCard ghost gutter={16} wrap>
          <ProCard title="反向评价" variant="outlined" colSpan={{ xs: 24, lg: 10 }}>
            <Space size={32} style={{ marginBottom: 8 }}>
              <Statistic title="平均评分" value={ratings.averageCenti === null ? '—' : formatCenti(ratings.averageCenti)} suffix={ratings.averageCenti === null ? undefined : '/ 5'} />
              <Statistic title="评价数" value={ratings.count} />
            </Space>
            <EChart
              ariaLabel={`评分分布：${ratings.distribution.map((d) => `${d.score}分${d.count}条`).join('，')}`}
              height={200}
              option={{
                grid: { left: 40, right: 16, top: 16, bottom: 28 },
                tooltip: { trigger: 'axis' },
                xAxis: { type: 'category', data: ratings.distribution.map((d) => `${d.score}分`) },
                yAxis: { type: 'value', minInterval: 1 },
                series: [{ type: 'bar', name: '评价数', data: ratings.distribution.map((d) => d.count), itemStyle: { color: '#1677ff' } }],
              }}
            />
          </ProCard>
          <ProCard title="工作量（按评审轮次）" variant="outlined" colSpan={{ xs: 24, lg: 14 }}>
            <Table
              size="small"
              rowKey="roundId"
              pagination={false}
              dataSource={workload}
              locale={{ emptyText: <Empty description="尚未参加评审" /> }}
              columns={[
                { title: '申报指南', dataIndex: 'callTitle', ellipsis: true, render: (t: string, r) => <Link to={`/review/${r.roundId}`}>{t}</Link> },
                { title: '阶段', dataIndex: 'stage', width: 100, render: (s: keyof typeof REVIEW_STAGE_LABELS) => REVIEW_STAGE_LABELS[s] },
                { title: '任务', dataIndex: 'total', width: 56 },
                { title: '进行中', dataIndex: 'open', width: 64 },
                { title: '已结束', dataIndex: 'closed', width: 64 },
                { title: '回避', dataIndex: 'declined', width: 52 },
                { title: '', key: 'rate', width: 72, render: (_, r) => (r.canRate ? <a onClick={() => setRating({ roundId: r.roundId, callTitle: r.callTitle })}>评价</a> : null) },
              ]}
            />
          </ProCard>
        </ProCard>
        <ProCard title="评价记录" variant="outlined">
          <Table
            size="small"
            rowKey="id"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={ratings.items}
            columns={[
              { title: '时间', dataIndex: 'createdAt', width: 170, render: (t: string) => formatDateTime(t) },
              { title: '评价方', key: 'rater', width: 260, render: (_, r) => `${EXPERT_RATER_KIND_LABELS[r.raterKind]}：${r.raterName}` },
              { title: '申报指南', dataIndex: 'callTitle', ellipsis: true },
              { title: '申报书', dataIndex: 'applicationNo', width: 150, render: (n: string | null) => n ?? '（整轮）' },
              { title: '评分', dataIndex: 'score', width: 60 },
              { title: '评语', dataIndex: 'comment', ellipsis: true },
            ]}
          />
        </ProCard>
        <ProCard ghost gutter={16} wrap>
          <ProCard title="历史记录" variant="outlined" colSpan={{ xs: 24, lg: 10 }}>
            <Timeline
              items={history.map((h) => ({
                key: h.id,
                children: (
                  <>
                    <Typography.Text strong>{h.actionLabel}</Typography.Text> <Typography.Text type="secondary">{formatDateTime(h.occurredAt)} · {h.actorName ?? '系统'}</Typography.Text>
                    {h.summary ? <div>{h.summary}</div> : null}
                  </>
                ),
              }))}
            />
          </ProCard>
          <ProCard title="评审任务" variant="outlined" colSpan={{ xs: 24, lg: 14 }}>
            <Table
              size="small"
              rowKey="assignmentId"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={assignments}
              columns={[
                { title: '申报书', key: 'app', ellipsis: true, render: (_, a) => <Link to={`/applications/${a.applicationId}`}>{a.applicationNo} {a.applicationTitle}</Link> },
                { title: '申报指南', dataIndex: 'callTitle', ellipsis: true },
                { title: '状态', dataIndex: 'state', width: 80, render: (s: keyof typeof STATE_LABELS) => <Tag color={STATE_LABELS[s][1]}>{STATE_LABELS[s][0]}</Tag> },
              ]}
            />
          </ProCard>
        </ProCard>
      </Space>
      <ExpertFormDrawer expert={editing ? e : null} open={editing} onOpenChange={setEditing} onSaved={() => (setEditing(false), refresh())} />
      <RateRoundModal expertId={e.id} target={rating} onClose={() => setRating(null)} onRated={() => (setRating(null), void message.success('已评价'), refresh())} />
      <CreateLoginModal expert={e} open={loginOpen} onClose={() => setLoginOpen(false)} onCreated={(r) => (setLoginOpen(false), setSecret(r), refresh())} />
      <OneTimeSecretModal
        open={secret !== null}
        title="专家登录账号已开通"
        label="临时密码"
        value={secret?.temporaryPassword ?? ''}
        description={secret && <>专家 <b>{secret.expert.name}</b> 的用户名为 <b>{secret.username}</b>。请通过安全渠道告知本人；首次登录时必须修改密码。</>}
        onClose={() => setSecret(null)}
      />
    </PageContainer>
  );
}
