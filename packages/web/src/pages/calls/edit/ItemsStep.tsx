/** ③ 指南条目: the list of topics (榜单 under 揭榜挂帅, with the bounty in 万元). */
import { ProFormList, ProFormSelect, ProFormText, ProFormTextArea } from '@ant-design/pro-components';
import { guidelineItemSchema, type FieldRule } from '@kechuang/domain';
import { Alert, Card, Col, Row } from 'antd';
import { zodRules } from '../../../lib/rules';
import { ProFormWan, wanRules } from '../../../lib/wan';

const s = guidelineItemSchema.shape;

export function ItemsStep({ fields, challenge }: { fields: FieldRule[]; challenge: boolean }) {
  return (
    <>
      <Col span={24}>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={challenge ? '揭榜挂帅：每个条目即一张榜单，请填写揭榜金额（万元）' : '指南条目为选填：不列条目时，申报人在所选类别和领域内自由申报'}
        />
      </Col>
      <ProFormList
        name="guidelineItems"
        colProps={{ span: 24 }}
        creatorButtonProps={{ creatorButtonText: '添加指南条目' }}
        copyIconProps={false}
        deleteIconProps={{ tooltipText: '删除此条目' }}
        itemRender={({ listDom, action }, { index }) => (
          <Card size="small" title={`条目 ${index + 1}`} extra={action} style={{ marginBottom: 12 }} styles={{ body: { paddingBottom: 0 } }}>
            {listDom}
          </Card>
        )}
        // ListItem puts no Row around a row's fields: without one their grid columns stack.
        itemContainerRender={(doms) => <Row gutter={16}>{doms}</Row>}
      >
        <ProFormText name="code" label="条目编号" colProps={{ span: 6 }} rules={zodRules(s.code, '请填写条目编号')} placeholder="如 2026-01" />
        <ProFormText name="title" label="条目名称" colProps={{ span: challenge ? 10 : 12 }} rules={zodRules(s.title, '请填写条目名称')} />
        <ProFormSelect
          name="fieldCode"
          label="所属领域"
          colProps={{ span: challenge ? 4 : 6 }}
          placeholder="不限"
          allowClear
          options={fields.map((f) => ({ value: f.code, label: f.name }))}
          extra={fields.length ? undefined : '上一步未选领域'}
          rules={[
            {
              validator: async (_r, v: string | null | undefined) => {
                if (v && !fields.some((f) => f.code === v)) throw new Error('该领域未在上一步选中，请重新选择');
              },
            },
          ]}
        />
        {challenge && <ProFormWan name="bounty" label="揭榜金额" span={4} rules={wanRules('揭榜金额', { required: '请填写揭榜金额（万元）', positive: true })} />}
        <ProFormTextArea name="description" label="条目说明" colProps={{ span: 24 }} fieldProps={{ rows: 2, maxLength: 5000 }} placeholder="攻关目标、考核指标等（选填）" />
      </ProFormList>
    </>
  );
}
