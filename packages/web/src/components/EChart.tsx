/**
 * A small ECharts wrapper over echarts/core with only the charts this app draws, so a page that charts
 * pulls in a fraction of ECharts (and no CJS default import, which Vite 8 would break: STACK.md).
 */
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

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
  /** A click on a data item (e.g. an indicator's bar opens its detail). */
  onClick?: (e: ChartClick) => void;
}

export function EChart({ option, height = 240, style, ariaLabel, onClick }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  // The latest handler, read at click time, so a re-render never needs to re-bind the chart's listener.
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    if (!el.current) return;
    const instance = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (e) => click.current?.(e as unknown as ChartClick));
    // The container resizes with the layout (sider collapse, window), not only the window.
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
