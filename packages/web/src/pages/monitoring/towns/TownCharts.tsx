/** The two charts of an evaluation: total score by town (ranked), and each indicator's points stacked per town. */
import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { EChart, type EChartOption } from '../../../components/EChart';
import type { TownIndicator, TownScore } from './types';

/** Enough height for one readable bar per town. */
export const chartHeight = (towns: number) => Math.max(240, towns * 28 + 70);

const n = (s: string) => Number(s);
const pts = (v: unknown) => `${typeof v === 'number' ? v.toFixed(2) : String(v ?? '—')} 分`;
const pointsOf = (t: TownScore, code: string) => t.contributions.find((c) => c.indicatorCode === code)?.points ?? '0.00';

export function ScoreChart({ result }: { result: TownScore[] }) {
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: pts },
      grid: { left: 8, right: 56, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: '得分', max: 100, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: { type: 'category', inverse: true, data: result.map((t) => `${t.rank}. ${t.name}`), axisTick: { show: false } },
      series: [
        {
          name: '综合得分',
          type: 'bar',
          barMaxWidth: 18,
          data: result.map((t) => ({ value: n(t.score), itemStyle: { color: t.rank <= 3 ? '#fa8c16' : '#1677ff' } })),
          label: { show: true, position: 'right', formatter: (p: { value: number }) => p.value.toFixed(2) },
        },
      ],
    }),
    [result],
  );
  return <EChart option={option} height={chartHeight(result.length)} ariaLabel={`综合得分排名：${result.map((t) => `第${t.rank}名${t.name}${t.score}分`).join('；')}`} />;
}

export function ScoreTable({ result }: { result: TownScore[] }) {
  const columns: ColumnsType<TownScore> = [
    { title: '排名', dataIndex: 'rank', width: 70, sorter: (a, b) => a.rank - b.rank },
    { title: '镇街', dataIndex: 'name' },
    { title: '得分', dataIndex: 'score', align: 'right', sorter: (a, b) => n(a.score) - n(b.score) },
  ];
  return <Table rowKey="code" size="small" dataSource={result} columns={columns} pagination={false} scroll={{ y: chartHeight(result.length) - 40 }} />;
}

export function ContributionChart({ result, indicators }: { result: TownScore[]; indicators: TownIndicator[] }) {
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: pts },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: '得分', max: 100, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: { type: 'category', inverse: true, data: result.map((t) => t.name), axisTick: { show: false } },
      series: indicators.map((i) => ({
        name: `${i.name}（${i.weight}%）`,
        type: 'bar',
        stack: 'score',
        barMaxWidth: 18,
        emphasis: { focus: 'series' },
        data: result.map((t) => n(pointsOf(t, i.code))),
      })),
    }),
    [result, indicators],
  );
  return (
    <EChart
      option={option}
      height={chartHeight(result.length) + 16}
      ariaLabel={`各指标得分构成：${result.map((t) => `${t.name}：${indicators.map((i) => `${i.name}${pointsOf(t, i.code)}分`).join('，')}`).join('；')}`}
    />
  );
}

export function ContributionTable({ result, indicators }: { result: TownScore[]; indicators: TownIndicator[] }) {
  const columns: ColumnsType<TownScore> = [
    { title: '镇街', dataIndex: 'name', fixed: 'left', width: 120 },
    ...indicators.map((i) => ({
      title: (
        <span>
          {i.name}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            （满分{i.weight}）
          </Typography.Text>
        </span>
      ),
      key: i.code,
      align: 'right' as const,
      width: 150,
      sorter: (a: TownScore, b: TownScore) => n(pointsOf(a, i.code)) - n(pointsOf(b, i.code)),
      render: (_: unknown, t: TownScore) => pointsOf(t, i.code),
    })),
    { title: '合计', dataIndex: 'score', align: 'right', fixed: 'right', width: 90, sorter: (a, b) => n(a.score) - n(b.score) },
  ];
  return <Table rowKey="code" size="small" dataSource={result} columns={columns} pagination={false} scroll={{ x: 240 + indicators.length * 150, y: chartHeight(result.length) - 24 }} />;
}
