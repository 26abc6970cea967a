/**
 * The monitoring charts: components/EChart plus the parts trends need (lines, scatter for the target marker, mark
 * lines). echarts/core is one registry, so registering here keeps lines and scatter out of every other page's bundle.
 */
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { EChart } from '../../../components/EChart';

echarts.use([BarChart, PieChart, LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, MarkPointComponent, CanvasRenderer]);

export type { ChartClick, EChartOption } from '../../../components/EChart';

/** The app's chart component; this module only adds the series and components the monitoring pages draw. */
export const MonChart = EChart;
