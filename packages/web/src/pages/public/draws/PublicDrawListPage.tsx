/** 抽取公示: every draw's commitment, published before the draw, and the full record once scoring has closed. */
import type { PublicDrawSummary } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Grid, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { DrawStatusTag } from '../../../components/draw/DrawCommitmentView';
import { PublicShell } from '../../../components/PublicShell';
import { formatDateTime } from '../../../lib/time';

const Published = ({ r }: { r: PublicDrawSummary }) => (r.published ? <Tag color="green">记录已公开</Tag> : r.status === 'drawn' ? <Tag>评审结束后公开</Tag> : null);

export default function PublicDrawListPage() {
  const narrow = Grid.useBreakpoint().md === false;
  const draws = useQuery({ queryKey: ['public', 'draws'], queryFn: ({ signal }) => api.get<{ items: PublicDrawSummary[] }>('/public/draws', undefined, signal).then((r) => r.items) });
  return (
    <PublicShell>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        评审专家随机抽取公示
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        每次抽取前，科技局公布承诺：输入与回避后专家池的哈希、算法版本、抽取参数，以及事先预告的公开随机来源和公布时间。专家评审结束后公开完整抽取记录（专家和申报书以化名表示），任何人都可以下载记录并重新抽取核对。
      </Typography.Paragraph>
      <Card>
        {draws.error && <Alert type="error" showIcon title="加载失败" description={errorText(draws.error)} style={{ marginBottom: 16 }} />}
        <Table<PublicDrawSummary>
          rowKey="id"
          loading={draws.isPending}
          dataSource={draws.data ?? []}
          locale={{ emptyText: '暂无随机抽取' }}
          pagination={{ defaultPageSize: 10, showTotal: (total) => `共 ${total} 条` }}
          scroll={narrow ? undefined : { x: 900 }}
          columns={[
            {
              title: '申报指南',
              dataIndex: 'callTitle',
              render: (_, r) => (
                <>
                  <Link to={`/public/draws/${r.id}`}>
                    <Typography.Text strong style={{ color: 'inherit' }}>
                      {r.callTitle}
                    </Typography.Text>
                  </Link>
                  {r.demo && <Tag color="orange" style={{ marginLeft: 8 }}>演示</Tag>}
                  {narrow && (
                    <Flex wrap gap={4} align="center" style={{ marginTop: 4 }}>
                      <DrawStatusTag status={r.status} />
                      <Published r={r} />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        承诺 {formatDateTime(r.committedAt)}
                      </Typography.Text>
                    </Flex>
                  )}
                </>
              ),
            },
            { title: '规模', key: 'size', width: 150, responsive: ['md'], render: (_, r) => `${r.applications} 份 · ${r.experts} 位专家` },
            { title: '承诺时间', dataIndex: 'committedAt', width: 170, responsive: ['md'], render: (_, r) => formatDateTime(r.committedAt) },
            { title: '抽取时间', dataIndex: 'drawnAt', width: 170, responsive: ['md'], render: (_, r) => (r.drawnAt ? formatDateTime(r.drawnAt) : '—') },
            { title: '状态', dataIndex: 'status', width: 200, responsive: ['md'], render: (_, r) => (<><DrawStatusTag status={r.status} /><Published r={r} /></>) },
          ]}
        />
      </Card>
    </PublicShell>
  );
}
