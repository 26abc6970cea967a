/** The officer's indicator form: base and target, direction, core flag, responsible units (lead first), frequency, source, definition. */
import { DrawerForm, ProFormDigit, ProFormSelect, ProFormSwitch, ProFormText, ProFormTextArea, ProForm } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Row, Select, Tag, Typography } from 'antd';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { MonIndicator } from '../../../api/types';
import { useUnits } from '../shared/api';
import { FREQUENCY_LABELS, optionsOf } from '../shared/labels';

interface Values {
  base: { year: number; value?: string };
  target: { year: number; value?: string };
  direction: MonIndicator['direction'];
  core: boolean;
  responsibleUnits: string[];
  frequency: MonIndicator['frequency'];
  dataSource: string;
  definition: string;
}

const DECIMAL = /^-?\d+(\.\d{1,6})?$/;
const decimalRule = (what: string) => ({
  validator: async (_: unknown, v: unknown) => {
    if (v === undefined || v === null || String(v).trim() === '') return;
    if (!DECIMAL.test(String(v).trim())) throw new Error(`${what}须为数字（最多6位小数），缺失请留空`);
  },
});

interface Props {
  indicator: MonIndicator | null;
  onClose: () => void;
}

export function IndicatorEditDrawer({ indicator, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const units = useUnits();
  const unitName = new Map((units.data ?? []).map((u) => [u.code, u.name]));
  const selected = Form.useWatch('responsibleUnits', form) ?? [];

  return (
    <DrawerForm<Values>
      key={indicator?.id}
      form={form}
      title={indicator ? `编辑指标：${indicator.name}` : '编辑指标'}
      open={!!indicator}
      width={640}
      drawerProps={{ destroyOnHidden: true, onClose }}
      onOpenChange={(open) => !open && onClose()}
      initialValues={
        indicator
          ? {
              base: { year: indicator.base.year, value: indicator.base.value ?? undefined },
              target: { year: indicator.target.year, value: indicator.target.value ?? undefined },
              direction: indicator.direction,
              core: indicator.core,
              responsibleUnits: indicator.responsibleUnits.map((u) => u.code),
              frequency: indicator.frequency,
              dataSource: indicator.dataSource,
              definition: indicator.definition,
            }
          : undefined
      }
      submitter={{ searchConfig: { submitText: '保存', resetText: '取消' } }}
      onFinish={async (v) => {
        if (!indicator) return false;
        const blank = (s?: string) => (s === undefined || s === null || String(s).trim() === '' ? null : String(s).trim());
        try {
          await api.patch<MonIndicator>(`/monitoring/indicators/${encodeURIComponent(indicator.id)}`, {
            base: { year: v.base.year, value: blank(v.base.value) },
            target: { year: v.target.year, value: blank(v.target.value) },
            direction: v.direction,
            core: v.core,
            responsibleUnits: v.responsibleUnits,
            frequency: v.frequency,
            dataSource: v.dataSource ?? '',
            definition: v.definition ?? '',
          });
          void message.success('指标已保存');
          await queryClient.invalidateQueries({ queryKey: ['monitoring'] });
          onClose();
          return true;
        } catch (error) {
          onError(error, form);
          return false;
        }
      }}
    >
      {indicator && (
        <Typography.Paragraph type="secondary">
          单位：{indicator.unit}；{indicator.targetKind === 'growth' ? '目标为年均增长率（%），填报值仍为指标本身的数值。' : '目标为目标年度应达到的数值。'}数值缺失（原文为“-”）时留空。
        </Typography.Paragraph>
      )}
      <Row gutter={16}>
        <Col span={8}>
          <ProFormDigit name={['base', 'year']} label="基数年度" min={1990} max={2100} fieldProps={{ precision: 0 }} rules={[{ required: true, message: '请填写基数年度' }]} />
        </Col>
        <Col span={16}>
          <ProFormText name={['base', 'value']} label={`基数（${indicator?.unit ?? ''}）`} placeholder="缺失请留空" rules={[decimalRule('基数')]} />
        </Col>
        <Col span={8}>
          <ProFormDigit name={['target', 'year']} label="目标年度" min={1990} max={2100} fieldProps={{ precision: 0 }} rules={[{ required: true, message: '请填写目标年度' }]} />
        </Col>
        <Col span={16}>
          <ProFormText
            name={['target', 'value']}
            label={indicator?.targetKind === 'growth' ? '目标（年均增长 %）' : `目标（${indicator?.unit ?? ''}）`}
            placeholder="缺失请留空"
            rules={[decimalRule('目标')]}
          />
        </Col>
        <Col span={8}>
          <ProFormSelect
            name="direction"
            label="方向"
            allowClear={false}
            options={[
              { value: 'higher', label: '正向（越高越好）' },
              { value: 'lower', label: '逆向（越低越好）' },
            ]}
            rules={[{ required: true }]}
          />
        </Col>
        <Col span={8}>
          <ProFormSelect name="frequency" label="填报频率" allowClear={false} options={optionsOf(FREQUENCY_LABELS)} rules={[{ required: true }]} />
        </Col>
        <Col span={8}>
          <ProFormSwitch name="core" label="核心指标" />
        </Col>
      </Row>
      <ProForm.Item
        name="responsibleUnits"
        label="责任单位"
        tooltip="按选择顺序排列，第一个为牵头单位"
        extra="按选择顺序排列，第一个为牵头单位；调整牵头单位请先移除再按顺序重新选择。"
        rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个责任单位（第一个为牵头单位）' }]}
      >
        <Select
          mode="multiple"
          loading={units.isPending}
          placeholder="选择责任单位"
          optionFilterProp="label"
          options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
          tagRender={({ value, closable, onClose: close }) => {
            const lead = selected[0] === value;
            return (
              <Tag color={lead ? 'blue' : undefined} closable={closable} onClose={close} style={{ marginInlineEnd: 4 }}>
                {lead ? '牵头 · ' : ''}
                {unitName.get(String(value)) ?? String(value)}
              </Tag>
            );
          }}
        />
      </ProForm.Item>
      <ProFormText name="dataSource" label="数据来源" placeholder="如：市统计局年度统计公报" fieldProps={{ maxLength: 200 }} />
      <ProFormTextArea name="definition" label="指标定义" fieldProps={{ autoSize: { minRows: 3, maxRows: 8 }, maxLength: 2000, showCount: true }} />
      {indicator?.note && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          来源说明（不可修改）：{indicator.note}
        </Typography.Paragraph>
      )}
    </DrawerForm>
  );
}
