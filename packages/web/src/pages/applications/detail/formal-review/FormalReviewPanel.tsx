/**
 * 形式审查 (formal review) for the officer: the call's checklist for the submitted version, each item with its
 * automatic result, a pass/fail choice and a reason (required for a fail, and for a pass over a failed automatic
 * result — the server says so per item). Acceptance waits until every item is recorded pass; a failed item
 * means returning the application, citing the item.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { formalReviewResponse } from '@kechuang/domain';
import { Alert, App, Button, Card, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { api } from '../../../../api/client';
import { errorText, isApiError } from '../../../../api/errors';
import { formatDateTime } from '../../../../lib/time';

export type FormalReview = z.infer<typeof formalReviewResponse>;
type Item = FormalReview['items'][number];
interface Draft {
  pass: boolean | null;
  reason: string;
}

export const formalReviewKey = (applicationId: string) => ['applications', applicationId, 'formal-review'] as const;

function draftsOf(review: FormalReview): Record<string, Draft> {
  return Object.fromEntries(review.items.map((i) => [i.key, { pass: i.recorded?.pass ?? null, reason: i.recorded?.reason ?? '' }]));
}

function Summary({ review }: { review: FormalReview }) {
  if (review.passed) return <Tag color="success">形式审查已全部通过，可以受理</Tag>;
  if (review.items.some((i) => i.recorded && !i.recorded.pass)) return <Tag color="error">有不通过的审查项，应退回修改</Tag>;
  const open = review.items.filter((i) => !i.recorded).length;
  return <Tag color="warning">尚有{open}项未记录</Tag>;
}

export function FormalReviewPanel({ applicationId }: { applicationId: string }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const review = useQuery({ queryKey: formalReviewKey(applicationId), queryFn: () => api.get<FormalReview>(`/applications/${applicationId}/formal-review`) });
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (review.data) setDrafts(draftsOf(review.data));
  }, [review.data]);

  const save = useMutation({
    mutationFn: (items: { key: string; pass: boolean; reason: string | null }[]) => api.put<FormalReview>(`/applications/${applicationId}/formal-review`, { items }),
    onSuccess: (next) => {
      setFieldErrors({});
      queryClient.setQueryData(formalReviewKey(applicationId), next);
      // The detail's allowed actions and checks may follow from the recorded results.
      void queryClient.invalidateQueries({ queryKey: ['applications', applicationId], exact: true });
      void message.success('形式审查结果已保存');
    },
    onError: (error, items) => {
      // items.<i>.<field> → the row's key, so each message shows beside its item.
      const byKey: Record<string, string> = {};
      if (isApiError(error)) {
        for (const e of error.errors) {
          const m = /^items\.(\d+)\./.exec(e.field);
          const key = m ? items[Number(m[1])]?.key : undefined;
          if (key) byKey[key] = byKey[key] ? `${byKey[key]}；${e.message}` : e.message;
        }
      }
      setFieldErrors(byKey);
      void message.error(errorText(error));
    },
  });

  if (review.isPending) return <Card title="形式审查" loading />;
  if (review.error) return <Alert type="error" showIcon title="形式审查加载失败" description={errorText(review.error)} />;
  const data = review.data;
  const set = (key: string, patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [key]: { pass: null, reason: '', ...d[key], ...patch } }));
  const chosen = data.items.filter((i) => drafts[i.key]?.pass !== null && drafts[i.key]?.pass !== undefined);
  const onSave = () => save.mutate(chosen.map((i) => ({ key: i.key, pass: drafts[i.key]!.pass!, reason: drafts[i.key]!.reason.trim() || null })));

  const columns: ColumnsType<Item> = [
    // The editor's content column is about 650 px at 1280: fixed widths leave 理由 the rest.
    { title: '审查项', dataIndex: 'label', width: 130 },
    {
      title: '自动核查',
      key: 'computed',
      width: 190,
      render: (_, i) =>
        i.computed ? (
          <Space orientation="vertical" size={0}>
            <Tag color={i.computed.pass ? 'success' : 'error'}>{i.computed.pass ? '符合' : '不符合'}</Tag>
            <Typography.Text type="secondary">{i.computed.detail}</Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">由经办人核对材料后判断</Typography.Text>
        ),
    },
    {
      title: '审查结论',
      key: 'pass',
      width: 150,
      render: (_, i) => (
        <Space orientation="vertical" size={2}>
          <Radio.Group
            aria-label={`${i.label}审查结论`}
            value={drafts[i.key]?.pass ?? null}
            onChange={(e) => set(i.key, { pass: e.target.value as boolean })}
            options={[
              { label: '通过', value: true },
              { label: '不通过', value: false },
            ]}
          />
          {i.recorded ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <Tag color={i.recorded.pass ? 'success' : 'error'}>{i.recorded.pass ? '已记通过' : '已记不通过'}</Tag>
              {i.recorded.by ?? '—'} {formatDateTime(i.recorded.at)}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              未记录
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '理由',
      key: 'reason',
      render: (_, i) => (
        <Space orientation="vertical" size={2} style={{ width: '100%' }}>
          <Input.TextArea
            aria-label={`${i.label}理由`}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={1000}
            status={fieldErrors[i.key] ? 'error' : undefined}
            placeholder={drafts[i.key]?.pass === false || (i.computed && !i.computed.pass) ? '须填写理由' : '可选'}
            value={drafts[i.key]?.reason ?? ''}
            onChange={(e) => set(i.key, { reason: e.target.value })}
          />
          {fieldErrors[i.key] && <Typography.Text type="danger">{fieldErrors[i.key]}</Typography.Text>}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="形式审查"
      extra={
        <Space>
          <Summary review={data} />
          <Button type="primary" onClick={onSave} loading={save.isPending} disabled={chosen.length === 0}>
            保存
          </Button>
        </Space>
      }
    >
      <Table<Item> rowKey="key" size="small" columns={columns} dataSource={data.items} pagination={false} tableLayout="fixed" />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        每项须记录通过或不通过；不通过须说明理由，自动核查不符合而记为通过的也须说明理由。全部通过后方可受理；有不通过的项目时请退回修改，并在退回理由中写明该项。
      </Typography.Paragraph>
    </Card>
  );
}
