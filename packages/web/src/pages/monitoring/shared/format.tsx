/** How monitoring figures read: a value with its unit, "—" (with the reason) for a missing one, state tags. */
import { divDecimal, formatPercent } from '@kechuang/domain';
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { MonIndicator, MonReportState, MonStatus, MonTaskStatus, MonUnit, MonVerdict } from '../../../api/types';
import { changePercent, percentText, withUnit } from './figures';
import { REPORT_STATE_LABELS, STATUS_LABELS, TASK_STATUS_LABELS, VERDICT_LABELS } from './labels';

export { changePercent, countText, figureText, percentText, withUnit } from './figures';

/** A missing figure: a dash that says why on hover. */
export function Missing({ reason }: { reason?: string | null }) {
  return (
    <Tooltip title={reason || '暂无数据'}>
      <Typography.Text type="secondary" style={{ cursor: 'help' }}>
        —
      </Typography.Text>
    </Tooltip>
  );
}

/** A value with its unit, or a dash with the reason. */
export function ValueText({ value, unit, reason, computed }: { value: string | number | null | undefined; unit: string; reason?: string | null; computed?: boolean }) {
  const text = withUnit(value, unit, computed);
  return text === null ? <Missing reason={reason} /> : <span style={{ whiteSpace: 'nowrap' }}>{text}</span>;
}

/** '96.5' → '96.5%'; null → dash. */
export function PercentText({ value, reason }: { value: string | null | undefined; reason?: string }) {
  return value === null || value === undefined || value === '' ? <Missing reason={reason} /> : <span style={{ whiteSpace: 'nowrap' }}>{percentText(value)}</span>;
}

/** A percent string to a number for charts (null stays null). */
export function num(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** The target as it reads in the plan: '1.3万家' style level, or '年均增长30%' for a growth target. */
export function targetText(ind: Pick<MonIndicator, 'targetKind' | 'target' | 'unit'>): string | null {
  if (ind.target.value === null) return null;
  return ind.targetKind === 'growth' ? `年均增长${percentText(ind.target.value)}` : withUnit(ind.target.value, ind.unit);
}

export function StatusTag({ status, label }: { status: MonStatus; label?: string }) {
  const l = STATUS_LABELS[status];
  return <Tag color={l?.color}>{label || l?.text || status}</Tag>;
}

export function VerdictTag({ verdict, label, note }: { verdict: MonVerdict | null; label?: string | null; note?: string }) {
  if (!verdict) {
    return (
      <Tooltip title="目标年度未到，尚不判定">
        <Typography.Text type="secondary">未到期</Typography.Text>
      </Tooltip>
    );
  }
  const l = VERDICT_LABELS[verdict];
  const tag = <Tag color={l?.color}>{label || l?.text || verdict}</Tag>;
  return verdict === 'unknown' && note ? <Tooltip title={note}>{tag}</Tooltip> : tag;
}

export function ReportStateTag({ state, label }: { state: MonReportState | null | undefined; label?: string }) {
  if (!state) return <Tag>未填报</Tag>;
  const l = REPORT_STATE_LABELS[state];
  return <Tag color={l?.color}>{label || l?.text || state}</Tag>;
}

export function TaskStatusTag({ status, label, reason }: { status: MonTaskStatus; label?: string; reason?: string | null }) {
  const l = TASK_STATUS_LABELS[status];
  const tag = <Tag color={l?.color}>{label || l?.text || status}</Tag>;
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}

/** Responsible units, the lead (牵头) first and marked. */
export function UnitTags({ units, max }: { units: MonUnit[]; max?: number }): ReactNode {
  if (units.length === 0) return <Missing reason="未指定责任单位" />;
  const shown = max ? units.slice(0, max) : units;
  return (
    <Space size={[0, 4]} wrap>
      {shown.map((u, i) => (
        <Tag key={u.code} color={i === 0 ? 'blue' : undefined}>
          {i === 0 ? `牵头 · ${u.name}` : u.name}
        </Tag>
      ))}
      {max && units.length > max && (
        <Tooltip title={units.slice(max).map((u) => u.name).join('、')}>
          <Tag>+{units.length - max}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}

export function ChangeText({ value, previous }: { value: string | null | undefined; previous: string | null | undefined }) {
  const c = changePercent(value, previous);
  if (c === null) return <Missing reason={previous ? '上期值不为正数，无法计算变化' : '无上期值'} />;
  return <span style={{ whiteSpace: 'nowrap' }}>{c.startsWith('-') || /^0(\.0+)?$/.test(c) ? '' : '+'}{formatPercent(c)}</span>;
}

/** Sorting helpers for decimal strings (null last). */
export const byNum = (a: string | number | null | undefined, b: string | number | null | undefined) => (num(a) ?? -Infinity) - (num(b) ?? -Infinity);

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  // One decimal through the domain's exact division, like every other figure on these pages.
  if (bytes < 1024 * 1024) return `${divDecimal(String(bytes), '1024', 1)} KB`;
  return `${divDecimal(String(bytes), '1048576', 1)} MB`;
}
