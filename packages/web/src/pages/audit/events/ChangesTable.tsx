/** The expanded row of an audit event: each changed field before and after, then any extra detail. */
import { auditFieldLabel, auditValueLabel, type AuditChange } from '@kechuang/domain';
import { Descriptions, Table, Typography } from 'antd';

/** A value in words where the catalogue knows the field's enumeration (states, roles), else as recorded. */
function showValue(field: string, value: unknown) {
  if (value === undefined || value === null || value === '') return <Typography.Text type="secondary">（空）</Typography.Text>;
  const word = auditValueLabel(field, value);
  if (word !== undefined) return word;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join('、');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(value)}</Typography.Text>;
}

/** The field's Chinese name, with the recorded code beside it for whoever compares with an export. */
function FieldName({ field }: { field: string }) {
  const label = auditFieldLabel(field);
  return label === field ? (
    <Typography.Text code>{field}</Typography.Text>
  ) : (
    <span>
      {label}{' '}
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-field={field}>
        {field}
      </Typography.Text>
    </span>
  );
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
            { title: '字段', dataIndex: 'field', width: 200, render: (f: string) => <FieldName field={f} /> },
            { title: '修改前', dataIndex: 'before', render: (v: unknown, r) => showValue(r.field, v) },
            { title: '修改后', dataIndex: 'after', render: (v: unknown, r) => showValue(r.field, v) },
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
          items={details.map(([k, v]) => ({ key: k, label: <FieldName field={k} />, children: showValue(k, v) }))}
        />
      )}
      {rows.length === 0 && details.length === 0 && <Typography.Text type="secondary">该事件没有记录字段变更。</Typography.Text>}
    </div>
  );
}
