/**
 * Amounts are entered and shown in 万元 and sent as integer 元. The input keeps what was typed as a string
 * (stringMode), so 12.3456万 reaches parseWan exactly and a fifth decimal is refused, never rounded away.
 */
import { ProForm } from '@ant-design/pro-components';
import { formatWan, parseWan, yuanToWan } from '@kechuang/domain';
import type { Rule } from 'antd/es/form';
import { Col, InputNumber, type InputNumberProps } from 'antd';
import type { ReactNode } from 'react';

/** A 万元 input: no spinner, "万元" after the figure, the value a string. */
export function WanInput(props: Omit<InputNumberProps<string>, 'stringMode'>) {
  // No `min`: an out-of-range figure would be dropped silently, while the rules say why it is refused.
  return <InputNumber<string> controls={false} suffix="万元" placeholder="0" style={{ width: '100%' }} {...props} stringMode />;
}

interface WanFieldProps {
  name: string;
  label: ReactNode;
  rules?: Rule[];
  tooltip?: string;
  extra?: ReactNode;
  placeholder?: string;
  /** Inside a grid form: the column span. */
  span?: number;
}

/**
 * A form field for a 万元 amount. ProForm.Item, not antd's Form.Item, so that inside a ProFormList its name
 * gets the row prefix like every other ProForm field.
 */
export function ProFormWan({ name, label, rules, tooltip, extra, placeholder, span }: WanFieldProps) {
  const item = (
    <ProForm.Item name={name} label={label} rules={rules} tooltip={tooltip} extra={extra}>
      <WanInput placeholder={placeholder} />
    </ProForm.Item>
  );
  return span === undefined ? item : <Col span={span}>{item}</Col>;
}

const isBlank = (v: unknown) => v === undefined || v === null || String(v).trim() === '';

interface WanRuleOptions {
  /** Shown when empty; omit for an optional amount. */
  required?: string;
  /** Refuse 0 as well as negatives. */
  positive?: boolean;
}

/** Required (optionally), a valid 万元 figure with at most 4 decimals, not negative (or > 0). */
export function wanRules(what: string, { required, positive = false }: WanRuleOptions = {}): Rule[] {
  const rules: Rule[] = [];
  if (required) rules.push({ required: true, message: required });
  rules.push({
    validator: async (_rule, value: unknown) => {
      if (isBlank(value)) return;
      const r = parseWan(String(value));
      if (!r.ok) throw new Error(`${what}：${r.message}`);
      if (r.yuan < 0) throw new Error(`${what}不能为负数`);
      if (positive && r.yuan === 0) throw new Error(`${what}须大于0`);
    },
  });
  return rules;
}

/** A validated 万元 value → integer 元 (call after the form's rules passed); blank → undefined. */
export function wanValueToYuan(value: unknown): number | undefined {
  if (isBlank(value)) return undefined;
  const r = parseWan(String(value));
  if (!r.ok) throw new RangeError(r.message);
  return r.yuan;
}

/** Integer 元 → the string a WanInput shows ('12.3456'); null stays empty. */
export function yuanToWanValue(yuan: number | null | undefined): string | undefined {
  return yuan === null || yuan === undefined ? undefined : String(yuanToWan(yuan));
}

/** '500万元'; '—' for no amount. */
export function wanText(yuan: number | null | undefined): string {
  return yuan === null || yuan === undefined ? '—' : `${formatWan(yuan)}元`;
}
