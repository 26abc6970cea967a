/** The answer of a funding quote: the amounts, whether the project is eligible and why, and every rule applied. */
import { formatWan, yuanToWan } from '@kechuang/domain';
import { Alert, Card, Col, Descriptions, Flex, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { FundingQuoteResponse } from '../../../api/programmes';
import { EChart, type EChartOption } from '../../../components/EChart';

const RuleTag = ({ rule }: { rule: string }) => (
  <Tag color={rule === 'INPUT' ? 'orange' : 'blue'} style={{ fontFamily: 'monospace' }}>
    {rule === 'INPUT' ? '输入' : rule}
  </Tag>
);

/** The rule's sentence without its leading ID, which the tag already shows. */
const ruleText = (rule: string, text: string) => (text.startsWith(`${rule} `) ? text.slice(rule.length + 1) : text);

export function QuoteResult({ quote, stale }: { quote: FundingQuoteResponse; stale: boolean }) {
  const total = quote.subsidy + quote.selfRaised;
  const pie = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: (p: { name: string; value: number; percent: number }) => `${p.name}：${p.value}万元（${p.percent}%）` },
      legend: { bottom: 0 },
      color: ['#1677ff', '#95de64'],
      series: [
        {
          type: 'pie',
          radius: ['45%', '72%'],
          center: ['50%', '45%'],
          label: { position: 'inside', formatter: '{d}%', color: '#fff', fontWeight: 600 },
          data: [
            { name: '财政补助', value: yuanToWan(quote.subsidy) },
            { name: '单位自筹', value: yuanToWan(quote.selfRaised) },
          ],
        },
      ],
    }),
    [quote.subsidy, quote.selfRaised],
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', opacity: stale ? 0.6 : 1 }} data-testid="quote-result">
      {stale && <Alert type="warning" showIcon title="项目信息已修改，以下为修改前的测算结果，请重新点击“开始测算”" />}
      {quote.eligible ? (
        <Alert type="success" showIcon title="按测算，项目符合所选类别的资助条件" />
      ) : (
        <Alert
          type="error"
          showIcon
          title={`发现 ${quote.problems.length} 个问题，项目暂不符合资助条件`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 0, listStyle: 'none' }}>
              {quote.problems.map((p, i) => (
                <li key={i} style={{ marginTop: 4 }}>
                  <RuleTag rule={p.rule} />
                  {p.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Card title="测算结果">
        <Row gutter={[16, 16]} align="middle">
          <Col xs={24} md={12}>
            <Flex vertical gap={16}>
              <div data-testid="quote-subsidy">
                <Statistic title="财政补助" value={`${formatWan(quote.subsidy)}元`} styles={{ content: { color: '#1677ff' } }} />
              </div>
              <div data-testid="quote-self-raised">
                <Statistic title="单位自筹" value={`${formatWan(quote.selfRaised)}元`} />
              </div>
              <Typography.Text type="secondary">研发总投入 {formatWan(total)}元</Typography.Text>
            </Flex>
          </Col>
          <Col xs={24} md={12}>
            {total > 0 && <EChart option={pie} height={220} ariaLabel={`财政补助${formatWan(quote.subsidy)}元，单位自筹${formatWan(quote.selfRaised)}元`} />}
          </Col>
        </Row>
      </Card>
      <Card title="所用规则">
        <ol style={{ margin: 0, paddingInlineStart: 24 }} data-testid="quote-rules">
          {quote.applied.map((a, i) => (
            <li key={i} style={{ marginBottom: 8 }}>
              <RuleTag rule={a.rule} />
              {ruleText(a.rule, a.text)}
            </li>
          ))}
        </ol>
      </Card>
      <Card title="政策依据" size="small">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'programme', label: '计划', children: quote.programme.name },
            { key: 'version', label: '政策版本', children: quote.version.version },
            { key: 'doc', label: '文号', children: quote.version.documentNo },
            { key: 'effective', label: '生效日期', children: quote.version.effectiveFrom },
          ]}
        />
      </Card>
    </Space>
  );
}
