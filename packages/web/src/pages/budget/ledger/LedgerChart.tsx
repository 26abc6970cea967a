/** The year's money at a glance: budget, committed, disbursed, returned and available, in 万元. */
import { formatWan, yuanToWan } from '@kechuang/domain';
import { useMemo } from 'react';
import type { BudgetLedgerView } from '../../../api/programmes';
import { EChart, type EChartOption } from '../../../components/EChart';

export function LedgerChart({ ledger }: { ledger: BudgetLedgerView }) {
  const bars = useMemo(
    () => [
      { name: '年度预算', yuan: ledger.budgetYuan, color: '#1677ff' },
      { name: '已承诺', yuan: ledger.committedYuan, color: '#fa8c16' },
      { name: '已拨付', yuan: ledger.disbursedYuan, color: '#52c41a' },
      { name: '已收回', yuan: ledger.returnedYuan, color: '#722ed1' },
      { name: '可用', yuan: ledger.availableYuan, color: '#13c2c2' },
    ],
    [ledger],
  );
  const option = useMemo<EChartOption>(
    () => ({
      grid: { left: 80, right: 80, top: 8, bottom: 8 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v}万元` },
      xAxis: { type: 'value', axisLabel: { formatter: '{value}万' } },
      yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.name) },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          data: bars.map((b) => ({ value: yuanToWan(b.yuan), itemStyle: { color: b.color } })),
          label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => formatWan(bars[p.dataIndex]?.yuan ?? 0) },
        },
      ],
    }),
    [bars],
  );
  return <EChart option={option} height={220} ariaLabel={bars.map((b) => `${b.name}${formatWan(b.yuan)}元`).join('，')} />;
}
