/** Chinese labels for programme enumerations, shared by the web forms, the server's documents and the parameter diff. */
import type { EnterpriseTier, OverlapLevel, RuleRefKind, SelectionMode } from './types.js';

export const SELECTION_MODE_LABELS: Record<SelectionMode, string> = {
  competitive: '竞争性评审',
  openChallenge: '揭榜挂帅',
  competitionReview: '以赛代评',
  horseRace: '赛马制',
  directed: '定向委托',
};

export const ENTERPRISE_TIER_LABELS: Record<EnterpriseTier, string> = {
  leadingEnterprise: '龙头企业',
  chainEnterprise: '产业链优势企业',
  talentStartup: '初创型科技人才企业',
  hightech: '高新技术企业',
  smeTech: '科技型中小企业',
  singleChampionNational: '国家级制造业单项冠军企业',
  singleChampionCity: '市级单项冠军企业',
};

export const OVERLAP_LEVEL_LABELS: Record<OverlapLevel, string> = { city: '市级', province: '省级', national: '国家级' };

export const OVERLAP_POLICY_LABELS: Record<'topUp' | 'none', string> = {
  topUp: '就高补差（区级只补高出上级的部分）',
  none: '不予补助（已获上级支持即不再补助）',
};

export const TIER_REWARD_KIND_LABELS: Record<'reward' | 'subsidyCap', string> = { reward: '奖励', subsidyCap: '最高补助' };

export const RULE_REF_KIND_LABELS: Record<RuleRefKind, string> = {
  category: '类别',
  lead: '牵头单位类型与层级',
  field: '重点领域',
  ratio: '补助比例',
  cap: '补助上限',
  range: '支持强度区间',
  matching: '自筹配套',
  selfRaised: '自筹计算',
  duration: '实施期限',
  overlap: '重复立项就高',
  budget: '年度预算',
  industrialisation: '产业化导向项目牵头',
  outOfCity: '市外单位承担',
  chain: '产业链与创新链布局',
};

/** A category's name as a label: 强链 → 强链类, 强链类 stays 强链类 (rule sets name them either way). */
export function categoryLabel(name: string): string {
  return name.endsWith('类') ? name : `${name}类`;
}
