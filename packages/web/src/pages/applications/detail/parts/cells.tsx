/**
 * Controlled inputs for the editor's tables: each cell has the DOM id of its field path (so a problem or a
 * return reason focuses it) and an aria-label (axe: every input is named).
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { parseWan, yuanToWan } from '@kechuang/domain';
import { Button, Input, InputNumber, Select, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState, type ReactNode } from 'react';
import { fieldId } from '../model';

export function TextCell({ path, label, value, onChange, disabled, maxLength, textarea }: { path: string; label: string; value: string | undefined; onChange: (v: string) => void; disabled: boolean; maxLength?: number; textarea?: boolean }) {
  const common = { id: fieldId(path), 'aria-label': label, value: value ?? '', disabled, maxLength };
  return textarea ? <Input.TextArea {...common} autoSize={{ minRows: 1, maxRows: 4 }} onChange={(e) => onChange(e.target.value)} /> : <Input {...common} onChange={(e) => onChange(e.target.value)} />;
}

export function NumberCell({ path, label, value, onChange, disabled, min, max, suffix }: { path: string; label: string; value: number | undefined; onChange: (v: number | undefined) => void; disabled: boolean; min?: number; max?: number; suffix?: string }) {
  return (
    <InputNumber
      id={fieldId(path)}
      aria-label={label}
      value={value ?? null}
      min={min}
      max={max}
      precision={0}
      controls={false}
      suffix={suffix}
      disabled={disabled}
      style={{ width: '100%' }}
      onChange={(v) => onChange(v === null ? undefined : Number(v))}
    />
  );
}

export function SelectCell<V extends string>({ path, label, value, options, onChange, disabled }: { path: string; label: string; value: V | undefined; options: { value: V; label: string }[]; onChange: (v: V) => void; disabled: boolean }) {
  return <Select<V> id={fieldId(path)} aria-label={label} value={value} options={options} onChange={onChange} disabled={disabled} style={{ width: '100%' }} placeholder="请选择" />;
}

/**
 * An amount typed in 万元 and stored as integer 元: what was typed stays as typed (stringMode) until it parses
 * exactly (parseWan: at most 4 decimals, no float maths); a figure that does not parse is marked, not rounded.
 */
export function WanCell({ path, label, yuan, onChange, disabled }: { path: string; label: string; yuan: number | undefined; onChange: (yuan: number | undefined) => void; disabled: boolean }) {
  const shown = yuan === undefined ? '' : String(yuanToWan(yuan));
  const [text, setText] = useState(shown);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setText(shown);
  }, [shown, focused]);
  const parsed = text.trim() === '' ? null : parseWan(text);
  const bad = parsed !== null && (!parsed.ok || parsed.yuan < 0);
  return (
    <Tooltip title={bad && parsed && !parsed.ok ? parsed.message : bad ? '不能为负数' : undefined} open={bad && focused ? true : undefined}>
      <InputNumber<string>
        id={fieldId(path)}
        aria-label={`${label}（万元）`}
        stringMode
        controls={false}
        value={text}
        status={bad ? 'error' : undefined}
        disabled={disabled}
        style={{ width: '100%' }}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onChange={(v) => {
          const next = v ?? '';
          setText(next);
          if (next.trim() === '') return onChange(undefined);
          const r = parseWan(next);
          if (r.ok && r.yuan >= 0) onChange(r.yuan);
        }}
      />
    </Tooltip>
  );
}

/** A table of rows with add/remove, the unit of every structured part. */
export function RowsTable<T extends object>({ path, rows, columns, onChange, disabled, newRow, addLabel, max, summary, scrollX }: {
  path: string;
  rows: T[];
  columns: ColumnsType<{ row: T; index: number }>;
  onChange: (rows: T[]) => void;
  disabled: boolean;
  newRow: () => T;
  addLabel: string;
  max: number;
  summary?: () => ReactNode;
  scrollX?: number;
}) {
  const data = rows.map((row, index) => ({ row, index }));
  const cols: ColumnsType<{ row: T; index: number }> = [
    { title: '序号', key: 'no', width: 56, render: (_, r) => r.index + 1 },
    ...columns,
    ...(disabled
      ? []
      : [
          {
            title: '操作',
            key: 'remove',
            width: 64,
            render: (_: unknown, r: { index: number }) => (
              <Button type="text" danger aria-label={`删除第${r.index + 1}行`} icon={<DeleteOutlined />} onClick={() => onChange(rows.filter((_x, i) => i !== r.index))} />
            ),
          },
        ]),
  ];
  return (
    <div id={fieldId(path)} tabIndex={-1}>
      <Table size="small" bordered pagination={false} rowKey="index" dataSource={data} columns={cols} summary={summary} scroll={scrollX ? { x: scrollX } : undefined} locale={{ emptyText: '暂无，点击下方按钮添加' }} />
      {!disabled && rows.length < max ? (
        <Button type="dashed" block icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => onChange([...rows, newRow()])}>
          {addLabel}
        </Button>
      ) : null}
    </div>
  );
}

/** Replaces one row's field, for the cells' onChange. */
export const setAt = <T extends object>(rows: T[], index: number, patch: Partial<T>): T[] => rows.map((r, i) => (i === index ? { ...r, ...patch } : r));
