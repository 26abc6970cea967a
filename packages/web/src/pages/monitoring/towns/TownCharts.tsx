/** The two charts of an evaluation: total score by town (ranked), and each indicator's points stacked per town. */
import { decimalFromNumber, formatDecimal } from '@kechuang/domain';
import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useRef, useState } from 'react';
import { EChart, type EChartOption } from '../../../components/EChart';
import type { TownIndicator, TownScore } from './types';

/** Enough height for one readable bar per town. */
export const chartHeight = (towns: number) => Math.max(240, towns * 28 + 70);

const n = (s: string) => Number(s);
// Chart values are numbers; the label goes back through the domain's decimals so it rounds like every other figure.
const pts = (v: unknown) => `${typeof v === 'number' && Number.isFinite(v) ? formatDecimal(decimalFromNumber(v), 2) : String(v ?? '—')} 分`;
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
          label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => formatDecimal(result[p.dataIndex]?.score ?? '0', 2) },
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

const legendName = (i: TownIndicator) => `${i.name}（${i.weight}%）`;

/**
 * Rows the wrapping legend takes at this width (12 px glyphs, icon and gap ≈ 45 px an item, ECharts wraps whole
 * items), so the bars start below it on a phone as on a desktop.
 */
function legendRows(indicators: TownIndicator[], width: number): number {
  const usable = Math.max(120, width - 20);
  let rows = 1;
  let line = 0;
  for (const i of indicators) {
    const w = Math.min(usable, legendName(i).length * 12 + 45);
    if (line > 0 && line + w > usable) {
      rows += 1;
      line = 0;
    }
    line += w;
  }
  return rows;
}

/** The element's width, kept current as the layout changes. */
function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(600);
  useEffect(() => {
    if (!ref.current) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

export function ContributionChart({ result, indicators }: { result: TownScore[]; indicators: TownIndicator[] }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const rows = legendRows(indicators, width);
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: pts },
      legend: { top: 0, type: 'plain' },
      grid: { left: 8, right: 24, top: 16 + rows * 24, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: '得分', max: 100, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: { type: 'category', inverse: true, data: result.map((t) => t.name), axisTick: { show: false } },
      series: indicators.map((i) => ({
        name: legendName(i),
        type: 'bar',
        stack: 'score',
        barMaxWidth: 18,
        emphasis: { focus: 'series' },
        data: result.map((t) => n(pointsOf(t, i.code))),
      })),
    }),
    [result, indicators, rows],
  );
  return (
    <div ref={ref}>
      <EChart
        option={option}
        height={chartHeight(result.length) + rows * 24}
        ariaLabel={`各指标得分构成：${result.map((t) => `${t.name}：${indicators.map((i) => `${i.name}${pointsOf(t, i.code)}分`).join('，')}`).join('；')}`}
      />
    </div>
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
