/** Organisation (申报单位) forms, shared by the server's validation and the web forms. */
import { z } from 'zod';
import { normaliseCreditCode, validateCreditCode } from './credit-code.js';

export const ORGANISATION_TYPES = ['enterprise', 'university', 'institute', 'hospital', 'other'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  enterprise: '企业',
  university: '高等院校',
  institute: '科研院所',
  hospital: '医疗卫生机构',
  other: '其他',
};

/** 国民经济行业分类 (GB/T 4754-2017) sections. */
export const INDUSTRY_SECTIONS = {
  A: '农、林、牧、渔业',
  B: '采矿业',
  C: '制造业',
  D: '电力、热力、燃气及水生产和供应业',
  E: '建筑业',
  F: '批发和零售业',
  G: '交通运输、仓储和邮政业',
  H: '住宿和餐饮业',
  I: '信息传输、软件和信息技术服务业',
  J: '金融业',
  K: '房地产业',
  L: '租赁和商务服务业',
  M: '科学研究和技术服务业',
  N: '水利、环境和公共设施管理业',
  O: '居民服务、修理和其他服务业',
  P: '教育',
  Q: '卫生和社会工作',
  R: '文化、体育和娱乐业',
  S: '公共管理、社会保障和社会组织',
  T: '国际组织',
} as const;
export type IndustrySection = keyof typeof INDUSTRY_SECTIONS;
const industryCodes = Object.keys(INDUSTRY_SECTIONS) as [IndustrySection, ...IndustrySection[]];

export const creditCodeSchema = z
  .string({ error: '请填写统一社会信用代码' })
  .transform((s) => normaliseCreditCode(s))
  .superRefine((code, ctx) => {
    const r = validateCreditCode(code);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  });

const mobileOrLandline = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

export const organisationProfileSchema = z.object({
  name: z.string().trim().min(2, '单位名称至少2个字').max(100, '单位名称不超过100个字'),
  type: z.enum(ORGANISATION_TYPES, { error: '请选择单位类型' }),
  region: z.string().trim().min(2, '请填写所在地区').max(100),
  industry: z.enum(industryCodes, { error: '请选择所属行业' }),
  address: z.string().trim().max(200).optional().default(''),
  contactName: z.string().trim().min(1, '请填写联系人').max(50),
  contactPhone: z.string().trim().regex(mobileOrLandline, '请填写正确的手机号或固定电话（如 0574-12345678）'),
  contactEmail: z.union([z.literal(''), z.email('邮箱格式不正确')]).optional().default(''),
});
export type OrganisationProfile = z.infer<typeof organisationProfileSchema>;

export const organisationCreateSchema = organisationProfileSchema.extend({ creditCode: creditCodeSchema });
export type OrganisationCreate = z.infer<typeof organisationCreateSchema>;
