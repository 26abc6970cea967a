/** 导入专家: download the template, upload a filled one, see the rows that were refused (line, column, reason). */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { ExpertImportResult } from '@kechuang/domain';
import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { uploadFile } from '../../monitoring/shared/api';

export function ExpertImportModal({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const onError = useApiErrorHandler();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExpertImportResult | null>(null);
  return (
    <Modal title="导入专家" open={open} onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} width={760} destroyOnHidden afterClose={() => setResult(null)}>
      <Typography.Paragraph type="secondary">按模板填写后上传。有效行全部导入为“待审核”专家，错误行逐行列出；身份证号码已在专家库中的行不导入。</Typography.Paragraph>
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={() => void api.download('/experts/import/template.xlsx', undefined, '专家导入模板.xlsx').catch(onError)}>
          下载模板
        </Button>
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          maxCount={1}
          disabled={busy}
          customRequest={async ({ file, onSuccess, onError: fail }) => {
            setBusy(true);
            try {
              const res = await uploadFile<ExpertImportResult>('/experts/import', file as File);
              onSuccess?.(res);
              setResult(res);
              if (res.saved) void message.success(`已导入 ${res.saved} 位专家`);
              onImported();
            } catch (error) {
              fail?.(error as Error);
              onError(error);
            } finally {
              setBusy(false);
            }
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={busy}>
            上传Excel
          </Button>
        </Upload>
      </Space>
      {result ? (
        <div style={{ marginTop: 12 }}>
          <Alert type={result.errors.length ? 'warning' : 'success'} showIcon message={`导入 ${result.saved} 位，未导入 ${result.errors.length} 处问题${result.errors.length ? '（见下表，修改后可只重新导入这些行）' : ''}`} />
          {result.errors.length ? (
            <Table
              style={{ marginTop: 8 }}
              size="small"
              aria-label="导入错误"
              rowKey={(e) => `${e.line}-${e.column}-${e.message}`}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              dataSource={result.errors}
              columns={[
                { title: '行', dataIndex: 'line', width: 60 },
                { title: '列', key: 'column', width: 160, render: (_, e) => `${e.column ? `${e.column}列 ` : ''}${e.field}` },
                { title: '原因', dataIndex: 'message', render: (m: string) => <Typography.Text type="danger">{m}</Typography.Text> },
              ]}
            />
          ) : null}
        </div>
      ) : null}
    </Modal>
  );
}
