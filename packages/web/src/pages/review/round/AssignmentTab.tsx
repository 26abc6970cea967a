/**
 * 专家分配: the round's settings, the 回避 computed from records, the optimal assignment's preview with every
 * pair explained (or, when none exists, the engine's explanation), its confirmation, and the confirmed
 * assignments with their load histogram. The random draw has its own tab.
 */
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import type { AssignmentPreview, RoundAssignmentList } from '@kechuang/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { useSession } from '../../../app/session';
import { EChart } from '../../../components/EChart';
import { AssignmentSettingsCard } from './AssignmentSettingsCard';
import { ConflictsCard } from './ConflictsCard';
import type { RoundTabProps } from './tabs';

type Pair = AssignmentPreview['pairs'][number];
type Row = RoundAssignmentList['items'][number];
const SOURCE_LABELS: Record<string, string> = { optimal: '最优分配', draw: '随机抽取', replacement: '替补' };

/** Experts per load (评审量 0, 1, 2 …): the shape of the workload, not who carries it. */
function LoadHistogram({ loads, title }: { loads: number[]; title: string }) {
  const max = Math.max(0, ...loads);
  const counts = Array.from({ length: max + 1 }, (_, i) => loads.filter((l) => l === i).length);
  return (
    <EChart
      height={220}
      ariaLabel={`${title}：${counts.map((c, i) => `${i} 份 ${c} 位`).join('，')}`}
      option={{
        tooltip: { trigger: 'axis' },
        grid: { left: 48, right: 16, top: 24, bottom: 40 },
        xAxis: { type: 'category', name: '评审量（份）', nameLocation: 'middle', nameGap: 26, data: counts.map((_, i) => String(i)) },
        yAxis: { type: 'value', name: '专家（位）', minInterval: 1 },
        series: [{ type: 'bar', data: counts, itemStyle: { color: '#1677ff' }, barMaxWidth: 40 }],
      }}
    />
  );
}

function PreviewResult({ p }: { p: AssignmentPreview }) {
  if (!p.feasible && p.infeasibility) {
    const inf = p.infeasibility;
    return (
      <>
        <Alert type="error" showIcon message="当前设置下无法完成专家分配" description={<ul style={{ margin: 0, paddingLeft: 20 }}>{inf.messages.map((m, i) => <li key={i}>{m}</li>)}</ul>} style={{ marginBottom: 12 }} />
        {inf.tooFewCandidates.length > 0 && (
          <ProTable
            rowKey="applicationId"
            headerTitle="回避后候选专家不足的申报书"
            search={false}
            options={false}
            size="small"
            dataSource={inf.tooFewCandidates}
            pagination={{ pageSize: 10 }}
            columns={[
              { title: '申报编号', dataIndex: 'applicationNo', width: 150 },
              { title: '项目名称', dataIndex: 'title', ellipsis: true },
              { title: '候选专家', dataIndex: 'candidates', width: 90, align: 'right' },
              { title: '所需', dataIndex: 'needed', width: 80, align: 'right' },
            ]}
          />
        )}
      </>
    );
  }
  const columns: ProColumns<Pair>[] = [
    { title: '申报编号', dataIndex: 'applicationNo', width: 150, sorter: (a, b) => (a.applicationNo < b.applicationNo ? -1 : 1) },
    { title: '项目名称', dataIndex: 'title', width: 220, ellipsis: true },
    { title: '专家', dataIndex: 'expertName', width: 90 },
    { title: '亲和度', dataIndex: 'affinity', width: 80, align: 'right', sorter: (a, b) => a.affinity - b.affinity },
    { title: '分配说明', dataIndex: 'explanation' },
  ];
  return (
    <>
      <Descriptions size="small" column={4} style={{ marginBottom: 8 }} items={[
        { key: 'o', label: '总亲和度（目标值）', children: p.objective },
        { key: 'p', label: '分配', children: `${p.pairs.length} 对` },
        { key: 'c', label: '回避配对', children: `${p.conflictPairs} 对` },
        { key: 'k', label: '候选配对', children: `${p.candidatePairs} 对` },
      ]} />
      <LoadHistogram loads={p.loads.map((l) => l.load)} title="预览的专家评审量分布" />
      <ProTable<Pair> rowKey={(r) => `${r.applicationId}/${r.expertId}`} headerTitle="预览：逐对分配说明" columns={columns} dataSource={p.pairs} search={false} options={false} size="small" pagination={{ pageSize: 10, showSizeChanger: true }} />
    </>
  );
}

function AssignmentsTable({ roundId }: { roundId: string }) {
  const q = useQuery({ queryKey: ['review', 'round', roundId, 'assignments'], queryFn: () => api.get<RoundAssignmentList>(`/review/rounds/${roundId}/assignments`) });
  const onError = useApiErrorHandler();
  const items = q.data?.items ?? [];
  const perExpert = new Map<string, number>();
  for (const r of items) if (r.status === 'active') perExpert.set(r.expertId, (perExpert.get(r.expertId) ?? 0) + 1);
  const columns: ProColumns<Row>[] = [
    { title: '申报编号', dataIndex: 'applicationNo', width: 150, sorter: (a, b) => (a.applicationNo < b.applicationNo ? -1 : 1) },
    { title: '项目名称', dataIndex: 'title', width: 220, ellipsis: true },
    { title: '专家', dataIndex: 'expertName', width: 90, filters: [...new Set(items.map((i) => i.expertName))].map((n) => ({ text: n, value: n })), filterSearch: true, onFilter: (v, r) => r.expertName === v },
    { title: '来源', dataIndex: 'source', width: 90, render: (_, r) => SOURCE_LABELS[r.source] ?? r.source },
    { title: '状态', dataIndex: 'status', width: 80, render: (_, r) => (r.status === 'active' ? <Tag color="green">有效</Tag> : <Tag>已回避</Tag>) },
    { title: '亲和度', dataIndex: 'affinity', width: 80, align: 'right' },
    { title: '分配说明', dataIndex: 'explanation' },
  ];
  if (!q.isLoading && items.length === 0) return null;
  return (
    <Card size="small" title="已确认的专家分配" style={{ marginBottom: 16 }}>
      <LoadHistogram loads={[...perExpert.values()]} title="已分配专家的评审量分布" />
      <ProTable<Row>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={q.isLoading}
        search={false}
        options={false}
        size="small"
        pagination={{ pageSize: 20, showSizeChanger: true }}
        toolBarRender={() => [<Button key="x" onClick={() => api.download(`/review/rounds/${roundId}/assignments.xlsx`, undefined, '专家分配.xlsx').catch(onError)}>导出 Excel</Button>]}
      />
    </Card>
  );
}

export function AssignmentTab({ round, refresh }: RoundTabProps) {
  const me = useSession();
  const qc = useQueryClient();
  const onError = useApiErrorHandler();
  const [preview, setPreview] = useState<AssignmentPreview | null>(null);
  const [busy, setBusy] = useState<'preview' | 'confirm' | null>(null);
  const assigning = round.stage === 'assigning';
  const manage = me.permissions.includes('review.manage');
  const runPreview = async () => {
    setBusy('preview');
    try {
      setPreview(await api.post<AssignmentPreview>(`/review/rounds/${round.id}/assignment/preview`));
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  };
  const confirm = async () => {
    setBusy('confirm');
    try {
      await api.post(`/review/rounds/${round.id}/assignment/confirm`, { resultHash: preview?.resultHash ?? undefined });
      setPreview(null);
      await qc.invalidateQueries({ queryKey: ['review', 'round', round.id] });
      refresh();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div>
      <AssignmentSettingsCard round={round} editable={assigning && manage} onSaved={() => { setPreview(null); void qc.invalidateQueries({ queryKey: ['review', 'round', round.id, 'conflicts'] }); refresh(); }} />
      {assigning && <ConflictsCard roundId={round.id} />}
      {assigning && manage && round.mode === 'optimal' && (
        <Card size="small" title="最优分配" style={{ marginBottom: 16 }} extra={
          <Space>
            <Button onClick={runPreview} loading={busy === 'preview'}>计算分配（预览）</Button>
            <Popconfirm title="确认专家分配" description="将重新计算并复核回避后写入分配、通知专家，评审进入专家评审阶段。" okText="确认" cancelText="取消" onConfirm={confirm} disabled={!preview?.feasible}>
              <Button type="primary" disabled={!preview?.feasible} loading={busy === 'confirm'}>确认分配并通知专家</Button>
            </Popconfirm>
          </Space>
        }>
          {preview ? <PreviewResult p={preview} /> : <Typography.Text type="secondary">按当前设置计算总亲和度最高的分配：每份申报书 {round.k} 位专家，每位专家 {round.minLoad}–{round.maxLoad} 份，回避的配对不参与。</Typography.Text>}
        </Card>
      )}
      {assigning && round.mode === 'draw' && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="本轮采用随机抽取，请在“随机抽取”中操作；如需最优分配，请在分配设置中切换分配方式。" />}
      <AssignmentsTable roundId={round.id} />
    </div>
  );
}
