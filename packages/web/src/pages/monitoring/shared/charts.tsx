/**
 * The monitoring charts: an ECharts wrapper like components/EChart, plus click events (an indicator's bar opens
 * its detail) and the parts trends need (lines, scatter for the target marker, mark lines). echarts/core is
 * one registry, so registering here keeps lines and scatter out of every other page's bundle.
 */
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';

echarts.use([BarChart, PieChart, LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, MarkPointComponent, CanvasRenderer]);

export type EChartOption = echarts.EChartsCoreOption;

export interface ChartClick {
  dataIndex: number;
  seriesIndex?: number;
  name: string;
  data: unknown;
}

interface Props {
  option: EChartOption;
  height?: number;
  style?: CSSProperties;
  /** Read by screen readers, since the canvas itself says nothing. */
  ariaLabel: string;
  onClick?: (e: ChartClick) => void;
}

export function MonChart({ option, height = 260, style, ariaLabel, onClick }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    if (!el.current) return;
    const instance = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (e) => click.current?.(e as unknown as ChartClick));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={el} role="img" aria-label={ariaLabel} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined, ...style }} />;
}
