/**
 * The call's 形式审查 checklist settings: which items apply and their parameters. Editable after publication
 * too, since the checklist is applied when the officer accepts applications, not by applicants.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FORMAL_REVIEW_ITEM_KEYS, FORMAL_REVIEW_ITEM_LABELS, type FormalReviewSettings } from '@kechuang/domain';
import { Alert, App, Button, Card, Form, InputNumber, Select, Switch, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect } from 'react';
import { api } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';

const settingsKey = (callId: string) => ['calls', callId, 'formal-review'] as const;
type Key = (typeof FORMAL_REVIEW_ITEM_KEYS)[number];

/** What each item's parameter means, beside its input. */
function Parameter({ k }: { k: Key }) {
  switch (k) {
    case 'leaderTitle':
      return (
        <Form.Item name={['leaderTitle', 'allowedTitles']} noStyle>
          <Select mode="tags" aria-label="负责人职称须含" placeholder="职称须含以下任一词；不填则只须填写职称" style={{ width: '100%' }} tokenSeparators={[',', '，', '、']} open={false} />
        </Form.Item>
      );
    case 'concurrentProjects':
      return (
        <span>
          同一计划内负责人最多 <Form.Item name={['concurrentProjects', 'limit']} noStyle rules={[{ required: true, message: '请填写限项数' }]}><InputNumber aria-label="限项数" min={1} max={20} precision={0} style={{ width: 80 }} /></Form.Item> 项（含本项）
        </span>
      );
    case 'partnersCount':
      return (
        <span>
          合作单位不超过 <Form.Item name={['partnersCount', 'max']} noStyle rules={[{ required: true, message: '请填写上限' }]}><InputNumber aria-label="合作单位上限" min={0} max={30} precision={0} style={{ width: 80 }} /></Form.Item> 家
        </span>
      );
    case 'materialsComplete':
      return <Typography.Text type="secondary">按本指南的必备附件核对</Typography.Text>;
    case 'commitmentSigned':
      return <Typography.Text type="secondary">经办人核对后判断</Typography.Text>;
    case 'duplicateCheck':
      return <Typography.Text type="secondary">查重完成且无超阈值提示；有提示时由经办人判断</Typography.Text>;
  }
}

export function FormalReviewSettingsCard({ callId }: { callId: string }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormalReviewSettings>();
  const settings = useQuery({ queryKey: settingsKey(callId), queryFn: () => api.get<FormalReviewSettings>(`/calls/${callId}/formal-review`) });
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (body: FormalReviewSettings) => api.put<FormalReviewSettings>(`/calls/${callId}/formal-review`, body),
    onSuccess: (next) => {
      queryClient.setQueryData(settingsKey(callId), next);
      void message.success('形式审查设置已保存');
    },
    onError: (e) => onError(e, form),
  });

  if (settings.error) return <Alert type="error" showIcon title="形式审查设置加载失败" description={errorText(settings.error)} />;
  const columns: ColumnsType<{ key: Key }> = [
    { title: '审查项', key: 'label', width: 300, render: (_, r) => FORMAL_REVIEW_ITEM_LABELS[r.key] },
    {
      title: '适用',
      key: 'enabled',
      width: 90,
      render: (_, r) => (
        <Form.Item name={[r.key, 'enabled']} valuePropName="checked" noStyle>
          <Switch aria-label={`${FORMAL_REVIEW_ITEM_LABELS[r.key]}是否适用`} />
        </Form.Item>
      ),
    },
    { title: '参数', key: 'parameter', render: (_, r) => <Parameter k={r.key} /> },
  ];
  return (
    <Card
      title="形式审查设置"
      loading={settings.isPending}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => void form.validateFields().then((v) => save.mutate({ ...settings.data!, ...v }))}>
          保存
        </Button>
      }
    >
      {/* A desk's table: on a phone it scrolls inside the card instead of widening the page. */}
      <Form form={form} component={false}>
        <Table rowKey="key" size="small" columns={columns} dataSource={FORMAL_REVIEW_ITEM_KEYS.map((key) => ({ key }))} pagination={false} tableLayout="fixed" scroll={{ x: 720 }} />
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        受理前，经办人须对适用的每一项记录通过或不通过。修改设置只影响尚未受理的申报书。
      </Typography.Paragraph>
    </Card>
  );
}
