/** 立项公示: every published notice for anyone, with its period and how many days are left (Asia/Shanghai). */
import { NOTICE_PHASE_LABELS, daysBetween, type PublicNotice } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Grid, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { PublicShell } from '../../../components/PublicShell';
import { dayjs } from '../../../lib/time';

export const phaseColour = { upcoming: 'default', open: 'green', ended: 'default' } as const;

/** Days left of a period, counted in Asia/Shanghai calendar days whatever the visitor's own time zone. */
export function daysLeftText(n: Pick<PublicNotice, 'period' | 'phase'>, today: string): string {
  if (n.phase === 'upcoming') return `${n.period.startsOn} 开始`;
  if (n.phase === 'ended') return `${n.period.endsOn} 已结束`;
  return `剩余 ${daysBetween(today, n.period.endsOn) + 1} 天（含今日）`;
}

export default function PublicNoticeListPage() {
  const narrow = Grid.useBreakpoint().md === false;
  const notices = useQuery({ queryKey: ['public', 'notices'], queryFn: ({ signal }) => api.get<{ items: PublicNotice[] }>('/public/notices', undefined, signal).then((r) => r.items) });
  const today = dayjs().tz('Asia/Shanghai').format('YYYY-MM-DD');
  return (
    <PublicShell>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        立项公示
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        经专家评审、实地核查、局党组会议和区政府常务会议研究，拟立项的科技项目在此向社会公示。公示期按工作日计算（北京时间）；公示期内对公示项目有异议的，可在公示页面书面提出。
      </Typography.Paragraph>
      <Card>
        {notices.error && <Alert type="error" showIcon title="公示加载失败" description={errorText(notices.error)} style={{ marginBottom: 16 }} />}
        <Table<PublicNotice>
          rowKey="id"
          loading={notices.isPending}
          dataSource={notices.data ?? []}
          locale={{ emptyText: '暂无立项公示' }}
          pagination={{ defaultPageSize: 10, showTotal: (total) => `共 ${total} 条` }}
          columns={[
            {
              title: '公示名称',
              dataIndex: 'title',
              render: (_, r) => (
                <>
                  <Link to={`/public/notices/${r.id}`}>
                    <Typography.Text strong style={{ color: 'inherit' }}>
                      {r.title}
                    </Typography.Text>
                  </Link>
                  {narrow && (
                    <Flex wrap gap={4} align="center" style={{ marginTop: 4 }}>
                      <Tag color={phaseColour[r.phase]}>{NOTICE_PHASE_LABELS[r.phase]}</Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.period.startsOn} 至 {r.period.endsOn} · {r.items.length} 个项目 · {daysLeftText(r, today)}
                      </Typography.Text>
                    </Flex>
                  )}
                </>
              ),
            },
            { title: '项目数', width: 80, responsive: ['md'], render: (_, r) => r.items.length },
            { title: '公示期（北京时间）', width: 250, responsive: ['md'], render: (_, r) => `${r.period.startsOn} 至 ${r.period.endsOn}（${r.period.workingDays}个工作日）` },
            { title: '状态', width: 200, responsive: ['md'], render: (_, r) => (<><Tag color={phaseColour[r.phase]}>{NOTICE_PHASE_LABELS[r.phase]}</Tag>{daysLeftText(r, today)}</>) },
          ]}
        />
      </Card>
    </PublicShell>
  );
}
