/** A return's reasons beside the field or part they name, so the applicant finds each where it must be fixed. */
import { Alert, Space } from 'antd';
import { reasonsFor, type Reason } from '../model';

export function ReasonAlerts({ reasons, field, exact, label }: { reasons: readonly Reason[]; field: string; exact?: boolean; label?: (field: string) => string }) {
  const mine = reasonsFor(reasons, field, exact);
  if (mine.length === 0) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 8 }} data-testid={`return-reason-${field}`}>
      {mine.map((r, i) => (
        <Alert key={i} type="warning" showIcon message={`退回意见${label ? `（${label(r.field)}）` : ''}：${r.reason}`} />
      ))}
    </Space>
  );
}
