/**
 * 抽取见证: the observer's (纪检监督) own page. Every draw with its commitment; for a committed one not yet
 * witnessed, the observer records an input value — once, before the draw. This is the only thing the observer
 * writes; everything else is read.
 */
import { PageContainer, ProCard } from '@ant-design/pro-components';
import { identityCommitment, type DrawUnseal, type ReviewDraw } from '@kechuang/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Flex, Form, Input, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import { DrawCommitmentView, DrawStatusTag } from '../../../components/draw/DrawCommitmentView';

const KEY = ['review', 'draws'];

function WitnessForm({ draw }: { draw: ReviewDraw }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ input: string }>();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const witness = useMutation({
    mutationFn: (input: string) => api.post<ReviewDraw>(`/review/draws/${draw.id}/witness`, { input }),
    onSuccess: () => {
      void message.success('输入值已录入');
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: (e) => onError(e, form),
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => witness.mutate(v.input)} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">
        请录入一个由您自行决定、他人事先无法知道的值（如现场掷骰结果或自拟的一串数字）。该值只能录入一次，与各随机来源公布的数值一并生成随机种子，抽取记录公开时一并公布。
      </Typography.Paragraph>
      <Form.Item name="input" label="纪检监督输入值" rules={[{ required: true, message: '请填写输入值' }]}>
        <Input maxLength={200} placeholder="如：6 2 5 1 4" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={witness.isPending}>
        录入（录入后不可更改）
      </Button>
    </Form>
  );
}

/**
 * 开启化名: the salts and real identities behind the pseudonyms (review.unseal, audited on the server). Each row's
 * commitment is recomputed here from its salt and id, so the observer sees it open rather than taking it on trust.
 */
function Unseal({ drawId }: { drawId: string }) {
  const [open, setOpen] = useState(false);
  const seals = useQuery({ queryKey: ['review', 'draws', drawId, 'unseal'], queryFn: () => api.get<DrawUnseal>(`/review/draws/${drawId}/unseal`), enabled: open });
  if (!open) return <Button style={{ marginTop: 16 }} onClick={() => setOpen(true)}>开启化名（记录在审计日志）</Button>;
  if (seals.error) return <Alert type="error" showIcon title="开启失败" description={errorText(seals.error)} style={{ marginTop: 16 }} />;
  const rows = seals.data ? [...seals.data.applications, ...seals.data.experts] : [];
  return (
    <Table
      style={{ marginTop: 16 }}
      size="small"
      rowKey="pseudonym"
      loading={seals.isLoading}
      dataSource={rows}
      pagination={{ defaultPageSize: 20, showSizeChanger: false }}
      columns={[
        { title: '化名', dataIndex: 'pseudonym', width: 80 },
        { title: '真实身份', dataIndex: 'label', width: 200 },
        { title: '编号', dataIndex: 'id', width: 300, render: (v: string) => <Typography.Text code style={{ fontSize: 12 }}>{v}</Typography.Text> },
        { title: '盐值', dataIndex: 'salt', ellipsis: true, render: (v: string) => <Typography.Text code copyable style={{ fontSize: 12 }}>{v}</Typography.Text> },
        { title: '承诺核对', key: 'check', width: 100, render: (_, r) => (identityCommitment(r.salt, r.id) === r.commitment ? <Tag color="green">相符</Tag> : <Tag color="red">不符</Tag>) },
      ]}
    />
  );
}

export default function WitnessPage() {
  const draws = useQuery({ queryKey: KEY, queryFn: () => api.get<{ items: ReviewDraw[] }>('/review/draws') });
  const items = [...(draws.data?.items ?? [])].sort((a, b) => Number(b.status === 'committed' && !b.witnessed) - Number(a.status === 'committed' && !a.witnessed));
  return (
    <PageContainer title="抽取见证" content="纪检监督见证每一次随机抽取：核对事先公布的承诺，在抽取前录入输入值，抽取后核对结果。">
      {draws.error && <Alert type="error" showIcon title="加载失败" description={errorText(draws.error)} />}
      {draws.isLoading && <Spin />}
      {!draws.isLoading && items.length === 0 && <Empty description="暂无随机抽取" />}
      <Flex vertical gap={16}>
        {items.map((d) => (
          <ProCard
            key={d.id}
            variant="outlined"
            title={
              <Flex gap={8} wrap align="center">
                <span>{d.callTitle}</span>
                <DrawStatusTag status={d.status} />
              </Flex>
            }
            extra={<Link to={`/review/${d.roundId}?tab=draw`}>评审轮次</Link>}
          >
            <DrawCommitmentView record={d.record} observerStatus={d.witnessed ? '已录入' : '待录入'} />
            {d.status === 'committed' && !d.witnessed && <WitnessForm draw={d} />}
            {d.status === 'drawn' && <Unseal drawId={d.id} />}
          </ProCard>
        ))}
      </Flex>
    </PageContainer>
  );
}
