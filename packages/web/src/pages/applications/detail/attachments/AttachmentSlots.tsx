/**
 * The attachments of an application in the call's typed slots (营业执照, 财务报表, 承诺书 …): what each slot
 * accepts, the files uploaded with their size and SHA-256, download, and — while the application is editable —
 * upload with progress and delete. The browser checks type (by the file's first bytes, as the server does) and
 * size before sending; the server checks again and has the last word.
 */
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Popconfirm, Progress, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { useState } from 'react';
import { checkFileType, fileKindsOf, SNIFF_BYTES, type AttachmentFile, type AttachmentSlotsResponse } from '@kechuang/domain';
import { api } from '../../../../api/client';
import { useApiErrorHandler } from '../../../../api/form-errors';
import { uploadWithProgress } from './upload';

type Slot = AttachmentSlotsResponse['slots'][number];

const enc = encodeURIComponent;
const TYPE_LABELS: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };
const EXTENSIONS: Record<string, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg,.jpeg', 'image/png': '.png' };

export const attachmentsQueryKey = (applicationId: string) => ['applications', applicationId, 'attachments'] as const;

/** 1.5 MB, 20 MB (no “.0”), 176 KB. */
function size(bytes: number): string {
  const one = (n: number) => n.toFixed(1).replace(/\.0$/, '');
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${one(bytes / 1024)} KB`;
  return `${one(bytes / 1024 / 1024)} MB`;
}

const acceptLabel = (s: Slot) => s.accept.map((t) => TYPE_LABELS[t] ?? t).join('、');

/** What is wrong with a chosen file before it is sent: its size, or its content (first bytes), or nothing. */
async function clientProblem(file: File, slot: Slot): Promise<string | null> {
  if (file.size === 0) return `“${file.name}”是空文件`;
  if (file.size > slot.maxBytes) return `“${file.name}”有 ${size(file.size)}，${slot.label}不能超过 ${size(slot.maxBytes)}`;
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const verdict = checkFileType(file.name, head, fileKindsOf(slot.accept));
  return verdict.ok ? null : `“${file.name}”不是 ${acceptLabel(slot)} 文件（按文件内容识别，改扩展名无效）`;
}

export function AttachmentSlots({ applicationId, editable }: { applicationId: string; editable: boolean }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<Record<string, number>>({});
  const [deleting, setDeleting] = useState<string | null>(null);
  const { data, isLoading, error } = useQuery({
    queryKey: attachmentsQueryKey(applicationId),
    queryFn: ({ signal }) => api.get<AttachmentSlotsResponse>(`/applications/${enc(applicationId)}/attachments`, undefined, signal),
  });
  // The detail's live checks (missing attachments) change with the files.
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['applications', applicationId] });

  const upload = async (slot: Slot, file: File) => {
    const problem = await clientProblem(file, slot);
    if (problem) {
      void message.error(problem);
      return;
    }
    setProgress((p) => ({ ...p, [slot.kind]: 0 }));
    try {
      const row = await uploadWithProgress<AttachmentFile>(`/applications/${enc(applicationId)}/attachments/${enc(slot.kind)}`, file, (percent) => setProgress((p) => ({ ...p, [slot.kind]: percent })));
      void message.success(`已上传“${row.fileName}”到${slot.label}`);
      await refresh();
    } catch (e) {
      onError(e);
    } finally {
      setProgress(({ [slot.kind]: _, ...rest }) => rest);
    }
  };

  const remove = async (f: AttachmentFile) => {
    setDeleting(f.id);
    try {
      await api.delete(`/applications/${enc(applicationId)}/attachments/${enc(f.id)}`);
      void message.success(`已删除“${f.fileName}”`);
      await refresh();
    } catch (e) {
      onError(e);
    } finally {
      setDeleting(null);
    }
  };

  if (error) return <Alert type="error" showIcon title="附件列表加载失败" description={(error as Error).message} />;
  return (
    <Table<Slot>
      rowKey="kind"
      size="middle"
      loading={isLoading}
      pagination={false}
      dataSource={data?.slots ?? []}
      tableLayout="fixed"
      columns={[
        {
          title: '附件类型',
          key: 'label',
          width: 240,
          render: (_, s) => (
            <Space size={4} wrap>
              <Typography.Text>{s.label}</Typography.Text>
              {s.required ? <Tag color="red">必传</Tag> : <Tag>选传</Tag>}
            </Space>
          ),
        },
        { title: '接受格式', key: 'accept', width: 150, render: (_, s) => <Typography.Text type="secondary">{`${acceptLabel(s)}，≤${size(s.maxBytes)}`}</Typography.Text> },
        {
          title: '已上传文件',
          key: 'files',
          render: (_, s) =>
            s.files.length === 0 ? (
              <Typography.Text type={s.required ? 'danger' : 'secondary'}>{s.required ? '尚未上传' : '—'}</Typography.Text>
            ) : (
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                {s.files.map((f) => (
                  <Flex key={f.id} align="center" gap={8} style={{ maxWidth: '100%' }}>
                    <Typography.Text ellipsis={{ tooltip: f.fileName }} style={{ minWidth: 0, flex: 1 }}>
                      <a href={`/api/applications/${enc(applicationId)}/attachments/${enc(f.id)}/file`} download={f.fileName}>
                        <PaperClipOutlined /> {f.fileName}
                      </a>
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                      {size(f.size)}
                    </Typography.Text>
                    <Tooltip title={`SHA-256：${f.sha256}`}>
                      <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                        {f.sha256.slice(0, 8)}
                      </Typography.Text>
                    </Tooltip>
                    {editable && (
                      <Popconfirm title={`删除“${f.fileName}”？`} okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => remove(f)}>
                        <Button type="text" size="small" danger icon={<DeleteOutlined />} loading={deleting === f.id} aria-label={`删除${f.fileName}`} />
                      </Popconfirm>
                    )}
                  </Flex>
                ))}
              </Space>
            ),
        },
        {
          title: '操作',
          key: 'actions',
          width: 150,
          render: (_, s) => {
            const percent = progress[s.kind];
            if (percent !== undefined) return <Progress percent={percent} size="small" aria-label={`${s.label}上传进度`} />;
            return (
              <Upload
                accept={s.accept.map((t) => EXTENSIONS[t] ?? t).join(',')}
                showUploadList={false}
                disabled={!editable}
                beforeUpload={(file) => {
                  void upload(s, file);
                  return Upload.LIST_IGNORE;
                }}
              >
                <Tooltip title={editable ? `${acceptLabel(s)}，不超过 ${size(s.maxBytes)}` : '已提交的申报书不能修改附件；被退回后可以修改'}>
                  <Button size="small" icon={<UploadOutlined />} disabled={!editable}>
                    上传
                  </Button>
                </Tooltip>
              </Upload>
            );
          },
        },
      ]}
    />
  );
}
