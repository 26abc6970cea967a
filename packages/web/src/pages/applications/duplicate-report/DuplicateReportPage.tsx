/**
 * 查重报告 (BL-9), officers only: the CNKI-style 文字复制比 with the flags and thresholds, which sources were compared
 * and which were not, each section's ratio, the matches ranked, and for the chosen match the copied passages side by
 * side (this application left, the source right). 重新查重 queues a new check; while it is queued or running the
 * page polls until the report is there.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { PageContainer, ProCard } from '@ant-design/pro-components';
import { formatDuplicateRatio } from '@kechuang/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Empty, Progress, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../../api/client';
import { ApiError } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { ApplicationDetail, DuplicateReportAnswer, DuplicateReportView } from '../../../api/types';
import { formatDateTime } from '../../../lib/time';
import { PassagesSideBySide } from './PassagesSideBySide';

type Match = DuplicateReportView['matches'][number];
const pct = formatDuplicateRatio;
const PENDING_LABEL: Record<string, string> = { queued: '查重排队中', running: '查重运行中', failed: '查重运行失败' };

export default function DuplicateReportPage() {
  const { id = '' } = useParams();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const app = useQuery({ queryKey: ['application', id], queryFn: () => api.get<ApplicationDetail>(`/applications/${id}`) });
  const report = useQuery({
    queryKey: ['duplicate-report', id],
    queryFn: () => api.get<DuplicateReportAnswer>(`/applications/${id}/duplicate-report`),
    retry: false,
    // Queued or running: ask again every two seconds until the report is stored.
    refetchInterval: (q) => (pendingStatus(q.state.error) === 'queued' || pendingStatus(q.state.error) === 'running' ? 2000 : false),
  });
  const pending = pendingStatus(report.error);
  const r = report.data?.report;
  useEffect(() => {
    if (r && (chosen === null || !r.matches.some((m) => m.docId === chosen))) setChosen(r.matches[0]?.docId ?? null);
  }, [r, chosen]);
  const match = r?.matches.find((m) => m.docId === chosen) ?? null;

  const recheck = async () => {
    setAsking(true);
    try {
      await api.post(`/applications/${id}/duplicate-check`);
      await queryClient.invalidateQueries({ queryKey: ['duplicate-report', id] });
    } catch (error) {
      onError(error);
    } finally {
      setAsking(false);
    }
  };

  const title = app.data ? `查重报告 · ${app.data.title || app.data.applicationNo}` : '查重报告';
  const extra = (
    <Button key="recheck" icon={<ReloadOutlined />} loading={asking || pending === 'queued' || pending === 'running'} onClick={() => void recheck()}>
      重新查重
    </Button>
  );
  return (
    <PageContainer title={title} breadcrumbRender={false} extra={[extra]} content={app.data ? `${app.data.applicationNo} · ${app.data.organisation.name ?? ''} · ${app.data.stateLabel}` : undefined}>
      {pending ? (
        <ProCard>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>{PENDING_LABEL[pending] ?? '查重尚未运行'}</Typography.Text>
            {pending === 'failed' ? <Alert type="error" showIcon message={(report.error as ApiError).detail} /> : <Progress percent={pending === 'running' ? 60 : 20} status="active" showInfo={false} aria-label="查重进度" />}
            <Typography.Text type="secondary">{pending === 'failed' ? '请点击“重新查重”。' : '页面每 2 秒刷新一次，完成后自动显示报告。'}</Typography.Text>
          </Space>
        </ProCard>
      ) : report.error ? (
        <Alert type="warning" showIcon message={(report.error as ApiError).title ?? '无法读取查重报告'} description={(report.error as ApiError).detail} />
      ) : r ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Summary report={r} answer={report.data!} />
          <ProCard title="比对来源（按相似度排序）" size="small" variant="outlined">
            <Table<Match>
              size="small"
              rowKey="docId"
              pagination={{ pageSize: 5, hideOnSinglePage: true }}
              dataSource={r.matches}
              locale={{ emptyText: <Empty description="未发现相似文本" /> }}
              rowSelection={{ type: 'radio', selectedRowKeys: chosen ? [chosen] : [], onChange: (keys) => setChosen(String(keys[0])), columnTitle: '查看', renderCell: (_c, _r, _i, node) => node }}
              onRow={(m) => ({ onClick: () => setChosen(m.docId) })}
              columns={[
                { title: '来源', dataIndex: 'title', ellipsis: true },
                { title: '关系', dataIndex: 'relationLabel', width: 130, render: (v: string, m) => <Tag color={m.relation === 'ownRevision' ? 'blue' : m.flagged ? 'red' : 'default'}>{m.relation === 'ownRevision' ? `${v}（修订，不计复制）` : v}</Tag> },
                // Whole-text similarity is computed only for near-duplicates (≥ the engine's floor); below it, a dash.
                { title: '整体相似度', dataIndex: 'jaccard', width: 110, align: 'right', render: (v: number) => (v > 0 ? pct(v) : '—') },
                { title: '复制比', dataIndex: 'copyRatio', width: 90, align: 'right', render: (v: number) => pct(v) },
                { title: '段落', key: 'passages', width: 70, align: 'right', render: (_, m) => m.passages.length },
                { title: '提示', dataIndex: 'flags', width: 260, ellipsis: true, render: (f: string[]) => (f.length ? <Typography.Text ellipsis={{ tooltip: f.join('；') }}>{f.join('；')}</Typography.Text> : '—') },
              ]}
            />
          </ProCard>
          {match ? <PassagesSideBySide match={match} /> : null}
          <ProCard title="各部分复制比" size="small" variant="outlined">
            <Table
              size="small"
              rowKey="key"
              pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
              // The sections above a threshold first, then in the template's order.
              dataSource={[...r.sections].sort((a, b) => Number(b.flagged) - Number(a.flagged) || Number(b.copyRatio > 0) - Number(a.copyRatio > 0))}
              columns={[
                { title: '部分', dataIndex: 'title', ellipsis: true },
                { title: '字数', dataIndex: 'chars', width: 90, align: 'right' },
                { title: '复制比（单一来源最高）', dataIndex: 'copyRatio', width: 190, align: 'right', render: (v: number) => pct(v) },
                { title: '', dataIndex: 'flagged', width: 100, render: (f: boolean) => (f ? <Tag color="red">超过阈值</Tag> : null) },
              ]}
            />
          </ProCard>
        </Space>
      ) : null}
    </PageContainer>
  );
}

function pendingStatus(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'DUPLICATE_CHECK_NOT_RUN') return null;
  const s = error.extra.checkStatus;
  return typeof s === 'string' ? s : null;
}

function Summary({ report: r, answer }: { report: DuplicateReportView; answer: DuplicateReportAnswer }) {
  return (
    <ProCard variant="outlined" split="vertical">
      <ProCard colSpan="220px">
        <Statistic title="文字复制比（不含本单位历史申报）" value={pct(r.copyRatio)} valueStyle={{ color: r.flagged ? '#cf1322' : '#389e0d', fontSize: 32 }} />
        <Typography.Text type="secondary">
          复制 {r.copiedChars} / 共 {r.totalChars} 字
        </Typography.Text>
        <div style={{ marginTop: 8 }}>{r.flagged ? <Tag color="red">超过查重阈值</Tag> : <Tag color="green">未超过阈值</Tag>}</div>
      </ProCard>
      <ProCard>
        {r.flags.length ? <Alert type="error" showIcon style={{ marginBottom: 12 }} message={r.flags.join('；')} /> : null}
        <Descriptions size="small" column={2}>
          <Descriptions.Item label="查重版本">第 {answer.version} 版，{formatDateTime(r.checkedAt)} 完成</Descriptions.Item>
          <Descriptions.Item label="阈值">
            复制比 {pct(r.thresholds.copyRatio)}，整体相似度 {pct(r.thresholds.jaccard)}，单部分 {pct(r.thresholds.sectionContainment)}，段落 ≥ {r.thresholds.passageChars} 字
          </Descriptions.Item>
          <Descriptions.Item label="已比对">
            共 {r.sourcesChecked.archivedTexts} 份：{r.sourcesChecked.bySource.map((s) => `${s.label} ${s.count} 份`).join('，') || '无'}
          </Descriptions.Item>
          <Descriptions.Item label="未比对">{r.sourcesNotChecked.map((s) => `${s.label}（${s.reason}）`).join('；') || '无'}</Descriptions.Item>
        </Descriptions>
      </ProCard>
    </ProCard>
  );
}
