/** The expanded row of an audit event: each changed field before and after, then any extra detail. */
import { Descriptions, Table, Typography } from 'antd';
import type { AuditChange } from '../../../api/types';

function showValue(value: unknown) {
  if (value === undefined || value === null || value === '') return <Typography.Text type="secondary">（空）</Typography.Text>;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(value)}</Typography.Text>;
}

interface Props {
  changes: Record<string, AuditChange> | null;
  detail: Record<string, unknown> | null;
}

export function ChangesTable({ changes, detail }: Props) {
  const rows = Object.entries(changes ?? {}).map(([field, c]) => ({ field, before: c.before, after: c.after }));
  const details = Object.entries(detail ?? {});
  return (
    <div style={{ padding: '4px 0 4px 24px', maxWidth: 960 }}>
      {rows.length > 0 && (
        <Table
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={rows}
          bordered
          columns={[
            { title: '字段', dataIndex: 'field', width: 200, render: (f: string) => <Typography.Text code>{f}</Typography.Text> },
            { title: '修改前', dataIndex: 'before', render: showValue },
            { title: '修改后', dataIndex: 'after', render: showValue },
          ]}
        />
      )}
      {details.length > 0 && (
        <Descriptions
          size="small"
          column={1}
          bordered
          title={rows.length > 0 ? '其他信息' : undefined}
          style={{ marginTop: rows.length > 0 ? 12 : 0 }}
          items={details.map(([k, v]) => ({ key: k, label: k, children: showValue(v) }))}
        />
      )}
      {rows.length === 0 && details.length === 0 && <Typography.Text type="secondary">该事件没有记录字段变更。</Typography.Text>}
    </div>
  );
}
