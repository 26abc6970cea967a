/** One public notice (立项公示): the list, the period with a countdown in Asia/Shanghai days, and the objection form. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { NOTICE_PHASE_LABELS, noticeCountdown, workingCalendar, type PublicNoticeDetail, type PublicNoticeItem } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Grid, Result, Table, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client';
import { errorText, isApiError } from '../../../api/errors';
import { PageLoading } from '../../../components/PageLoading';
import { PublicShell } from '../../../components/PublicShell';
import { dayjs, formatDateTime } from '../../../lib/time';
import { phaseColour } from '../notices/PublicNoticeListPage';
import { ObjectionForm } from './ObjectionForm';

function Notice({ n }: { n: PublicNoticeDetail }) {
  const narrow = Grid.useBreakpoint().md === false;
  const today = dayjs().tz('Asia/Shanghai').format('YYYY-MM-DD');
  const countdown = noticeCountdown(workingCalendar(n.calendar), n.period, today);
  return (
    <Flex vertical gap={16}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {n.title}
        </Typography.Title>
        <Descriptions
          size="small"
          column={narrow ? 1 : 3}
          items={[
            { key: 'period', label: '公示期', children: `${n.period.startsOn} 至 ${n.period.endsOn}（${n.period.workingDays}个工作日）` },
            { key: 'status', label: '状态', children: <Tag color={phaseColour[n.phase]}>{NOTICE_PHASE_LABELS[n.phase]}</Tag> },
            { key: 'published', label: '发布时间', children: formatDateTime(n.publishedAt) },
          ]}
        />
        <Alert type={countdown.phase === 'open' ? 'warning' : 'info'} showIcon title={countdown.text} data-testid="notice-countdown" style={{ marginTop: 12 }} />
      </Card>
      <Card title={`公示项目（${n.items.length}）`}>
        <Table<PublicNoticeItem>
          rowKey="id"
          dataSource={n.items}
          pagination={false}
          scroll={narrow ? undefined : { x: 900 }}
          rowClassName={(r) => (r.withdrawn ? 'notice-withdrawn' : '')}
          columns={[
            { title: '序号', width: 60, responsive: ['md'], render: (_, __, i) => i + 1 },
            {
              title: '项目名称',
              dataIndex: 'projectTitle',
              render: (_, r) => (
                <>
                  <Typography.Text delete={r.withdrawn}>{r.projectTitle}</Typography.Text>
                  {r.withdrawn && <Tag color="red" style={{ marginLeft: 6 }}>已撤回</Tag>}
                  {narrow && (
                    <div style={{ fontSize: 12, marginTop: 4 }}>
                      <Typography.Text type="secondary">{r.organisationName} · {r.categoryLabel} · </Typography.Text>
                      <Typography.Text strong>{r.amountWanText}</Typography.Text>
                    </div>
                  )}
                </>
              ),
            },
            { title: '承担单位', dataIndex: 'organisationName', width: 240, responsive: ['md'] },
            { title: '类别', dataIndex: 'categoryLabel', width: 90, responsive: ['md'] },
            { title: '资助金额（万元）', dataIndex: 'amountWanText', width: 140, align: 'right', responsive: ['md'], render: (_, r) => r.amountWanText.replace(/万元$/, '') },
          ]}
        />
        {n.items.some((i) => i.withdrawn) && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>标注“已撤回”的项目经核查异议成立，已从公示名单撤回，不予立项。</Typography.Paragraph>}
      </Card>
      <Card title="提出异议">
        <Typography.Paragraph>{n.objectionGuide}</Typography.Paragraph>
        {n.phase === 'open' ? <ObjectionForm noticeId={n.id} items={n.items} /> : <Alert type="info" showIcon title={n.phase === 'upcoming' ? `公示期自 ${n.period.startsOn} 开始，届时可提出异议。` : '公示期已结束，不再受理异议。'} />}
      </Card>
    </Flex>
  );
}

export default function PublicNoticePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const notice = useQuery({ queryKey: ['public', 'notice', id], queryFn: ({ signal }) => api.get<PublicNoticeDetail>(`/public/notices/${encodeURIComponent(id)}`, undefined, signal) });
  const notFound = isApiError(notice.error) && (notice.error.status === 404 || notice.error.status === 400);
  return (
    <PublicShell>
      <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/public/notices')} style={{ marginBottom: 16 }}>
        返回公示列表
      </Button>
      {notice.isPending ? (
        <PageLoading />
      ) : notice.error ? (
        <Result status={notFound ? '404' : 'error'} title={notFound ? '公示不存在或尚未发布' : '公示加载失败'} subTitle={notFound ? '请从立项公示列表中选择。' : errorText(notice.error)} />
      ) : (
        <Notice n={notice.data} />
      )}
    </PublicShell>
  );
}
