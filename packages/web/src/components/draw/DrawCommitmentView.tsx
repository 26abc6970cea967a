import { ratioPercent } from '@kechuang/domain';
/** A draw's commitment (承诺) and, once known, its sources' values, observer input and seed: shown alike to the public, the officer and the observer. */
import type { PublicDrawRecord } from '@kechuang/domain';
import { Descriptions, Grid, Tag, Typography } from 'antd';
import { formatDateTime } from '../../lib/time';

const Hash = ({ value }: { value: string | null | undefined }) =>
  value ? (
    <Typography.Text code copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
      {value}
    </Typography.Text>
  ) : (
    <Typography.Text type="secondary">—</Typography.Text>
  );

export const DRAW_STATUS: Record<PublicDrawRecord['status'], { label: string; color: string }> = {
  committed: { label: '已承诺，待抽取', color: 'blue' },
  drawn: { label: '已抽取', color: 'green' },
  cancelled: { label: '已撤销', color: 'default' },
};

export function DrawStatusTag({ status }: { status: PublicDrawRecord['status'] }) {
  return <Tag color={DRAW_STATUS[status].color}>{DRAW_STATUS[status].label}</Tag>;
}

export function DrawCommitmentView({ record, observerStatus }: { record: PublicDrawRecord; observerStatus?: string }) {
  const c = record.commitment;
  // Exact: the cap is a multiple of 1/65536, shown rounded half away from zero, never through a float.
  const pct = ratioPercent(c.capNumerator, 65536);
  // On a phone the labels go above their values, so the hashes get the whole width.
  const narrow = Grid.useBreakpoint().md === false;
  return (
    <Descriptions
      size="small"
      bordered
      layout={narrow ? 'vertical' : 'horizontal'}
      column={{ xs: 1, sm: 1, md: 2 }}
      styles={{ label: narrow ? {} : { width: 140 } }}
      items={[
        { key: 'status', label: '状态', children: <DrawStatusTag status={record.status} /> },
        { key: 'committedAt', label: '承诺时间', children: <>{formatDateTime(c.committedAt)}{c.note && <Tag color="orange" style={{ marginLeft: 8 }}>演示</Tag>}</> },
        { key: 'hash', label: '承诺哈希', span: 'filled', children: <Hash value={record.commitmentHash} /> },
        { key: 'algorithm', label: '算法版本', children: <Typography.Text code>{c.algorithm}</Typography.Text> },
        { key: 'k', label: '每份专家数', children: `${c.k} 位` },
        { key: 'loads', label: '每位专家评审量', children: `${c.loads.min}–${c.loads.max} 份` },
        { key: 'cap', label: '单对概率上限', children: `${c.cap.numerator}/${c.cap.denominator}（实际 ${c.capNumerator}/65536 ≈ ${pct}%）` },
        { key: 'size', label: '规模', children: `${c.applications} 份申报书 · ${c.experts} 位专家 · ${c.candidatePairs} 个候选配对（已回避）` },
        { key: 'inputHash', label: '输入哈希', span: 'filled', children: <Hash value={c.inputHash} /> },
        { key: 'poolHash', label: '回避后专家池哈希', span: 'filled', children: <Hash value={c.poolHash} /> },
        {
          key: 'sources',
          label: '随机来源（事先预告）',
          span: 'filled',
          children: (
            <ol style={{ margin: 0, paddingLeft: 20 }}>
              {c.sources.map((s, i) => (
                <li key={i}>
                  {s.description}
                  <Typography.Text type="secondary">（公布时间 {formatDateTime(s.publicAt)}）</Typography.Text>
                  {record.sourceValues?.[i] !== undefined && (
                    <>
                      ：<Typography.Text strong>{record.sourceValues[i]}</Typography.Text>
                    </>
                  )}
                </li>
              ))}
            </ol>
          ),
        },
        {
          key: 'observer',
          label: '纪检监督输入',
          span: 'filled',
          children: record.observer ? (
            <>
              <Typography.Text strong>{record.observer.input}</Typography.Text>
              <Typography.Text type="secondary">（录入于 {formatDateTime(record.observer.witnessedAt)}）</Typography.Text>
            </>
          ) : (
            (observerStatus ?? c.observerSlot)
          ),
        },
        ...(record.seed ? [{ key: 'seed', label: '随机种子', span: 'filled' as const, children: <Hash value={record.seed} /> }] : []),
        ...(record.drawnAt ? [{ key: 'drawnAt', label: '抽取时间', children: formatDateTime(record.drawnAt) }] : []),
        ...(record.record ? [{ key: 'result', label: '结果哈希', span: 'filled' as const, children: <Hash value={record.record.resultHash} /> }] : []),
        ...(record.cancelledAt ? [{ key: 'cancel', label: '撤销', span: 'filled' as const, children: `${formatDateTime(record.cancelledAt)}：${record.cancelReason ?? ''}` }] : []),
        ...(c.note ? [{ key: 'note', label: '说明', span: 'filled' as const, children: c.note }] : []),
      ]}
    />
  );
}
