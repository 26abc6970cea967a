/** The outcome of an Excel upload: how many rows were saved, and each bad row with its line, field and problem. */
import { Alert, Modal, Table } from 'antd';
import type { MonUploadResult } from '../../../api/types';

interface Props {
  result: MonUploadResult | null;
  onClose: () => void;
  /** What a saved row is ("条填报", "个项目"). */
  noun?: string;
}

export function UploadResultModal({ result, onClose, noun = '行' }: Props) {
  const errors = result?.errors ?? [];
  return (
    <Modal open={!!result} title="导入结果" onCancel={onClose} onOk={onClose} okText="知道了" cancelButtonProps={{ style: { display: 'none' } }} width={720}>
      {result && (
        <>
          <Alert
            type={errors.length ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 16 }}
            title={`已保存 ${result.saved} ${noun}${result.unchanged ? `，${result.unchanged} 行与已保存内容相同未改动` : ''}${errors.length ? `，${new Set(errors.map((e) => e.line)).size} 行有问题未保存` : '，没有错误'}`}
            description={errors.length ? '有效行已保存；请按下表修改有问题的行后重新上传（已保存的行再次上传会覆盖为新值）。' : undefined}
          />
          {errors.length > 0 && (
            <Table
              size="small"
              rowKey={(e) => `${e.line}-${e.field}-${e.message}`}
              dataSource={errors}
              pagination={errors.length > 10 ? { pageSize: 10 } : false}
              columns={[
                { title: '行号', dataIndex: 'line', width: 80, sorter: (a, b) => a.line - b.line, defaultSortOrder: 'ascend' },
                { title: '字段', dataIndex: 'field', width: 140, render: (v: string) => v || '—' },
                { title: '问题', dataIndex: 'message' },
              ]}
            />
          )}
        </>
      )}
    </Modal>
  );
}
