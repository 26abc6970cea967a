/** 课题 (NB-8) of a special-project call: each with lead unit, leader, goals and its own budget grid; the project's totals are their sum. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { budgetTotals, formatWan, projectBudget } from '@kechuang/domain';
import { Button, Card, Col, Form, Row, Space, Typography } from 'antd';
import { fieldId, type Content, type Reason } from '../model';
import { BudgetLinesGrid } from './BudgetGrid';
import { setAt, TextCell } from './cells';
import { ReasonAlerts } from './ReasonAlerts';

type Topic = NonNullable<Content['topics']>[number];

export function TopicsPart({ content, setContent, disabled, reasons }: { content: Content; setContent: (u: (c: Content) => Content) => void; disabled: boolean; reasons: readonly Reason[] }) {
  const topics = content.topics ?? [];
  const setTopics = (next: Topic[]) => setContent((c) => ({ ...c, topics: next }));
  const text = (i: number, key: 'code' | 'title' | 'leadUnitName' | 'leadCreditCode' | 'leaderName' | 'goals', label: string, max: number, span: number, textarea = false) => (
    <Col span={span}>
      <Form.Item label={label} required htmlFor={fieldId(`topics.${i}.${key}`)}>
        <TextCell textarea={textarea} path={`topics.${i}.${key}`} label={`课题${i + 1}${label}`} value={topics[i]?.[key]} maxLength={max} disabled={disabled} onChange={(v) => setTopics(setAt(topics, i, { [key]: key === 'leadCreditCode' ? v.trim().toUpperCase() : v }))} />
      </Form.Item>
    </Col>
  );
  const total = projectBudget(content);
  return (
    <div id={fieldId('topics')} tabIndex={-1}>
      <ReasonAlerts reasons={reasons} field="topics" />
      <Typography.Paragraph>
        项目预算合计（各课题之和）：<Typography.Text strong>{formatWan(total.totalYuan)}</Typography.Text>，其中财政经费 {formatWan(total.fiscalYuan)}
      </Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        {topics.map((t, i) => (
          <Card
            key={i}
            size="small"
            title={`课题${i + 1}${t.title ? `：${t.title}` : ''}`}
            extra={
              <Space>
                <Typography.Text type="secondary">预算 {formatWan(budgetTotals(t.budget ?? []).totalYuan)}</Typography.Text>
                {!disabled ? <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除课题${i + 1}`} onClick={() => setTopics(topics.filter((_x, k) => k !== i))} /> : null}
              </Space>
            }
          >
            <Form layout="vertical" component="div">
              <Row gutter={12}>
                {text(i, 'code', '课题编号', 20, 4)}
                {text(i, 'title', '课题名称', 100, 10)}
                {text(i, 'leaderName', '课题负责人', 50, 10)}
                {text(i, 'leadUnitName', '承担单位', 100, 12)}
                {text(i, 'leadCreditCode', '承担单位统一社会信用代码', 30, 12)}
                {text(i, 'goals', '课题目标', 2000, 24, true)}
              </Row>
            </Form>
            <BudgetLinesGrid path={`topics.${i}.budget`} lines={t.budget ?? []} disabled={disabled} onChange={(lines) => setTopics(setAt(topics, i, { budget: lines }))} />
          </Card>
        ))}
      </Space>
      {!disabled && topics.length < 30 ? (
        <Button type="dashed" block icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => setTopics([...topics, { code: String(topics.length + 1), budget: [] }])}>
          添加课题
        </Button>
      ) : null}
    </div>
  );
}
