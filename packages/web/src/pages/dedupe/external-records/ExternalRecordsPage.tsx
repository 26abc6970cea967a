/**
 * 查重外部记录 (BL-9), officers: import talent, higher-level and past projects from the Excel template into the
 * 查重 archive, see the rows that were refused (line, column, reason), and list what the archive holds.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { PageContainer, ProCard, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { EXTERNAL_SOURCE_LABELS, EXTERNAL_SOURCE_TYPES, type ExternalSourceType } from '@kechuang/domain';
import { Alert, App, Button, Space, Table, Tag, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { ExternalRecordImportResult, ExternalRecordItem, ExternalRecordList } from '../../../api/types';
import { formatDateTime } from '../../../lib/time';
import { uploadFile } from '../../monitoring/shared/api';

export default function ExternalRecordsPage() {
  const onError = useApiErrorHandler();
  const { message } = App.useApp();
  const actionRef = useRef<ActionType>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExternalRecordImportResult | null>(null);

  const columns: ProColumns<ExternalRecordItem>[] = [
    { title: '来源类型', dataIndex: 'sourceType', valueType: 'select', width: 110, valueEnum: Object.fromEntries(EXTERNAL_SOURCE_TYPES.map((t) => [t, EXTERNAL_SOURCE_LABELS[t]])), fieldProps: { 'aria-label': '来源类型' }, render: (_, r) => <Tag>{r.sourceLabel}</Tag> },
    { title: '记录编号', dataIndex: 'recordNo', search: false, width: 150, copyable: true },
    { title: '项目名称', dataIndex: 'title', search: false, ellipsis: true },
    { title: '承担单位', dataIndex: 'organisationName', search: false, width: 200, ellipsis: true },
    { title: '年度', dataIndex: 'year', search: false, width: 70 },
    { title: '正文', key: 'sections', search: false, width: 220, ellipsis: true, render: (_, r) => r.sections.map((s) => `${s.title} ${s.chars}字`).join('，') },
    { title: '导入时间', dataIndex: 'importedAt', search: false, width: 150, render: (_, r) => formatDateTime(r.importedAt) },
  ];

  return (
    <PageContainer title="查重外部记录" breadcrumbRender={false} content="人才项目、上级项目和往年项目导入查重档案后，之后的每次查重（含重新查重）都与之比对。有效行全部导入、错误行逐行列出；已导入的记录编号不覆盖。">
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <ProCard size="small" variant="outlined">
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => void api.download('/dedupe/external-records/template.xlsx', undefined, '查重外部记录导入模板.xlsx').catch(onError)}>
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
                  const res = await uploadFile<ExternalRecordImportResult>('/dedupe/external-records/import', file as File);
                  onSuccess?.(res);
                  setResult(res);
                  if (res.saved) void message.success(`已导入 ${res.saved} 条记录`);
                  actionRef.current?.reload();
                } catch (error) {
                  fail?.(error as Error);
                  onError(error);
                } finally {
                  setBusy(false);
                }
              }}
            >
              <Button type="primary" icon={<UploadOutlined />} loading={busy}>
                导入Excel
              </Button>
            </Upload>
          </Space>
          {result ? (
            <div style={{ marginTop: 12 }}>
              <Alert type={result.errors.length ? 'warning' : 'success'} showIcon message={`导入 ${result.saved} 条，未导入 ${result.errors.length} 处问题${result.errors.length ? '（见下表，修改后可只重新导入这些行）' : ''}`} />
              {result.errors.length ? (
                <Table
                  style={{ marginTop: 8 }}
                  size="small"
                  rowKey={(e) => `${e.line}-${e.column}-${e.message}`}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  dataSource={result.errors}
                  columns={[
                    { title: '行', dataIndex: 'line', width: 60 },
                    { title: '列', key: 'column', width: 200, render: (_, e) => `${e.column ? `${e.column}列 ` : ''}${e.field}` },
                    { title: '原因', dataIndex: 'message', render: (m: string) => <Typography.Text type="danger">{m}</Typography.Text> },
                  ]}
                />
              ) : null}
            </div>
          ) : null}
        </ProCard>
        <ProTable<ExternalRecordItem, { sourceType?: ExternalSourceType }>
          rowKey="docId"
          actionRef={actionRef}
          cardBordered
          headerTitle="查重档案中的外部记录"
          columns={columns}
          search={{ labelWidth: 'auto' }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true }}
          options={{ density: true, reload: true, setting: true }}
          request={async (p) => {
            try {
              const res = await api.get<ExternalRecordList>('/dedupe/external-records', { sourceType: p.sourceType, page: p.current, pageSize: p.pageSize });
              return { data: res.items, total: res.total, success: true };
            } catch (error) {
              onError(error);
              return { data: [], total: 0, success: false };
            }
          }}
        />
      </Space>
    </PageContainer>
  );
}
