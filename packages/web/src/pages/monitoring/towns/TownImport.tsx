/**
 * 导入数据: one .xlsx from 下载模板, posted to the import endpoint, and the result (saved count, rows with problems).
 * The server merges by town code: good rows replace or add their town, a refused row's town keeps its saved values.
 */
import { Alert, Modal, Table, Typography } from 'antd';
import { ExcelUpload } from '../shared/ExcelUpload';
import { townImportPath } from './api';
import type { TownImportResult } from './types';

export function TownImportButton({ id, onDone }: { id: string; onDone: (result: TownImportResult) => void }) {
  return <ExcelUpload path={townImportPath(id)} label="导入数据" onDone={onDone} />;
}

export function TownImportResultModal({ result, onClose }: { result: TownImportResult | null; onClose: () => void }) {
  const errors = result?.errors ?? [];
  const badLines = new Set(errors.filter((e) => e.line > 0).map((e) => e.line)).size;
  return (
    <Modal open={!!result} title="导入结果" onCancel={onClose} onOk={onClose} okText="知道了" cancelButtonProps={{ style: { display: 'none' } }} width={720}>
      {result &&
        (result.saved === 0 ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title="未导入任何镇街数据"
            description="原有数据保持不变。请按下表修改后重新上传。"
          />
        ) : (
          <Alert
            type={errors.length ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 16 }}
            title={`已保存 ${result.saved} 个镇街的数据${errors.length ? `，${badLines} 行有问题未导入` : '，没有错误'}`}
            description={
              errors.length
                ? '有效行已按镇街代码更新或新增；有问题的行未导入，这些镇街保留原有数据。请按下表修改后重新上传（再次上传会覆盖为新值）。'
                : '各镇街数据已按镇街代码更新或新增（文件中没有的镇街保留原有数据），得分与排名已重新计算。'
            }
          />
        ))}
      {errors.length > 0 && (
        <Table
          size="small"
          rowKey={(e) => `${e.line}-${e.field}-${e.message}`}
          dataSource={errors}
          pagination={errors.length > 10 ? { pageSize: 10 } : false}
          columns={[
            { title: '行号', dataIndex: 'line', width: 80, sorter: (a, b) => a.line - b.line, defaultSortOrder: 'ascend', render: (v: number) => (v > 0 ? v : <Typography.Text type="secondary">—</Typography.Text>) },
            { title: '字段', dataIndex: 'field', width: 180, render: (v: string) => v || '—' },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      )}
    </Modal>
  );
}
