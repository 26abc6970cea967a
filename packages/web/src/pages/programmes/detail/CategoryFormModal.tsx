/**
 * 新增类别 / 编辑类别 of one version: ratio in %, amounts in 万元, and who may lead. An unchanged ratio is sent
 * back exactly as it was (1/3 is not 33.33%).
 */
import { ModalForm, ProFormDigit, ProFormSelect, ProFormSwitch, ProFormText, ProFormTextArea } from '@ant-design/pro-components';
import {
  categoryRuleSchema,
  ENTERPRISE_TIER_LABELS,
  ENTERPRISE_TIERS,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  parseWan,
  type CategoryRule,
  type EnterpriseTier,
  type OrganisationType,
  type Ratio,
} from '@kechuang/domain';
import { App, Col, Form, InputNumber } from 'antd';
import { useEffect } from 'react';
import { api } from '../../../api/client';
import type { ProgrammeVersion } from '../../../api/programmes';
import { zodRules } from '../../../lib/rules';
import { ProFormWan, WanInput, wanRules, wanValueToYuan, yuanToWanValue } from '../../../lib/wan';
import { useVersionErrorHandler } from './version-errors';

interface Values {
  code: string;
  name: string;
  description?: string;
  ratioPercent?: string;
  cap?: string;
  min?: string;
  minMatchingMultiple?: number | null;
  maxDurationMonths?: number | null;
  leadOrganisationTypes: OrganisationType[];
  leadTiers: EnterpriseTier[];
  industrialisationOriented: boolean;
}

interface Props {
  code: string;
  version: ProgrammeVersion;
  /** The category edited, or null to add one. */
  category: CategoryRule | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved: (version: ProgrammeVersion) => void;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** 3/10 → '30'; 1/3 → '33.3333' (shown rounded; sent back unchanged unless edited). */
function ratioToPercent(r: Ratio | null): string | undefined {
  if (!r) return undefined;
  const p = (r.num * 100) / r.den;
  return Number.isInteger(p * 10_000) ? String(p) : p.toFixed(4);
}

/** '30' → 3/10, '12.5' → 1/8: the percentage read exactly through the 万元 parser's decimal arithmetic. */
function percentToRatio(text: string | undefined): Ratio | null {
  if (text === undefined || text === null || String(text).trim() === '') return null;
  const r = parseWan(String(text)); // percent × 10000 as an integer, exact to 4 decimals
  if (!r.ok) return null;
  const num = r.yuan;
  const den = 1_000_000;
  const g = gcd(num, den) || 1;
  return { num: num / g, den: den / g };
}

const s = categoryRuleSchema.shape;
/** Server field paths → this form's names (amounts are typed in 万元 under other names). */
const CATEGORY_FIELD_NAMES: Record<string, string> = { subsidyRatio: 'ratioPercent', capYuan: 'cap', minYuan: 'min' };

export function CategoryFormModal({ code, version, category, open, onOpenChange, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const onError = useVersionErrorHandler(code);
  const initialPercent = ratioToPercent(category?.subsidyRatio ?? null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (category) {
      form.setFieldsValue({
        ...category,
        ratioPercent: initialPercent,
        cap: yuanToWanValue(category.capYuan),
        min: yuanToWanValue(category.minYuan),
      });
    }
  }, [open, category, initialPercent, form]);

  const onFinish = async (v: Values) => {
    const body: CategoryRule = {
      code: v.code.trim(),
      name: v.name.trim(),
      description: v.description?.trim() ?? '',
      subsidyRatio: category && v.ratioPercent === initialPercent ? category.subsidyRatio : percentToRatio(v.ratioPercent),
      capYuan: wanValueToYuan(v.cap) ?? null,
      minYuan: wanValueToYuan(v.min) ?? null,
      minMatchingMultiple: v.minMatchingMultiple ?? null,
      maxDurationMonths: v.maxDurationMonths ?? null,
      leadOrganisationTypes: v.leadOrganisationTypes ?? [],
      leadTiers: v.leadTiers ?? [],
      industrialisationOriented: !!v.industrialisationOriented,
    };
    try {
      const saved = await api.put<ProgrammeVersion>(`/programmes/${encodeURIComponent(code)}/versions/${version.id}/categories/${encodeURIComponent(body.code)}`, body);
      void message.success(`已保存类别“${body.name}”`);
      onSaved(saved);
      return true;
    } catch (error) {
      onError(error, form, { mapField: (f) => CATEGORY_FIELD_NAMES[f.split('.')[0] ?? ''] ?? f });
      return false;
    }
  };

  return (
    <ModalForm<Values>
      title={category ? `编辑类别“${category.name}”（版本 ${version.version}）` : `新增类别（版本 ${version.version}）`}
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      width={720}
      layout="vertical"
      grid
      rowProps={{ gutter: 16 }}
      initialValues={{ leadOrganisationTypes: [], leadTiers: [], industrialisationOriented: false }}
      modalProps={{ destroyOnHidden: true }}
      submitter={{ searchConfig: { submitText: '保存', resetText: '取消' } }}
      onFinish={onFinish}
    >
      <ProFormText name="code" label="类别代码" colProps={{ span: 8 }} disabled={!!category} rules={zodRules(s.code, '请填写类别代码')} placeholder="如 leading" />
      <ProFormText name="name" label="类别名称" colProps={{ span: 16 }} rules={zodRules(s.name, '请填写类别名称')} placeholder="如 领军类" />
      <ProFormTextArea name="description" label="说明" colProps={{ span: 24 }} fieldProps={{ rows: 3, maxLength: 2000, showCount: true }} />
      <Col span={8}>
        <Form.Item
          name="ratioPercent"
          label="补助比例上限"
          tooltip="财政补助不超过研发总投入的比例；不设比例请留空"
          rules={[
            {
              validator: async (_r, v: unknown) => {
                // An untouched ratio that is no 2-decimal percentage (1/3) is sent back exactly as it was.
                if (v === undefined || v === null || String(v).trim() === '' || v === initialPercent) return;
                const n = Number(v);
                if (!Number.isFinite(n) || n < 0 || n > 100) throw new Error('补助比例须在0%到100%之间');
                // Two decimals at most, so the ratio still reads as a percentage (33.33%), never as a long fraction.
                if (!/^\d+(\.\d{1,2})?$/.test(String(v).trim())) throw new Error('补助比例须为数字，最多保留2位小数');
              },
            },
          ]}
        >
          <InputNumber<string> stringMode controls={false} min="0" max="100" suffix="%" placeholder="不设" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <ProFormWan name="cap" label="补助上限" span={8} tooltip="不设上限请留空" placeholder="不设" rules={wanRules('补助上限')} />
      <Col span={8}>
        <Form.Item
          name="min"
          label="支持下限"
          dependencies={['cap']}
          rules={[
            ...wanRules('支持下限'),
            ({ getFieldValue }) => ({
              validator: async (_r, v: unknown) => {
                const min = parseWan(String(v ?? ''));
                const cap = parseWan(String(getFieldValue('cap') ?? ''));
                if (min.ok && cap.ok && String(v ?? '').trim() !== '' && String(getFieldValue('cap') ?? '').trim() !== '' && min.yuan > cap.yuan) throw new Error('支持下限不能高于补助上限');
              },
            }),
          ]}
        >
          <WanInput placeholder="不设" />
        </Form.Item>
      </Col>
      <ProFormDigit name="minMatchingMultiple" label="自筹配套倍数" colProps={{ span: 8 }} min={0} max={100} tooltip="自筹不少于财政经费的倍数，如 1:2 填 2；不要求请留空" placeholder="不要求" fieldProps={{ precision: 2 }} />
      <ProFormDigit name="maxDurationMonths" label="最长实施期（月）" colProps={{ span: 8 }} min={1} max={600} placeholder="不限" fieldProps={{ precision: 0 }} />
      <ProFormSwitch name="industrialisationOriented" label="产业化导向" colProps={{ span: 8 }} tooltip="须由企业牵头、联合高校或科研院所实施" />
      <ProFormSelect
        name="leadOrganisationTypes"
        label="牵头单位类型"
        mode="multiple"
        colProps={{ span: 12 }}
        placeholder="不限"
        options={ORGANISATION_TYPES.map((t) => ({ value: t, label: ORGANISATION_TYPE_LABELS[t] }))}
      />
      <ProFormSelect
        name="leadTiers"
        label="牵头单位层级（满足其一）"
        mode="multiple"
        colProps={{ span: 12 }}
        placeholder="不限"
        options={ENTERPRISE_TIERS.map((t) => ({ value: t, label: ENTERPRISE_TIER_LABELS[t] }))}
      />
    </ModalForm>
  );
}
