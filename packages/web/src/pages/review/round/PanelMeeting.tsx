/**
 * The panel meeting (会评): a live tracker of the item under discussion (this page re-fetches every few seconds
 * while the meeting is open — TanStack Query's refetchInterval, nothing scheduled on the server), score
 * adjustments each with its reason, and the minutes.
 */
import { formatCenti, parsePointsCenti, type Panel, type ScoringProgress } from '@kechuang/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Form, Input, List, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { formatDateTime } from '../../../lib/time';

export function PanelMeeting({ roundId, progress, canManage }: { roundId: string; progress: ScoringProgress; canManage: boolean }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const panel = progress.panel;
  const [minutes, setMinutes] = useState<string | null>(null);
  const [adj, setAdj] = useState<{ assignmentId?: string; score: string; reason: string }>({ score: '', reason: '' });
  const base = `/review/rounds/${roundId}/panel`;
  const refresh = () => void qc.invalidateQueries({ queryKey: ['review', 'round', roundId, 'scoring'] });
  const act = useMutation({ mutationFn: (f: () => Promise<Panel>) => f(), onSuccess: refresh, onError: (e) => onError(e) });
  const scoring = progress.stage === 'scoring';
  if (!panel) {
    return (
      <Card size="small" title="会评（可选）">
        <Typography.Paragraph type="secondary">评分结束前可召开会评：逐项讨论申报书，必要时调整分数（须写明理由），并形成会评纪要。调整后的分数参与汇总。</Typography.Paragraph>
        {canManage && scoring && <Button onClick={() => act.mutate(() => api.post<Panel>(base))} loading={act.isPending}>开始会评</Button>}
      </Card>
    );
  }
  const open = panel.status === 'open' && scoring && canManage;
  const current = progress.applications.find((a) => a.applicationId === panel.currentApplicationId);
  const sheets = progress.applications.flatMap((a) => a.sheets.filter((s) => s.status === 'submitted').map((s) => ({ ...s, applicationNo: a.applicationNo })));
  const scoreCenti = parsePointsCenti(adj.score);
  return (
    <Card size="small" title={<Space>会评<Tag color={panel.status === 'open' ? 'processing' : 'default'}>{panel.status === 'open' ? '进行中' : '已结束'}</Tag></Space>} extra={<Typography.Text type="secondary">开始于 {formatDateTime(panel.startedAt)}{panel.endedAt ? `，结束于 ${formatDateTime(panel.endedAt)}` : ''}</Typography.Text>}>
      <Row gutter={16}>
        <Col span={12}>
          <Descriptions size="small" column={1} items={[{ key: 'cur', label: '当前讨论', children: current ? `${current.applicationNo} ${current.title}` : '—' }]} />
          {current && (
            <List size="small" dataSource={current.sheets} renderItem={(s) => <List.Item>{s.expertName}：{s.totalCenti === null ? '未提交' : formatCenti(s.totalCenti)}{s.adjustedCenti !== null && <Tag color="orange" style={{ marginLeft: 8 }}>会评调整为 {formatCenti(s.adjustedCenti)}</Tag>}</List.Item>} />
          )}
          {open && (
            <Select aria-label="当前讨论的申报书" style={{ width: '100%', marginTop: 8 }} placeholder="切换当前讨论的申报书" value={panel.currentApplicationId ?? undefined}
              options={progress.applications.map((a) => ({ value: a.applicationId, label: `${a.applicationNo} ${a.title}` }))}
              onChange={(v: string) => act.mutate(() => api.put<Panel>(base, { currentApplicationId: v }))} />
          )}
          {open && (
            <Form layout="vertical" component="div" style={{ marginTop: 16 }}>
              <Form.Item label="调整评分表分数" required>
                <Select aria-label="要调整的评分表" value={adj.assignmentId} onChange={(v: string) => setAdj((a) => ({ ...a, assignmentId: v }))} placeholder="选择评分表" options={sheets.map((s) => ({ value: s.assignmentId, label: `${s.applicationNo} · ${s.expertName} · ${formatCenti(s.adjustedCenti ?? s.totalCenti ?? 0)}` }))} />
              </Form.Item>
              <Space align="start">
                <Input aria-label="调整后分数" placeholder="调整后分数" suffix="分" value={adj.score} onChange={(e) => setAdj((a) => ({ ...a, score: e.target.value }))} style={{ width: 140 }} status={adj.score && (scoreCenti === null || scoreCenti > 10000) ? 'error' : undefined} />
                <Input aria-label="调整理由" placeholder="调整理由（必填）" value={adj.reason} onChange={(e) => setAdj((a) => ({ ...a, reason: e.target.value }))} style={{ width: 300 }} />
                <Button disabled={!adj.assignmentId || scoreCenti === null || scoreCenti > 10000 || adj.reason.trim().length < 2} onClick={() => act.mutate(async () => {
                  const r = await api.post<Panel>(`${base}/adjustments`, { assignmentId: adj.assignmentId, scoreCenti, reason: adj.reason });
                  setAdj({ score: '', reason: '' });
                  void message.success('分数已调整');
                  return r;
                })}>调整</Button>
              </Space>
            </Form>
          )}
          <List size="small" header="调整记录" dataSource={panel.adjustments} locale={{ emptyText: '暂无调整' }} renderItem={(a) => <List.Item>{a.expertName}：{formatCenti(a.beforeCenti)} → {formatCenti(a.afterCenti)}（{a.reason}）{formatDateTime(a.createdAt)}</List.Item>} />
        </Col>
        <Col span={12}>
          <Form layout="vertical" component="div">
            <Form.Item label="会评纪要" htmlFor="panel-minutes" required>
              <Input.TextArea id="panel-minutes" aria-label="会评纪要" disabled={!open} value={minutes ?? panel.minutes} autoSize={{ minRows: 8, maxRows: 20 }} onChange={(e) => setMinutes(e.target.value)} />
            </Form.Item>
          </Form>
          {open && (
            <Space>
              <Button disabled={minutes === null || minutes === panel.minutes} onClick={() => act.mutate(async () => { const r = await api.put<Panel>(base, { minutes }); setMinutes(null); void message.success('纪要已保存'); return r; })}>保存纪要</Button>
              <Button danger onClick={() => act.mutate(() => api.post<Panel>(`${base}/close`))}>结束会评</Button>
            </Space>
          )}
        </Col>
      </Row>
    </Card>
  );
}
