/** Tags for a call's status (officer view) and phase (what the public sees: 即将开始 / 申报中 / 已截止). */
import { CALL_STATUS_LABELS, SELECTION_MODE_LABELS, type CallStatus, type SelectionMode } from '@kechuang/domain';
import { Tag } from 'antd';
import type { CallPhase } from '../../api/programmes';

export const PHASE_LABELS: Record<CallPhase, { color: string; text: string }> = {
  upcoming: { color: 'blue', text: '即将开始' },
  open: { color: 'green', text: '申报中' },
  ended: { color: 'default', text: '已截止' },
  draft: { color: 'default', text: '草稿' },
  closed: { color: 'default', text: '已截止' },
  archived: { color: 'default', text: '已归档' },
};

export const STATUS_COLORS: Record<CallStatus, string> = { draft: 'gold', published: 'green', closed: 'default', archived: 'default' };

export function CallPhaseTag({ phase }: { phase: CallPhase }) {
  const p = PHASE_LABELS[phase] ?? { color: 'default', text: phase };
  return <Tag color={p.color}>{p.text}</Tag>;
}

export function CallStatusTag({ status }: { status: CallStatus }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{CALL_STATUS_LABELS[status] ?? status}</Tag>;
}

export function SelectionModeTag({ mode }: { mode: SelectionMode }) {
  return <Tag color={mode === 'openChallenge' ? 'volcano' : 'geekblue'}>{SELECTION_MODE_LABELS[mode] ?? mode}</Tag>;
}

/** The phase of a published call at `now`, as the server computes it; used for previews of drafts. */
export function phaseAt(opensAt: string, closesAt: string, now = Date.now()): CallPhase {
  if (now < new Date(opensAt).getTime()) return 'upcoming';
  return now < new Date(closesAt).getTime() ? 'open' : 'ended';
}
