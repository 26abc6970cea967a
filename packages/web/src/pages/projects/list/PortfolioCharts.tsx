/**
 * The portfolio's charts (bureau only): projects by stage, by year, by programme and by field, and disbursement
 * against commitment per programme-year — all from `GET /api/projects/dashboard` with the table's filters, so the
 * charts and the list always describe the same projects. Amounts arrive as integer 元 and are shown in 万元.
 */
import { formatWan, yuanToWan, type PortfolioDashboard } from '@kechuang/domain';
import { Alert, Card, Col, Row, Skeleton, Statistic } from 'antd';
import { useMemo } from 'react';
import { EChart, type EChartOption } from '../../../components/EChart';

const BLUE = '#1677ff';
const GREEN = '#52c41a';
const ORANGE = '#fa8c16';
const GREY = '#bfbfbf';

const countTip = { valueFormatter: (v: number) => `${v} 项` };
const wanTip = { valueFormatter: (v: number) => `${v} 万元` };

function ChartCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card size="small" title={title} styles={{ body: { padding: 8 } }}>
      {children}
    </Card>
  );
}

export function PortfolioCharts({ data, loading, error }: { data: PortfolioDashboard | undefined; loading: boolean; error: string | null }) {
  const options = useMemo(() => {
    if (!data) return null;
    const states = data.byState.filter((s) => s.count > 0);
    const stage: EChartOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: states.map((s) => s.label), axisLabel: { fontSize: 11 } },
      series: [{ name: '项目数', type: 'bar', barMaxWidth: 14, itemStyle: { color: BLUE }, data: states.map((s) => s.count), tooltip: countTip, label: { show: true, position: 'right', fontSize: 11 } }],
    };
    const year: EChartOption = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.byYear.map((y) => `${y.year}`) },
      yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', splitLine: { show: false } }],
      series: [
        { name: '立项数（项）', type: 'bar', barMaxWidth: 18, itemStyle: { color: BLUE }, data: data.byYear.map((y) => y.count), tooltip: countTip },
        { name: '立项金额（万元）', type: 'bar', barMaxWidth: 18, yAxisIndex: 1, itemStyle: { color: ORANGE }, data: data.byYear.map((y) => yuanToWan(y.approvedYuan)), tooltip: wanTip },
      ],
    };
    const programme: EChartOption = {
      tooltip: { trigger: 'item', valueFormatter: (v: number) => `${v} 项` },
      legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle', textStyle: { fontSize: 11 } },
      series: [{ name: '按计划', type: 'pie', radius: ['40%', '70%'], center: ['30%', '50%'], label: { show: false }, data: data.byProgramme.map((p) => ({ name: p.name, value: p.count })) }],
    };
    const fields = [...data.byField].sort((a, b) => b.count - a.count).slice(0, 8);
    const field: EChartOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: fields.map((f) => f.name), axisLabel: { fontSize: 11, width: 72, overflow: 'truncate' } },
      series: [{ name: '项目数', type: 'bar', barMaxWidth: 14, itemStyle: { color: '#13c2c2' }, data: fields.map((f) => f.count), tooltip: countTip }],
    };
    const py = data.byProgrammeYear;
    const money: EChartOption = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: py.map((r) => `${r.name.slice(0, 6)} ${r.year}`), axisLabel: { fontSize: 10, interval: 0, rotate: py.length > 4 ? 30 : 0 } },
      yAxis: { type: 'value' },
      series: [
        { name: '承诺（扣除收回）', type: 'bar', barMaxWidth: 16, itemStyle: { color: GREY }, data: py.map((r) => yuanToWan(r.committedYuan - r.releasedYuan)), tooltip: wanTip },
        { name: '已拨付', type: 'bar', barMaxWidth: 16, itemStyle: { color: GREEN }, data: py.map((r) => yuanToWan(r.disbursedYuan)), tooltip: wanTip },
        { name: '已退回', type: 'bar', barMaxWidth: 16, itemStyle: { color: ORANGE }, data: py.map((r) => yuanToWan(r.repaidYuan)), tooltip: wanTip },
      ],
    };
    return { stage, year, programme, field, money };
  }, [data]);

  if (error) return <Alert type="error" showIcon title="项目统计加载失败" description={error} style={{ marginBottom: 16 }} />;
  if (!data || !options) return <Card style={{ marginBottom: 16 }}>{loading ? <Skeleton active paragraph={{ rows: 6 }} /> : null}</Card>;
  const t = data.total;
  return (
    <div style={{ marginBottom: 16 }} aria-busy={loading}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row gutter={16}>
          <Col span={4}><Statistic title="项目数" value={t.count} suffix="项" /></Col>
          <Col span={5}><Statistic title="立项金额" value={formatWan(t.approvedYuan)} /></Col>
          <Col span={5}><Statistic title="已拨付" value={formatWan(t.disbursedYuan)} /></Col>
          <Col span={5}><Statistic title="待拨付" value={formatWan(t.undisbursedYuan)} /></Col>
          <Col span={5}><Statistic title={<span title="已拨付 ÷（承诺 − 收回）">拨付进度</span>} value={t.disbursedShare === null ? '—' : `${t.disbursedShare}%`} /></Col>
        </Row>
      </Card>
      <Row gutter={[12, 12]}>
        <Col span={8}>
          <ChartCard title="按阶段">
            <EChart option={options.stage} height={200} ariaLabel={`按阶段：${data.byState.filter((s) => s.count > 0).map((s) => `${s.label}${s.count}项`).join('，')}`} />
          </ChartCard>
        </Col>
        <Col span={8}>
          <ChartCard title="按年度">
            <EChart option={options.year} height={200} ariaLabel={`按年度：${data.byYear.map((y) => `${y.year}年${y.count}项`).join('，')}`} />
          </ChartCard>
        </Col>
        <Col span={8}>
          <ChartCard title="拨付与承诺（万元，按计划年度）">
            <EChart option={options.money} height={200} ariaLabel={`拨付与承诺：${data.byProgrammeYear.map((r) => `${r.name}${r.year}年承诺${formatWan(r.committedYuan - r.releasedYuan)}、已拨付${formatWan(r.disbursedYuan)}`).join('；')}`} />
          </ChartCard>
        </Col>
        <Col span={12}>
          <ChartCard title="按计划">
            <EChart option={options.programme} height={170} ariaLabel={`按计划：${data.byProgramme.map((p) => `${p.name}${p.count}项`).join('，')}`} />
          </ChartCard>
        </Col>
        <Col span={12}>
          <ChartCard title="按领域（项目数前8）">
            <EChart option={options.field} height={170} ariaLabel={`按领域：${data.byField.map((f) => `${f.name}${f.count}项`).join('，')}`} />
          </ChartCard>
        </Col>
      </Row>
    </div>
  );
}
