/**
 * 随机抽取 tab: the officer publishes the commitment (entropy sources and when they become public), follows the
 * observer's input, enters the public values once they are out and runs the draw; everyone with review.observe
 * reads the commitment and the result. The draw is only run by the server, from what the commitment fixed.
 */
import { ProCard } from '@ant-design/pro-components';
import type { ReviewDraw } from '@kechuang/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Descriptions, Empty, Flex, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { useCan } from '../../../app/session';
import { DrawCommitmentView } from '../../../components/draw/DrawCommitmentView';
import { dayjs, formatDateTime, toShanghaiIso } from '../../../lib/time';
import type { RoundTabProps } from './tabs';

interface CommitForm {
  sources: { description: string; publicAt: unknown }[];
}

function CommitDrawForm({ roundId, onDone }: { roundId: string; onDone: () => void }) {
  const [form] = Form.useForm<CommitForm>();
  const onError = useApiErrorHandler();
  const commit = useMutation({
    mutationFn: (v: CommitForm) => api.post<ReviewDraw>(`/review/rounds/${roundId}/draws`, { sources: v.sources.map((s) => ({ description: s.description, publicAt: toShanghaiIso(s.publicAt) ?? '' })) }),
    onSuccess: onDone,
    onError: (e) => onError(e, form),
  });
  return (
    <ProCard title="发布随机抽取承诺" variant="outlined">
      <Typography.Paragraph type="secondary">
        承诺发布后输入即冻结：公布输入哈希、回避后专家池哈希、算法版本、k、评审量和概率上限，以及事先预告的公开随机来源（如福利彩票开奖号码、股票指数收盘点数）和其公布时间。公布时间须晚于现在；抽取时以各来源公布的数值加上纪检监督的输入值生成随机种子。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ sources: [{ description: '', publicAt: undefined }] }} onFinish={(v) => commit.mutate(v)}>
        <Form.List name="sources">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} wrap align="start">
                  <Form.Item name={[f.name, 'description']} label={`随机来源 ${i + 1}`} rules={[{ required: true, message: '请写明随机来源' }]} style={{ flex: '1 1 320px' }}>
                    <Input placeholder="如：中国福利彩票“3D”第2026331期开奖号码" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'publicAt']} label="公布时间（北京时间）" rules={[{ required: true, message: '请选择公布时间' }]}>
                    <DatePicker showTime aria-label={`随机来源 ${i + 1} 公布时间`} disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button style={{ marginTop: 30 }} onClick={() => remove(f.name)}>
                      删除
                    </Button>
                  )}
                </Flex>
              ))}
              {fields.length < 5 && <Button onClick={() => add({ description: '', publicAt: undefined })}>添加随机来源</Button>}
            </>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={commit.isPending} style={{ marginTop: 16 }}>
          发布承诺
        </Button>
      </Form>
    </ProCard>
  );
}

function RunDrawForm({ draw, onDone }: { draw: ReviewDraw; onDone: () => void }) {
  const [form] = Form.useForm<{ values: string[]; reason: string }>();
  const onError = useApiErrorHandler();
  const [reason, setReason] = useState('');
  const run = useMutation({ mutationFn: (values: string[]) => api.post<ReviewDraw>(`/review/draws/${draw.id}/run`, { values }), onSuccess: onDone, onError: (e) => onError(e, form) });
  const cancel = useMutation({ mutationFn: () => api.post<ReviewDraw>(`/review/draws/${draw.id}/cancel`, { reason }), onSuccess: onDone, onError: (e) => onError(e) });
  const sources = draw.record.commitment.sources;
  const ready = draw.sourcesDue && draw.witnessed;
  return (
    <ProCard title="执行抽取" variant="outlined">
      {!draw.sourcesDue && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`预告的随机来源尚未全部公布（最晚 ${formatDateTime(sources.map((s) => s.publicAt).sort().at(-1))}），届时方可抽取。`} />}
      {!draw.witnessed && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="纪检监督尚未录入输入值；录入后方可抽取。" />}
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v.values)} disabled={!ready}>
        {sources.map((s, i) => (
          <Form.Item key={i} name={['values', i]} label={`${s.description}（${formatDateTime(s.publicAt)} 公布）`} rules={[{ required: true, message: '请填写该来源公布的数值' }]}>
            <Input placeholder="如：3 0 7" />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={run.isPending}>
          录入公布数值并抽取
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 8 }}>
        承诺之后若专家被暂停或新申报了回避，输入已变化，系统将拒绝抽取：请撤销本承诺（撤销记录公开）并重新发布承诺。
      </Typography.Paragraph>
      <Space wrap>
        <Input aria-label="撤销理由" placeholder="撤销理由" value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 280, maxWidth: '100%' }} />
        <Popconfirm title="撤销后需重新发布承诺，确定撤销？" onConfirm={() => cancel.mutate()} disabled={reason.trim().length < 2}>
          <Button danger disabled={reason.trim().length < 2} loading={cancel.isPending}>
            撤销承诺
          </Button>
        </Popconfirm>
      </Space>
    </ProCard>
  );
}

export function DrawTab({ round, refresh }: RoundTabProps) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canManage = useCan('review.manage');
  const key = ['review', 'round', round.id, 'draws'];
  const draws = useQuery({ queryKey: key, queryFn: () => api.get<{ items: ReviewDraw[] }>(`/review/rounds/${round.id}/draws`) });
  const done = (text: string) => () => {
    void message.success(text);
    void queryClient.invalidateQueries({ queryKey: key });
    refresh();
  };
  if (round.mode !== 'draw') return <Alert type="info" showIcon title="本评审轮次采用最优分配，不进行随机抽取。" />;
  if (draws.isLoading) return null;
  const items = draws.data?.items ?? [];
  const current = items.find((d) => d.status !== 'cancelled');
  const cancelled = items.filter((d) => d.status === 'cancelled');
  return (
    <Flex vertical gap={16}>
      {!current && canManage && round.stage === 'assigning' && <CommitDrawForm roundId={round.id} onDone={done('承诺已发布')} />}
      {!current && !(canManage && round.stage === 'assigning') && <Empty description="尚未发布随机抽取承诺" />}
      {current && (
        <ProCard title="抽取承诺与记录" variant="outlined" extra={<Link to={`/public/draws/${current.id}`}>公开页面</Link>}>
          <DrawCommitmentView record={current.record} observerStatus={current.witnessed ? '已录入（抽取后公开）' : '待纪检监督录入'} />
        </ProCard>
      )}
      {current?.status === 'committed' && canManage && <RunDrawForm draw={current} onDone={done('操作已完成')} />}
      {current?.status === 'drawn' && (
        <ProCard title="抽取结果" variant="outlined">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'n', label: '分配', children: `${current.assignments} 个评审配对（已通知专家）` },
              { key: 'obj', label: '总亲和度', children: current.objective ?? '—' },
              { key: 'at', label: '抽取时间', children: formatDateTime(current.record.drawnAt) },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            专家评审结束（进入实地核查）后，抽取记录以化名公开，任何人可在公开页面或用 <Typography.Text code>npm run verify-draw -- 记录.json</Typography.Text> 重新抽取核对。
          </Typography.Paragraph>
        </ProCard>
      )}
      {cancelled.length > 0 && (
        <ProCard title="已撤销的承诺（公开）" variant="outlined" collapsible defaultCollapsed>
          {cancelled.map((d) => (
            <div key={d.id} style={{ marginBottom: 12 }}>
              <DrawCommitmentView record={d.record} />
            </div>
          ))}
        </ProCard>
      )}
    </Flex>
  );
}
