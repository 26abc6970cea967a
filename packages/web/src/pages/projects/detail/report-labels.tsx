/** Shared bits of the progress-report screens: the state tag and the lateness text. */
import { PROJECT_REPORT_STATE_LABELS, type ProjectReportState } from '@kechuang/domain';
import { Tag, Typography } from 'antd';

const COLORS: Record<ProjectReportState, string> = {
  notOpen: 'default', open: 'processing', submitted: 'gold', returned: 'orange', accepted: 'green', locked: 'red', reopened: 'purple', cancelled: 'default',
};

export function ReportStateTag({ state }: { state: ProjectReportState }) {
  return <Tag color={COLORS[state]}>{PROJECT_REPORT_STATE_LABELS[state]}</Tag>;
}

export function LateDays({ days }: { days: number }) {
  return days > 0 ? <Typography.Text type="danger">逾期{days}天</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>;
}
