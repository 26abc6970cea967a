/** The organisation profile fields, shared by self-registration and the unit's own edit form. */
import { ProFormSelect, ProFormText } from '@ant-design/pro-components';
import {
  INDUSTRY_SECTIONS,
  normaliseCreditCode,
  ORGANISATION_TYPE_LABELS,
  organisationProfileSchema,
} from '@kechuang/domain';
import { creditCodeRules, zodRules } from '../lib/rules';

const shape = organisationProfileSchema.shape;

export const ORGANISATION_TYPE_OPTIONS = Object.entries(ORGANISATION_TYPE_LABELS).map(([value, label]) => ({ value, label }));
export const INDUSTRY_OPTIONS = Object.entries(INDUSTRY_SECTIONS).map(([value, label]) => ({ value, label: `${value} ${label}` }));

interface Props {
  /** Where the fields live in the form, e.g. ['organisation'] for registration. */
  prefix?: string[];
  /** The credit code is the organisation's identity: shown but not editable after registration. */
  creditCodeReadOnly?: boolean;
}

export function OrganisationFields({ prefix = [], creditCodeReadOnly = false }: Props) {
  const at = (field: string) => [...prefix, field];
  const half = { xs: 24, md: 12 };
  return (
    <>
      <ProFormText
        name={at('name')}
        label="单位名称"
        colProps={{ span: 24 }}
        placeholder="与营业执照或登记证书一致，如 宁波某某科技有限公司"
        rules={zodRules(shape.name, '请填写单位名称')}
        fieldProps={{ maxLength: 100 }}
      />
      <ProFormText
        name={at('creditCode')}
        label="统一社会信用代码"
        colProps={half}
        placeholder="18位代码，见营业执照或登记证书"
        disabled={creditCodeReadOnly}
        tooltip={creditCodeReadOnly ? '统一社会信用代码是单位的身份标识，注册后不能修改' : '按 GB 32100-2015 校验，全角字符和小写字母会自动转换'}
        rules={creditCodeReadOnly ? [] : creditCodeRules}
        validateTrigger={['onChange', 'onBlur']}
        normalize={(v: unknown) => (typeof v === 'string' ? normaliseCreditCode(v) : v)}
        fieldProps={{ maxLength: 24, style: { fontFamily: 'monospace', letterSpacing: 1 } }}
      />
      <ProFormSelect
        name={at('type')}
        label="单位类型"
        colProps={half}
        options={ORGANISATION_TYPE_OPTIONS}
        rules={[{ required: true, message: '请选择单位类型' }]}
        placeholder="请选择"
      />
      <ProFormText
        name={at('region')}
        label="所在地区"
        colProps={half}
        placeholder="如 浙江省宁波市鄞州区"
        rules={zodRules(shape.region, '请填写所在地区')}
        fieldProps={{ maxLength: 100 }}
      />
      <ProFormSelect
        name={at('industry')}
        label="所属行业"
        colProps={half}
        options={INDUSTRY_OPTIONS}
        showSearch
        rules={[{ required: true, message: '请选择所属行业' }]}
        placeholder="国民经济行业分类门类"
      />
      <ProFormText
        name={at('address')}
        label="详细地址"
        colProps={{ span: 24 }}
        placeholder="街道、门牌号"
        rules={zodRules(shape.address)}
        fieldProps={{ maxLength: 200 }}
      />
      <ProFormText
        name={at('contactName')}
        label="联系人"
        colProps={{ xs: 24, md: 8 }}
        rules={zodRules(shape.contactName, '请填写联系人')}
        fieldProps={{ maxLength: 50 }}
      />
      <ProFormText
        name={at('contactPhone')}
        label="联系电话"
        colProps={{ xs: 24, md: 8 }}
        placeholder="手机号或 0574-12345678"
        rules={zodRules(shape.contactPhone, '请填写联系电话')}
      />
      <ProFormText
        name={at('contactEmail')}
        label="联系邮箱"
        colProps={{ xs: 24, md: 8 }}
        rules={zodRules(shape.contactEmail)}
      />
    </>
  );
}
