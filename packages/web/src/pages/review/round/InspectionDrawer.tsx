/** One application's site inspection: date, inspectors, each checklist item, findings, verdict with basis, and photos. */
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import {
  checkFileType,
  INSPECTION_PHOTO_KINDS,
  INSPECTION_PHOTO_MAX_BYTES,
  INSPECTION_PHOTO_MAX_COUNT,
  SNIFF_BYTES,
  type InspectionItem,
  type InspectionOverview,
  type InspectionRecordInput,
} from '@kechuang/domain';
import { App, Button, DatePicker, Descriptions, Drawer, Empty, Flex, Form, Image, Input, Popconfirm, Radio, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { dayjs, formatDateTime } from '../../../lib/time';
import { uploadFile } from '../../monitoring/shared/api';

interface Props {
  path: string;
  overview: InspectionOverview;
  item: InspectionItem;
  writable: boolean;
  onClose: () => void;
  onSaved: () => void;
}

interface FormValues {
  inspectedOn: dayjs.Dayjs;
  inspectors: string[];
  items: Record<string, { passed: boolean; finding: string }>;
  findings: string;
  result: 'passed' | 'failed';
  basis: string;
}

export function InspectionDrawer({ path, overview, item, writable, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);
  const r = item.record;
  const recordedItems = new Map((r?.items ?? []).map((i) => [i.key, i]));
  const initial: Partial<FormValues> = {
    inspectedOn: r ? dayjs(r.inspectedOn) : dayjs(),
    inspectors: r?.inspectors ?? [],
    items: Object.fromEntries(overview.checklist.map((c) => [c.key, { passed: recordedItems.get(c.key)?.passed ?? true, finding: recordedItems.get(c.key)?.finding ?? '' }])),
    findings: r?.findings ?? '',
    result: r?.result ?? 'passed',
    basis: r?.basis ?? '',
  };
  const appPath = `${path}/applications/${item.applicationId}`;

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing under each field
    const body: InspectionRecordInput = {
      inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
      inspectors: v.inspectors,
      items: overview.checklist.map((c) => ({ key: c.key, passed: v.items[c.key]?.passed ?? true, finding: v.items[c.key]?.finding ?? '' })),
      findings: v.findings ?? '',
      result: v.result,
      basis: v.basis ?? '',
    };
    setSaving(true);
    try {
      await api.put(appPath, body);
      void message.success('核查结果已保存');
      onSaved();
      onClose();
    } catch (e) {
      // Server item errors are `items.<index>.<member>`: shown under the checklist row with that key.
      onError(e, form, { mapField: (f) => f.replace(/^items\.(\d+)\./, (_, n: string) => `items.${overview.checklist[Number(n)]?.key ?? n}.`) });
    } finally {
      setSaving(false);
    }
  };

  const removePhoto = async (id: string) => {
    try {
      await api.delete(`${appPath}/photos/${id}`);
      onSaved();
    } catch (e) {
      onError(e);
    }
  };

  return (
    <Drawer open width={880} title={`实地核查：${item.applicationNo} ${item.title}`} onClose={onClose} extra={writable && <Button type="primary" loading={saving} onClick={save}>保存核查结果</Button>}>
      <Descriptions size="small" column={2} style={{ marginBottom: 16 }} items={[
        { key: 'org', label: '申报单位', children: item.organisationName },
        { key: 'rank', label: '评审排名', children: item.rank ?? '—' },
        ...(r ? [{ key: 'by', label: '记录人', children: `${r.recordedByName} ${formatDateTime(r.recordedAt)}` }] : []),
      ]} />
      <Form form={form} layout="vertical" initialValues={initial} disabled={!writable}>
        <Flex gap={16}>
          <Form.Item name="inspectedOn" label="核查日期" rules={[{ required: true, message: '请选择核查日期' }]}>
            <DatePicker aria-label="核查日期" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="inspectors" label="核查人员" style={{ flex: 1 }} rules={[{ required: true, type: 'array', min: 1, message: '至少一名核查人员' }]}>
            <Select mode="tags" aria-label="核查人员" placeholder="输入姓名后回车" open={false} tokenSeparators={[',', '，', '、']} />
          </Form.Item>
        </Flex>
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={overview.checklist}
          style={{ marginBottom: 16 }}
          columns={[
            { title: '核查事项', dataIndex: 'label', width: 300 },
            { title: '结果', width: 150, render: (_, c) => (
              <Form.Item name={['items', c.key, 'passed']} noStyle>
                <Radio.Group aria-label={`${c.label}的结果`} options={[{ label: '符合', value: true }, { label: '不符合', value: false }]} />
              </Form.Item>
            ) },
            { title: '核查情况', render: (_, c) => (
              <Form.Item name={['items', c.key, 'finding']} style={{ marginBottom: 0 }} dependencies={[['items', c.key, 'passed']]}
                rules={[({ getFieldValue }) => ({ validator: async (_r, v: string) => { if (getFieldValue(['items', c.key, 'passed']) === false && !v?.trim()) throw new Error('不符合的事项请写明核查情况'); } })]}>
                <Input aria-label={`${c.label}的核查情况`} maxLength={500} placeholder="不符合时必填" />
              </Form.Item>
            ) },
          ]}
        />
        <Form.Item name="findings" label="其他发现">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="result" label="核查结论" rules={[{ required: true, message: '请选择核查结论' }]}>
          <Radio.Group aria-label="核查结论" options={[{ label: '通过', value: 'passed' }, { label: '不通过（不再进入后续环节）', value: 'failed' }]} />
        </Form.Item>
        <Form.Item noStyle dependencies={['result']}>
          {({ getFieldValue }) => (
            <Form.Item name="basis" label="结论依据" rules={[{ required: getFieldValue('result') === 'failed', whitespace: true, message: '核查不通过须说明依据' }]}>
              <Input.TextArea rows={2} maxLength={2000} placeholder={getFieldValue('result') === 'failed' ? '必填：不通过的依据' : '有不符合事项仍判定通过的，须说明依据'} />
            </Form.Item>
          )}
        </Form.Item>
      </Form>
      <Typography.Title level={5}>现场照片（{item.photos.length}/{INSPECTION_PHOTO_MAX_COUNT}）</Typography.Title>
      {item.photos.length === 0 ? <Empty description="暂无照片" image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
        <Image.PreviewGroup>
          <Flex wrap gap={12}>
            {item.photos.map((p) => (
              <Space key={p.id} direction="vertical" size={4} align="center">
                <Image width={140} height={105} style={{ objectFit: 'cover' }} src={`/api${appPath}/photos/${p.id}`} alt={p.fileName} />
                <Space size={4}>
                  <Typography.Text type="secondary" ellipsis style={{ maxWidth: 110 }}>{p.fileName}</Typography.Text>
                  {writable && (
                    <Popconfirm title={`删除照片“${p.fileName}”？`} okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => removePhoto(p.id)}>
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`删除${p.fileName}`} />
                    </Popconfirm>
                  )}
                </Space>
              </Space>
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      {writable && (
        <Upload
          accept="image/jpeg,image/png"
          showUploadList={false}
          multiple
          disabled={uploading || item.photos.length >= INSPECTION_PHOTO_MAX_COUNT}
          beforeUpload={async (file) => {
            // The same checks the server makes, so a wrong file is refused before it is sent.
            if (file.size > INSPECTION_PHOTO_MAX_BYTES) {
              void message.error(`照片“${file.name}”超过 5 MB`);
              return Upload.LIST_IGNORE;
            }
            const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
            const verdict = checkFileType(file.name, head, INSPECTION_PHOTO_KINDS);
            if (!verdict.ok) {
              void message.error(`“${file.name}”：${verdict.message}`);
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={async ({ file, onSuccess, onError: fail }) => {
            setUploading(true);
            try {
              const res = await uploadFile(`${appPath}/photos`, file as File);
              onSuccess?.(res);
              onSaved();
            } catch (e) {
              fail?.(e as Error);
              onError(e);
            } finally {
              setUploading(false);
            }
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading} style={{ marginTop: 12 }}>上传照片（JPG/PNG，每张不超过 5 MB）</Button>
        </Upload>
      )}
      {r && <div style={{ marginTop: 16 }}><Tag color={r.result === 'passed' ? 'green' : 'red'}>已记录：{r.result === 'passed' ? '通过' : '不通过'}</Tag></div>}
    </Drawer>
  );
}
