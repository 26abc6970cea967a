/** A live countdown to a call's deadline (or to its opening while upcoming), ticking every second. */
import { ClockCircleOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import { useEffect, useState } from 'react';

const pad = (n: number) => String(n).padStart(2, '0');

/** 1,234,567 ms → '0天 00:20:34'. */
export function durationText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(s / 86_400);
  return `${days}天 ${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

export function CallCountdown({ opensAt, closesAt }: { opensAt: string; closesAt: string }) {
  const [now, setNow] = useState(() => Date.now());
  const opens = new Date(opensAt).getTime();
  const closes = new Date(closesAt).getTime();
  const ended = now >= closes;

  useEffect(() => {
    if (ended) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [ended]);

  if (ended) return <Typography.Text type="secondary">申报已截止</Typography.Text>;
  const upcoming = now < opens;
  return (
    <Space size={6} data-testid="call-countdown">
      <ClockCircleOutlined style={{ color: upcoming ? '#1677ff' : '#cf1322' }} />
      <Typography.Text>{upcoming ? '距申报开始还有' : '距申报截止还有'}</Typography.Text>
      <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums', color: upcoming ? undefined : '#cf1322' }}>
        {durationText((upcoming ? opens : closes) - now)}
      </Typography.Text>
    </Space>
  );
}
