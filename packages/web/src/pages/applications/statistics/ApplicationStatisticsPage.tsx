/**
 * 申报统计: per call, the submitted applications and the fiscal funds they ask for, by category, field, region
 * and organisation type. The server counts (the domain's applicationStatistics); this page only draws.
 */
import { PageContainer, ProCard, StatisticCard } from '@ant-design/pro-components';
import { yuanToWan } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Empty, Row, Spin } from 'antd';
import { api } from '../../../api/client';
import type { ApplicationStatistics } from '../../../api/types';
import { EChart, type EChartOption } from '../../../components/EChart';
import { wanText } from '../../../lib/wan';
import { useChosenCall } from '../counts/ApplicationCountsPage';

type Bucket = ApplicationStatistics['byCategory'][number];

/** Bars of the count with the requested 万元 on a second axis. */
function barOption(buckets: readonly Bucket[], rotate = 0): EChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['申报数', '申请财政经费（万元）'], top: 0 },
    grid: { left: 48, right: 64, top: 36, bottom: rotate ? 64 : 28 },
    xAxis: { type: 'category', data: buckets.map((b) => b.label), axisLabel: { interval: 0, rotate } },
    yAxis: [
      { type: 'value', name: '项', minInterval: 1 },
      { type: 'value', name: '万元', splitLine: { show: false } },
    ],
    series: [
      { name: '申报数', type: 'bar', data: buckets.map((b) => b.count), barMaxWidth: 36 },
      { name: '申请财政经费（万元）', type: 'bar', yAxisIndex: 1, data: buckets.map((b) => yuanToWan(b.requestedFiscalYuan)), barMaxWidth: 36 },
    ],
  };
}

function pieOption(buckets: readonly Bucket[]): EChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 项（{d}%）' },
    legend: { orient: 'vertical', left: 0, top: 'middle' },
    series: [{ type: 'pie', radius: ['40%', '70%'], center: ['62%', '50%'], data: buckets.filter((b) => b.count > 0).map((b) => ({ name: b.label, value: b.count })), label: { formatter: '{b}\n{c} 项' } }],
  };
}

/** Region names come as full addresses of the organisation (浙江省宁波市北仑区): the last part is what differs. */
const shortRegion = (b: Bucket): Bucket => ({ ...b, label: b.label.replace(/^.*市(?=.)/, '') || b.label });

export default function ApplicationStatisticsPage() {
  const { callId, picker } = useChosenCall();
  const stats = useQuery({
    queryKey: ['applications', 'statistics', callId],
    enabled: !!callId,
    queryFn: ({ signal }) => api.get<ApplicationStatistics>('/applications/statistics', { callId }, signal),
  });
  const s = stats.data;

  return (
    <PageContainer title="申报统计" breadcrumbRender={false} content="已提交的申报书（不含草稿）按类别、领域、地区和单位性质统计，金额为申请的财政经费（市级与区级之和）。" extra={picker}>
      {stats.isLoading && <Spin />}
      {s && (
        <>
          {s.scope === 'own' && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="以下仅统计您可查看的申报书。" />}
          <StatisticCard.Group direction="row" style={{ marginBottom: 16 }}>
            <StatisticCard statistic={{ title: '已提交申报书', value: s.total.count, suffix: '项' }} />
            <StatisticCard statistic={{ title: '申请财政经费', value: wanText(s.total.requestedFiscalYuan) }} />
            <StatisticCard statistic={{ title: '涉及地区', value: s.byRegion.length, suffix: '个' }} />
          </StatisticCard.Group>
          {s.total.count === 0 ? (
            <ProCard variant="outlined">
              <Empty description="本指南还没有已提交的申报书" />
            </ProCard>
          ) : (
            <Row gutter={[16, 16]}>
              <Col span={12}>
                <ProCard title="按类别" variant="outlined">
                  <EChart ariaLabel={`按类别：${s.byCategory.map((b) => `${b.label}${b.count}项`).join('，')}`} option={barOption(s.byCategory)} height={260} />
                </ProCard>
              </Col>
              <Col span={12}>
                <ProCard title="按领域" variant="outlined">
                  <EChart ariaLabel={`按领域：${s.byField.map((b) => `${b.label}${b.count}项`).join('，')}`} option={barOption(s.byField)} height={260} />
                </ProCard>
              </Col>
              <Col span={12}>
                <ProCard title="按单位性质" variant="outlined">
                  <EChart ariaLabel={`按单位性质：${s.byOrganisationType.map((b) => `${b.label}${b.count}项`).join('，')}`} option={pieOption(s.byOrganisationType)} height={260} />
                </ProCard>
              </Col>
              <Col span={12}>
                <ProCard title="按地区" variant="outlined">
                  <EChart ariaLabel={`按地区：${s.byRegion.map((b) => `${b.label}${b.count}项`).join('，')}`} option={barOption(s.byRegion.map(shortRegion), s.byRegion.length > 5 ? 30 : 0)} height={260} />
                </ProCard>
              </Col>
            </Row>
          )}
        </>
      )}
    </PageContainer>
  );
}
