/** 回避: every conflicted pair with its reasons, and per application the candidates left after 回避. */
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { CONFLICT_KIND_LABELS, type RoundConflicts } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Input, Select, Space, Statistic, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../../api/client';

type Pair = RoundConflicts['pairs'][number];
type App = RoundConflicts['applications'][number];

export function ConflictsCard({ roundId }: { roundId: string }) {
  const q = useQuery({ queryKey: ['review', 'round', roundId, 'conflicts'], queryFn: () => api.get<RoundConflicts>(`/review/rounds/${roundId}/conflicts`) });
  const [app, setApp] = useState<string | undefined>();
  const [expert, setExpert] = useState('');
  const d = q.data;
  const pairs = useMemo(() => (d?.pairs ?? []).filter((p) => (!app || p.applicationId === app) && (!expert || p.expertName.includes(expert.trim()) || p.expertOrganisation.includes(expert.trim()))), [d, app, expert]);
  const appColumns: ProColumns<App>[] = [
    { title: '申报编号', dataIndex: 'applicationNo', width: 150 },
    { title: '项目名称', dataIndex: 'title', ellipsis: true },
    { title: '领域', dataIndex: 'fieldName', width: 100 },
    { title: '回避专家', dataIndex: 'conflicts', width: 90, align: 'right', sorter: (a, b) => a.conflicts - b.conflicts },
    { title: '回避后候选', dataIndex: 'candidates', width: 100, align: 'right', sorter: (a, b) => a.candidates - b.candidates },
    { title: `可配满 ${d?.k ?? ''} 位`, dataIndex: 'canGetK', width: 100, filters: [{ text: '候选不足', value: false }, { text: '可配满', value: true }], onFilter: (v, r) => r.canGetK === v, render: (_, r) => (r.canGetK ? <Tag color="green">可配满</Tag> : <Tag color="red">候选不足</Tag>) },
  ];
  const pairColumns: ProColumns<Pair>[] = [
    { title: '申报编号', dataIndex: 'applicationNo', width: 150 },
    { title: '项目名称', dataIndex: 'title', width: 220, ellipsis: true },
    { title: '专家', dataIndex: 'expertName', width: 90 },
    { title: '专家单位', dataIndex: 'expertOrganisation', width: 180, ellipsis: true },
    {
      title: '回避理由',
      dataIndex: 'reasons',
      render: (_, r) => (
        <Space direction="vertical" size={2}>
          {r.reasons.map((x, i) => (
            <span key={i}>
              <Tag color="volcano">{CONFLICT_KIND_LABELS[x.kind]}</Tag>
              {x.text}
            </span>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <Card size="small" title="回避（根据记录计算）" style={{ marginBottom: 16 }} loading={q.isLoading}>
      {d && (
        <>
          <Space size={48} style={{ marginBottom: 12 }}>
            <Statistic title="在库可用专家" value={d.experts} suffix="位" />
            <Statistic title="回避配对" value={d.conflictPairs} suffix="对" />
            <Statistic title="候选配对（同领域或共同关键词）" value={d.candidatePairs} suffix="对" />
            <Statistic title="候选不足的申报书" value={d.applications.filter((a) => !a.canGetK).length} suffix="份" />
          </Space>
          {d.integrityExcluded.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`${d.integrityExcluded.length} 位专家因科研失信记录不参与本轮分配和抽取`}
              description={d.integrityExcluded.map((x) => <div key={x.expertId}>{x.message}</div>)}
            />
          )}
          <ProTable<App> rowKey="applicationId" headerTitle="各申报书回避后的候选专家" columns={appColumns} dataSource={d.applications} search={false} options={false} size="small" pagination={{ pageSize: 10 }} />
          <ProTable<Pair>
            rowKey={(r) => `${r.applicationId}/${r.expertId}`}
            headerTitle="回避配对及理由"
            columns={pairColumns}
            dataSource={pairs}
            search={false}
            options={false}
            size="small"
            pagination={{ pageSize: 10, showSizeChanger: true }}
            toolBarRender={() => [
              <Select
                key="app"
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder="按申报书筛选"
                aria-label="按申报书筛选"
                style={{ width: 260 }}
                value={app}
                onChange={setApp}
                options={d.applications.map((a) => ({ value: a.applicationId, label: `${a.applicationNo} ${a.title}` }))}
              />,
              <Input.Search key="expert" allowClear placeholder="按专家姓名或单位筛选" aria-label="按专家姓名或单位筛选" style={{ width: 220 }} onSearch={setExpert} />,
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            回避依据：专家所在单位与申报单位、合作单位（统一社会信用代码）；近年共同参与申报（身份证号精确匹配负责人，团队成员按“同名且同单位”匹配）；同属创新联合体（单位登记）；专家申报的回避；可选的同区县回避。
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
