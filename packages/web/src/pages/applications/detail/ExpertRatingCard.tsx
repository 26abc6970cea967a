/**
 * 评价评审专家 (反向评价, P315-5), applicants: once scoring has closed, rate each anonymous reviewer (专家一, 专家二 …)
 * of this application once. Shown only when the server says rating is open; it never learns who the experts are.
 */
import type { ApplicationExpertRatings } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Input, Rate, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';

export function ExpertRatingCard({ applicationId }: { applicationId: string }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const key = ['applications', applicationId, 'expert-ratings'];
  const ratings = useQuery({ queryKey: key, queryFn: () => api.get<ApplicationExpertRatings>(`/applications/${applicationId}/expert-ratings`), retry: false });
  const [draft, setDraft] = useState<Record<string, { score: number; comment: string }>>({});
  const [saving, setSaving] = useState<string | null>(null);
  if (!ratings.data?.open) return null;

  const rate = async (slot: string) => {
    const d = draft[slot];
    if (!d?.score) return void message.warning('请先选择评分');
    setSaving(slot);
    try {
      await api.post(`/applications/${applicationId}/expert-ratings`, { slot, score: d.score, comment: d.comment });
      void message.success('感谢评价');
      await ratings.refetch();
    } catch (error) {
      onError(error);
    } finally {
      setSaving(null);
    }
  };

  return (
    <Card size="small" title="评价评审专家" style={{ marginBottom: 12 }} data-testid="expert-rating-card">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        专家评审已结束。您可以对评审本申报书的每位专家的评审质量评价一次（1–5分）；专家身份保密，评价仅供科技局改进专家管理。
      </Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {ratings.data.slots.map((s) => (
          <Space key={s.slot} wrap align="center">
            <Typography.Text strong style={{ width: 64, display: 'inline-block' }}>{s.label}</Typography.Text>
            {s.score !== null ? (
              <>
                <Rate disabled value={s.score} aria-label={`${s.label}评分`} />
                <Typography.Text type="secondary">{s.comment || '已评价'}</Typography.Text>
              </>
            ) : (
              <>
                <Rate aria-label={`${s.label}评分`} value={draft[s.slot]?.score ?? 0} onChange={(score) => setDraft((d) => ({ ...d, [s.slot]: { score, comment: d[s.slot]?.comment ?? '' } }))} />
                <Input
                  aria-label={`${s.label}评语`}
                  placeholder="评语（选填）"
                  maxLength={500}
                  style={{ width: 320 }}
                  value={draft[s.slot]?.comment ?? ''}
                  onChange={(e) => setDraft((d) => ({ ...d, [s.slot]: { score: d[s.slot]?.score ?? 0, comment: e.target.value } }))}
                />
                <Button type="primary" size="small" loading={saving === s.slot} onClick={() => void rate(s.slot)}>
                  提交评价
                </Button>
              </>
            )}
          </Space>
        ))}
      </Space>
    </Card>
  );
}
