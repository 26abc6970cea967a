/**
 * 批量采纳 / 批量退回 on the review queue: a confirmation naming what is selected, progress while it runs, and a
 * result per row. Accepting is one server transaction (all or nothing, the refused rows named); returning sends one
 * comment to each selected report in turn, so each row says whether it was returned.
 */
import { Alert, Button, Form, Input, Modal, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { errorText, isApiError } from '../../../api/errors';
import { figureText } from '../shared/figures';
import type { ReviewItemView } from '../shared/views';

const enc = encodeURIComponent;

type Outcome = { ok: true; text: string } | { ok: false; text: string };
type Mode = 'accept' | 'return';

interface Props {
  mode: Mode | null;
  rows: ReviewItemView[];
  onClose: () => void;
  /** Called once the run ended, with the ids that changed state. */
  onDone: (changed: string[]) => Promise<unknown> | void;
}

/** The failures list the batch endpoint sends with its refusal: one per refused id. */
function failuresOf(error: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (isApiError(error) && Array.isArray(error.extra.failures)) {
    for (const f of error.extra.failures as { id?: unknown; detail?: unknown }[]) if (typeof f.id === 'string') out.set(f.id, String(f.detail ?? '不能采纳'));
  }
  return out;
}

export function BatchReviewModal({ mode, rows, onClose, onDone }: Props) {
  const [form] = Form.useForm<{ comment: string }>();
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState(0);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome> | null>(null);
  const [summary, setSummary] = useState<{ type: 'success' | 'warning' | 'error'; text: string } | null>(null);

  const reset = () => {
    setRunning(false);
    setDone(0);
    setOutcomes(null);
    setSummary(null);
    form.resetFields();
  };
  const close = () => {
    if (running) return;
    reset();
    onClose();
  };

  const acceptAll = async () => {
    setRunning(true);
    try {
      await api.post<{ accepted: number }>('/monitoring/reports/accept-batch', { ids: rows.map((r) => r.id) });
      setDone(rows.length);
      setOutcomes(Object.fromEntries(rows.map((r) => [r.id, { ok: true, text: '已采纳' }])));
      setSummary({ type: 'success', text: `已采纳 ${rows.length} 条报送` });
      await onDone(rows.map((r) => r.id));
    } catch (error) {
      const failures = failuresOf(error);
      setOutcomes(Object.fromEntries(rows.map((r) => [r.id, failures.has(r.id) ? { ok: false, text: failures.get(r.id)! } : { ok: false, text: failures.size ? '未采纳（整批未执行）' : errorText(error) }])));
      setSummary({ type: 'error', text: failures.size ? `${failures.size} 条不能采纳，整批均未采纳：请取消勾选这些行后重试` : errorText(error) });
    } finally {
      setRunning(false);
    }
  };

  const returnAll = async () => {
    let comment: string;
    try {
      ({ comment } = await form.validateFields());
    } catch {
      return; // the form shows what is missing
    }
    setRunning(true);
    const result: Record<string, Outcome> = {};
    const changed: string[] = [];
    // One at a time: each return is its own transaction and audit event, and the progress bar follows.
    for (const [i, r] of rows.entries()) {
      try {
        await api.post(`/monitoring/reports/${enc(r.id)}/return`, { comment: comment.trim() });
        result[r.id] = { ok: true, text: '已退回' };
        changed.push(r.id);
      } catch (error) {
        result[r.id] = { ok: false, text: errorText(error) };
      }
      setDone(i + 1);
      setOutcomes({ ...result });
    }
    const failed = rows.length - changed.length;
    setSummary(failed ? { type: 'warning', text: `已退回 ${changed.length} 条，${failed} 条未退回（原因见下表）` } : { type: 'success', text: `已退回 ${changed.length} 条报送` });
    setRunning(false);
    await onDone(changed);
  };

  const finished = outcomes !== null && !running;
  const title = mode === 'accept' ? `批量采纳 ${rows.length} 条报送` : `批量退回 ${rows.length} 条报送`;
  return (
    <Modal
      open={mode !== null}
      title={title}
      width={760}
      maskClosable={!running}
      closable={!running}
      onCancel={close}
      destroyOnHidden
      footer={
        finished ? (
          <Button type="primary" onClick={close}>
            关闭
          </Button>
        ) : (
          <Space>
            <Button onClick={close} disabled={running}>
              取消
            </Button>
            <Button type="primary" danger={mode === 'return'} loading={running} onClick={() => void (mode === 'accept' ? acceptAll() : returnAll())}>
              {mode === 'accept' ? `确认采纳 ${rows.length} 条` : `确认退回 ${rows.length} 条`}
            </Button>
          </Space>
        )
      }
    >
      {!outcomes && (
        <Typography.Paragraph type="secondary">
          {mode === 'accept'
            ? '采纳后这些数据计入监测和总览。整批一起采纳：其中任何一条不能采纳时，整批都不采纳，并列出原因。'
            : '每条报送都会收到同一条退回意见，由责任单位修改后重新提交。'}
        </Typography.Paragraph>
      )}
      {mode === 'return' && !outcomes && (
        <Form form={form} layout="vertical">
          <Form.Item name="comment" label="退回意见（发给所选每条报送）" rules={[{ required: true, whitespace: true, message: '退回须填写意见，说明需要修改或补充的内容' }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={500} showCount placeholder="如：与统计公报口径不一致，请核实后重报并附佐证" />
          </Form.Item>
        </Form>
      )}
      {(running || outcomes) && <Progress percent={Math.round((done / Math.max(rows.length, 1)) * 100)} status={running ? 'active' : summary?.type === 'error' ? 'exception' : 'normal'} format={() => `${done}/${rows.length}`} />}
      {summary && <Alert style={{ margin: '12px 0' }} type={summary.type} showIcon title={summary.text} />}
      <Table<ReviewItemView>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={rows.length > 8 ? { pageSize: 8, size: 'small' } : false}
        columns={[
          { title: '报送期', dataIndex: 'periodLabel', width: 100 },
          { title: '责任单位', key: 'unit', ellipsis: true, render: (_, r) => r.unit.name },
          { title: '指标', key: 'indicator', ellipsis: true, render: (_, r) => r.indicator.name },
          { title: '本期值', key: 'value', width: 110, align: 'right', render: (_, r) => `${figureText(r.value, r.indicator.unit) ?? ''}${r.indicator.unit}` },
          {
            title: '结果',
            key: 'outcome',
            width: 200,
            render: (_, r) => {
              const o = outcomes?.[r.id];
              if (!o) return <Typography.Text type="secondary">{running ? '处理中…' : '待处理'}</Typography.Text>;
              return o.ok ? <Tag color="success">{o.text}</Tag> : <Typography.Text type="danger" style={{ fontSize: 12 }}>{o.text}</Typography.Text>;
            },
          },
        ]}
      />
    </Modal>
  );
}
