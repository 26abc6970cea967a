/** 申报指南公告: every published call, for anyone, with its phase, window and selection mode; filtered by programme. */
import { SELECTION_MODE_LABELS } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Grid, Segmented, Select, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { callKeys, programmeOptions, useProgrammes, type Call, type CallPhase } from '../../../api/programmes';
import { CallPhaseTag } from '../../../components/call/CallTags';
import { PublicShell } from '../../../components/PublicShell';
import { formatDateTime } from '../../../lib/time';

const PHASES: { value: CallPhase | 'all'; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'open', label: '申报中' },
  { value: 'upcoming', label: '即将开始' },
  { value: 'ended', label: '已截止' },
];

// Open calls first (soonest deadline first), then upcoming, then ended (latest first).
const PHASE_ORDER: Record<string, number> = { open: 0, upcoming: 1, ended: 2 };
const byRelevance = (a: Call, b: Call) =>
  (PHASE_ORDER[a.phase] ?? 3) - (PHASE_ORDER[b.phase] ?? 3) || (a.phase === 'ended' ? b.closesAt.localeCompare(a.closesAt) : a.closesAt.localeCompare(b.closesAt));

export default function PublicCallListPage() {
  const [params, setParams] = useSearchParams();
  const narrow = Grid.useBreakpoint().md === false;
  const programme = params.get('programme') ?? undefined;
  const phase = (params.get('phase') as CallPhase | null) ?? 'all';
  const programmes = useProgrammes();
  const calls = useQuery({
    queryKey: [...callKeys.public, programme ?? ''],
    queryFn: ({ signal }) => api.get<{ items: Call[] }>('/public/calls', { programme }, signal).then((r) => r.items),
  });
  const rows = (calls.data ?? []).filter((c) => phase === 'all' || c.phase === phase).sort(byRelevance);

  // Filters live in the URL so a filtered list can be shared and survives a reload.
  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value && value !== 'all') next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <PublicShell>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        申报指南公告
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        科技局已发布的科技计划项目申报指南。申报时间精确到秒，以北京时间为准；截止时刻之后系统不再受理申报。
      </Typography.Paragraph>
      <Card>
        <Flex wrap gap={16} align="center" style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder="全部计划"
            aria-label="按计划筛选"
            style={{ width: 320, maxWidth: '100%' }}
            loading={programmes.isPending}
            options={programmeOptions(programmes.data)}
            value={programme}
            onChange={(v?: string) => setFilter('programme', v)}
          />
          <Segmented options={PHASES} value={phase} onChange={(v) => setFilter('phase', String(v))} />
        </Flex>
        {calls.error && <Alert type="error" showIcon title="申报指南加载失败" description={errorText(calls.error)} style={{ marginBottom: 16 }} />}
        <Table<Call>
          rowKey="id"
          loading={calls.isPending}
          dataSource={rows}
          locale={{ emptyText: '暂无符合条件的申报指南' }}
          pagination={{ defaultPageSize: 10, showSizeChanger: true, showTotal: (total) => `共 ${total} 条` }}
          // On a phone the other columns fold into the name's cell instead of scrolling sideways.
          scroll={narrow ? undefined : { x: 960 }}
          columns={[
            {
              title: '指南名称',
              dataIndex: 'title',
              render: (_, r) => (
                <>
                  <Link to={`/public/calls/${r.id}`}>
                    <Typography.Text strong style={{ color: 'inherit' }}>
                      {r.title}
                    </Typography.Text>
                  </Link>
                  {narrow && (
                    <Flex wrap gap={4} align="center" style={{ marginTop: 4 }}>
                      <CallPhaseTag phase={r.phase} />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.programme.name} · 截止 {formatDateTime(r.closesAt)}
                      </Typography.Text>
                    </Flex>
                  )}
                </>
              ),
            },
            { title: '所属计划', dataIndex: ['programme', 'name'], width: 220, responsive: ['md'] },
            { title: '遴选方式', dataIndex: 'selectionMode', width: 110, responsive: ['md'], render: (_, r) => SELECTION_MODE_LABELS[r.selectionMode] ?? r.selectionMode },
            {
              title: '申报时间（北京时间）',
              key: 'window',
              width: 200,
              responsive: ['md'],
              sorter: (a, b) => a.closesAt.localeCompare(b.closesAt),
              render: (_, r) => (
                <>
                  <div>起 {formatDateTime(r.opensAt)}</div>
                  <div>止 {formatDateTime(r.closesAt)}</div>
                </>
              ),
            },
            { title: '状态', dataIndex: 'phase', width: 100, responsive: ['md'], render: (_, r) => <CallPhaseTag phase={r.phase} /> },
          ]}
        />
      </Card>
    </PublicShell>
  );
}
